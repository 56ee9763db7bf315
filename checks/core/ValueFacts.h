//===--- ValueFacts.h - What an expression's value is -----------*- C++ -*-===//
//
// Small questions every check asks about an operand: is it an empty value
// (what letting go looks like), is it a call to a given standard function,
// and what is it once the implicit nodes clang wraps around it are gone.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CORE_VALUEFACTS_H
#define WEAKIFY_CHECKS_CORE_VALUEFACTS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"
#include <initializer_list>

namespace weakify {

/// Whether \p E is an empty value: `nullptr`, `NULL`, `0`, `{}`, a value-
/// or default-initialised object, or one made from such a value
/// (`std::shared_ptr<T>(nullptr)`, `std::function<void()>{}`).
bool isEmptyValue(const clang::Expr *E);

/// Whether \p F is the standard library function named one of \p Names.
bool isStdFunction(const clang::FunctionDecl *F,
                   std::initializer_list<llvm::StringRef> Names);

/// \p E without the implicit nodes clang wraps around an operand (implicit
/// casts, parentheses, temporaries, cleanups): what a top-down walk sees
/// where a bottom-up one would skip the same nodes (AstNavigation.h).
const clang::Expr *ignoringWrappers(const clang::Expr *E);

} // namespace weakify

#endif // WEAKIFY_CHECKS_CORE_VALUEFACTS_H
