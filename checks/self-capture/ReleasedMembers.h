//===--- ReleasedMembers.h - Which members may let go? ----------*- C++ -*-===//
//
// "The object keeps this callable forever" needs the converse evidence too:
// nothing ever empties, resets, reassigns or moves from the members on the
// way to it. One walk over the unit finds every member that may let go, top
// down (each node looks at its operands), so that no parent map is built:
// it runs on every unit, because the member may be another unit's.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_SELFCAPTURE_RELEASEDMEMBERS_H
#define WEAKIFY_CHECKS_SELFCAPTURE_RELEASEDMEMBERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/SetVector.h"

namespace weakify {

/// Data members that the program may empty, reset, reassign, swap or move
/// from, or whose address or non-const reference escapes. Destructors do
/// not count: they only run once the object is already free.
struct ReleasedMembers {
  llvm::SetVector<const clang::FieldDecl *> Released;
  /// Members on which a call such as `stop()`, `cancel()` or
  /// `disconnect()` is made: they count when the storage itself is not
  /// visible.
  llvm::SetVector<const clang::FieldDecl *> ReleasedByName;
  /// Functions some call passes an empty value (nullptr, {}, a
  /// default-constructed object): the way to empty what they store.
  llvm::SetVector<const clang::FunctionDecl *> EmptiedThrough;
};

/// Walks the traversal scope of \p Ctx.
ReleasedMembers findReleasedMembers(clang::ASTContext &Ctx);

} // namespace weakify

#endif // WEAKIFY_CHECKS_SELFCAPTURE_RELEASEDMEMBERS_H
