//===--- SharedMemberUses.h - What code does with an owning member -*- C++ -*-===//
//
// For weakify-ownership-cycle: whether a use of a member breaks the cycle it
// is part of (resets, clears or moves it out), and how the use is rewritten
// when a std::shared_ptr member becomes a std::weak_ptr.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_SHAREDMEMBERUSES_H
#define WEAKIFY_CHECKS_SHAREDMEMBERUSES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace weakify {

/// How a use reads once the std::shared_ptr member becomes a std::weak_ptr.
enum class WeakRewrite {
  Keep,   // Compiles and means the same as written (assignments, reset()).
  Lock,   // Needs `.lock()` after the member (reads, calls through it).
  Unsafe, // No rewrite that surely keeps the meaning.
};

struct SharedMemberUse {
  /// The use lets go of what the member owns (reset, clear, = nullptr,
  /// swap, std::move, a queue's pop) outside a destructor: the code breaks
  /// cycles itself.
  bool Breaks = false;
  WeakRewrite Rewrite = WeakRewrite::Unsafe;
  /// The use assigns the member from this parameter of its function (a
  /// setter): called with nullptr, that setter breaks cycles too.
  const clang::ParmVarDecl *AssignedFrom = nullptr;
};

/// Classifies \p Use, an expression naming the member.
SharedMemberUse classifySharedMemberUse(const clang::MemberExpr *Use,
                                        clang::ASTContext &Ctx);

/// Whether \p Init, the value a std::shared_ptr member is initialised or
/// assigned with, stays owned elsewhere once the member is weak: an object
/// that exists (a variable, a moved-from variable, shared_from_this(), a
/// lock()) rather than one made on the spot, which a weak_ptr would drop.
bool initKeepsOwner(const clang::Expr *Init);

} // namespace weakify

#endif // WEAKIFY_CHECKS_SHAREDMEMBERUSES_H
