//===--- CallableStorage.h - Where does an object keep a callable? -*- C++ -*-===//
//
// weakify-self-capture needs evidence that a callable ends up owned by the
// object it refers to: stored in one of its data members, or in a member of
// something it owns (a value member, a std::unique_ptr member), directly or
// through a function that keeps its argument. These helpers follow a
// callable from the expression that makes it to that storage;
// ReleasedMembers.h says whether the program ever lets go of it again.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CALLABLESTORAGE_H
#define WEAKIFY_CHECKS_CALLABLESTORAGE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
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

/// \p E without the nodes a callable passes through unchanged on its way
/// to storage: conversions, temporaries, std::move/std::forward, callable
/// wrappers constructed from one argument.
const clang::Expr *stripCarriers(const clang::Expr *E);

} // namespace weakify

#endif // WEAKIFY_CHECKS_CALLABLESTORAGE_H
