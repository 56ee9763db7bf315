//===--- CallableStorage.h - Where does an object keep a callable? -*- C++ -*-===//
//
// weakify-self-capture needs evidence that a callable ends up owned by the
// object it refers to: stored in one of its data members, or in a member of
// something it owns (a value member, a std::unique_ptr member), directly or
// through a function that keeps its argument. These helpers follow a
// callable from the expression that makes it to that storage, and say
// whether the program ever lets go of it again.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CALLABLESTORAGE_H
#define WEAKIFY_CHECKS_CALLABLESTORAGE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/Regex.h"
#include <optional>
#include <string>
#include <vector>

namespace weakify {

/// Where a callable is kept, relative to the object (`this`) of the function
/// that makes it.
struct CallableStorage {
  /// Data members from the object down to the one holding the callable,
  /// outermost first (`Tick`, then `Timer::Handler`). Every one of them is
  /// owned by value or by std::unique_ptr.
  std::vector<const clang::FieldDecl *> Path;
  /// True when Path ends at the data member holding the callable; false when
  /// only the name of the function it is handed to says that it is kept.
  bool SlotKnown = false;
  /// The function the callable is handed to on its way, if any.
  const clang::FunctionDecl *Callee = nullptr;
  /// Where the callable is handed to Callee.
  clang::SourceLocation HandOffLoc;
  /// Where it is stored (inside Callee when there is one).
  clang::SourceLocation StoreLoc;
};

/// Follows the callable \p Value (a lambda, or a use of a local variable
/// holding one) to storage owned by the enclosing `this`. Storing functions
/// whose definition is not visible count when their name matches
/// \p StoringNames.
std::optional<CallableStorage>
ownedStorageOf(const clang::Expr *Value, clang::ASTContext &Ctx,
               const llvm::Regex &StoringNames);

/// std::bind, std::bind_front or boost::bind: a call whose result keeps
/// copies of its arguments.
bool isBindCall(const clang::CallExpr *Call);

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

#endif // WEAKIFY_CHECKS_CALLABLESTORAGE_H
