//===--- AstNavigation.h - Walking up from an expression --------*- C++ -*-===//
//
// Evidence about a use lives in its parents: what is called on it, what it is
// assigned to, which function it is in. These helpers climb the parent map,
// looking through the implicit nodes clang adds around expressions.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_ASTNAVIGATION_H
#define WEAKIFY_CHECKS_ASTNAVIGATION_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include <string>

namespace weakify {

/// The parent of \p Node as a dynamic node, or an empty node at the root.
clang::DynTypedNode parentOf(const clang::DynTypedNode &Node,
                             clang::ASTContext &Ctx);

/// The first ancestor of \p E that is not an implicit wrapper (implicit
/// casts, parentheses, temporaries, cleanups). \p Child is set to the node
/// directly below it, so callers can tell which operand \p E was.
clang::DynTypedNode meaningfulParent(const clang::Expr *E,
                                     clang::ASTContext &Ctx,
                                     const clang::Expr *&Child);

/// The function, method or lambda body containing \p S, if any.
const clang::FunctionDecl *enclosingFunction(const clang::Stmt *S,
                                             clang::ASTContext &Ctx);

/// The variable or member \p E names (a DeclRefExpr or MemberExpr), or null.
const clang::ValueDecl *referencedDecl(const clang::Expr *E);

/// Whether the expression's value is thrown away (an expression statement).
bool isDiscarded(const clang::Expr *E, clang::ASTContext &Ctx);

/// The source text of \p R, or "" when any part of it comes from a macro.
std::string sourceText(clang::SourceRange R, const clang::SourceManager &SM,
                       const clang::LangOptions &LO);

/// Whether a rewrite of \p R is safe: written in a file, outside macros and
/// system headers.
bool isRewritable(clang::SourceRange R, const clang::SourceManager &SM);

} // namespace weakify

#endif // WEAKIFY_CHECKS_ASTNAVIGATION_H
