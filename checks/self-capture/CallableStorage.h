//===--- CallableStorage.h - Where does an object keep a callable? -*- C++ -*-===//
//
// weakify-self-capture needs evidence that a callable ends up owned by the
// object it refers to: stored in one of its data members, or in a member of
// something it owns (a value member, a std::unique_ptr member), directly or
// through a function that keeps its argument. These helpers follow a
// callable from the expression that makes it to that storage;
// ReleasedMembers.h says whether the program ever lets go of it again.
//
// A callable handed to a member function this unit does not define is
// followed no further here: the storage is left pending on what that
// function does with the parameter, which the unit defining it says (or,
// when no unit does, the function's name; see SelfCaptureRules.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CALLABLESTORAGE_H
#define WEAKIFY_CHECKS_CALLABLESTORAGE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
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
  /// Set when the callable goes on into a member function this unit does
  /// not define (or a system header does): Path then ends at the object the
  /// function is called on, and the rest depends on what it does with
  /// parameter PendingIndex.
  const clang::CXXMethodDecl *Pending = nullptr;
  unsigned PendingIndex = 0;
  /// The object Pending is called on is a signal (its `connect` keeps).
  bool PendingOnSignal = false;
  /// The function the callable is handed to on its way, if any.
  const clang::FunctionDecl *Callee = nullptr;
  /// Where the callable is handed to Callee.
  clang::SourceLocation HandOffLoc;
  /// Where it is stored (inside Callee when there is one).
  clang::SourceLocation StoreLoc;
};

/// Follows the callable \p Value (a lambda, or a use of a local variable
/// holding one) to storage owned by the enclosing `this`, or with \p Root
/// by the object the strong pointer variable \p Root points to
/// (`Root->OnMessage = ...`).
std::optional<CallableStorage>
ownedStorageOf(const clang::Expr *Value, clang::ASTContext &Ctx,
               const clang::VarDecl *Root = nullptr);

/// Where the member function \p Method keeps what it is given as parameter
/// \p Index, relative to its own object; nothing when it does not.
std::optional<CallableStorage>
parameterStorage(const clang::CXXMethodDecl *Method, unsigned Index,
                 clang::ASTContext &Ctx);

/// Whether a value of type \p T can keep a callable: a closure, a
/// std::function, a callable wrapper, or an aggregate of those.
bool typeHoldsCallable(clang::QualType T);

/// std::bind, std::bind_front or boost::bind: a call whose result keeps
/// copies of its arguments.
bool isBindCall(const clang::CallExpr *Call);

/// \p E without the nodes a callable passes through unchanged on its way
/// to storage: conversions, temporaries, std::move/std::forward, callable
/// wrappers constructed from one argument.
const clang::Expr *stripCarriers(const clang::Expr *E);

} // namespace weakify

#endif // WEAKIFY_CHECKS_CALLABLESTORAGE_H
