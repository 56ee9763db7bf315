//===--- MemberUses.h - What code does with owning members -------*- C++ -*-===//
//
// For weakify-ownership-cycle: whether code lets go of what a member owns
// (reset, clear, = nullptr, swap, std::move, a queue's pop) outside a
// destructor, which breaks the cycles it is part of; which setters assign a
// member from a parameter (called with nullptr, they break cycles too); and
// for std::shared_ptr members, how each use reads once the member becomes a
// std::weak_ptr.
//
// One walk over the unit, top down: each node looks at its operands (through
// the implicit nodes clang adds) for uses of the members it follows, so no
// parent map is built; this runs on every unit.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OWNERSHIPCYCLE_MEMBERUSES_H
#define WEAKIFY_CHECKS_OWNERSHIPCYCLE_MEMBERUSES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include <vector>

namespace weakify {

/// How a use reads once the std::shared_ptr member becomes a std::weak_ptr.
enum class WeakRewrite {
  Keep,   // Compiles and means the same as written (assignments, reset()).
  Lock,   // Needs `.lock()` after the member (reads, calls through it).
  Unsafe, // No rewrite that surely keeps the meaning.
};

struct MemberUses {
  /// The first place each member is let go of.
  llvm::MapVector<const clang::FieldDecl *, clang::SourceLocation> Breaks;
  /// A setter assigns the member from its parameter.
  std::vector<std::pair<const clang::FieldDecl *, const clang::ParmVarDecl *>>
      AssignedFrom;
  /// Calls pass nullptr for the std::shared_ptr parameter at this index of
  /// this function.
  std::vector<std::pair<const clang::FunctionDecl *, unsigned>> GivenNull;
  /// Each use of a rewritten member, and how it reads after the rewrite.
  llvm::MapVector<const clang::MemberExpr *, WeakRewrite> Rewrites;
};

/// Finds the uses of \p Followed (all of them let-go facts) and of
/// \p Rewritten (how they read as std::weak_ptr) in the traversal scope of
/// \p Ctx.
MemberUses
findMemberUses(clang::ASTContext &Ctx,
               const llvm::DenseSet<const clang::FieldDecl *> &Followed,
               const llvm::DenseSet<const clang::FieldDecl *> &Rewritten);

/// Whether \p Init, the value a std::shared_ptr member is initialised or
/// assigned with, stays owned elsewhere once the member is weak: an object
/// that exists (a variable, a moved-from variable, shared_from_this(), a
/// lock()) rather than one made on the spot, which a weak_ptr would drop.
bool initKeepsOwner(const clang::Expr *Init);

} // namespace weakify

#endif // WEAKIFY_CHECKS_OWNERSHIPCYCLE_MEMBERUSES_H
