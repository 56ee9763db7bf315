//===--- EntryValueUses.h - What code does with an owning entry --*- C++ -*-===//
//
// The value inside a container of std::shared_ptr (`M[K]`, `M.at(K)`,
// `It->second`, `L[I]`, `L.front()`) is an owner. Whether code reads it,
// stores a new owner in it, lets it go or lends it out decides what the
// container is: a cache that never lets go, or the sole owner of its
// objects.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CONTAINERUSES_ENTRYVALUEUSES_H
#define WEAKIFY_CHECKS_CONTAINERUSES_ENTRYVALUEUSES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace weakify {

/// How an lvalue of an owning entry (a std::shared_ptr<V>& inside the
/// container) is used.
struct EntryValueUse {
  bool Read = false;
  /// A new owner is stored (`M[K] = V`, `Slot.reset(new V)`).
  bool Store = false;
  /// What the entry owned is let go of: reset(), = nullptr, moved out,
  /// swapped.
  bool Removal = false;
  bool Escapes = false;
  /// Lent out as a reference or raw pointer: the container is the owner.
  bool Borrowed = false;
  /// Only correct while the expression stays an lvalue into the container.
  bool NeedsLvalue = false;
  /// `M[K] = V`: the assignment, for the insert_or_assign rewrite.
  const clang::CXXOperatorCallExpr *StoreAssign = nullptr;

  void merge(const EntryValueUse &O);
};

/// Classifies the entry value \p E (an expression of the owning pointer
/// type that refers into a container).
EntryValueUse classifyEntryValue(const clang::Expr *E, clang::ASTContext &Ctx);

/// A parameter of type \p ParamType only reads what is passed to it: a
/// value or a const lvalue reference.
bool isConstRefOrValue(clang::QualType ParamType);

} // namespace weakify

#endif // WEAKIFY_CHECKS_CONTAINERUSES_ENTRYVALUEUSES_H
