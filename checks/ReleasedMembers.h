//===--- ReleasedMembers.h - Which members may let go? ----------*- C++ -*-===//
//
// "The object keeps this callable forever" needs the converse evidence too:
// nothing ever empties, resets, reassigns or moves from the members on the
// way to it. One walk over the unit finds every member that may let go.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_RELEASEDMEMBERS_H
#define WEAKIFY_CHECKS_RELEASEDMEMBERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseSet.h"

namespace weakify {

/// Data members that the program may empty, reset, reassign, swap or move
/// from, or whose address or non-const reference escapes; found once per
/// translation unit. Destructors do not count: they only run once the
/// object is already free.
class ReleasedMembers {
public:
  void build(clang::ASTContext &Ctx);
  bool built() const { return Built; }
  void reset();
  /// Whether \p Field (or its template pattern) may be let go of. With
  /// \p ByName, calls such as `stop()`, `cancel()` or `disconnect()` on the
  /// member count too: used when the storage itself is not visible.
  bool isReleased(const clang::FieldDecl *Field, bool ByName) const;

  /// Whether some call passes \p Callee an empty value (nullptr, {}, a
  /// default-constructed object): the way to empty what it stores.
  bool isEmptiedThrough(const clang::FunctionDecl *Callee) const;

private:
  friend class ReleaseFinder;
  llvm::DenseSet<const clang::FunctionDecl *> EmptiedThrough;
  bool Built = false;
  llvm::DenseSet<const clang::FieldDecl *> Released, ReleasedByName;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_RELEASEDMEMBERS_H
