//===--- ObserverUses.h - What the code does with an observer list -*- C++ -*-===//
//
// Classifies one use of a container of std::shared_ptr<L> (a vector, list,
// deque or set held in a variable or data member): does it add an element,
// notify the elements, let elements go, or do something this analysis does
// not follow? Also says whether the fix-it to weakref::set<L> keeps the use
// compiling, and how to rewrite it.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OBSERVERUSES_H
#define WEAKIFY_CHECKS_OBSERVERUSES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/Diagnostic.h"
#include <vector>

namespace weakify {

struct ObserverUse {
  const clang::Expr *Ref = nullptr;
  const clang::FunctionDecl *Function = nullptr;
  clang::SourceLocation Loc;
  /// push_back/emplace_back/insert/... of one element; AddedParameter is
  /// set when that element is a parameter of Function (the caller's object).
  bool Add = false;
  const clang::ParmVarDecl *AddedParameter = nullptr;
  /// A range-for over the elements that calls into each of them.
  bool Notify = false;
  /// Elements can leave: erase, remove, clear, pop, swap, assignment...
  bool Removal = false;
  /// The container or an element escapes in a way not followed here.
  bool Escapes = false;
  /// The rewrite to weakref::set keeps this use compiling.
  bool Rewritable = true;
  std::vector<clang::FixItHint> Rewrites;
};

ObserverUse classifyObserverUse(const clang::Expr *Ref, clang::ASTContext &Ctx);

} // namespace weakify

#endif // WEAKIFY_CHECKS_OBSERVERUSES_H
