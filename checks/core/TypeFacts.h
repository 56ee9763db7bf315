//===--- TypeFacts.h - Recognising the standard smart pointers ----*- C++ -*-===//

#ifndef WEAKIFY_CHECKS_TYPEFACTS_H
#define WEAKIFY_CHECKS_TYPEFACTS_H

#include "clang/AST/Type.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include <optional>
#include <string>
#include <vector>

namespace weakify {

/// Matches std::shared_ptr<T> through any sugar.
clang::ast_matchers::internal::Matcher<clang::QualType> sharedPtrType();

/// Matches std::weak_ptr<T> through any sugar.
clang::ast_matchers::internal::Matcher<clang::QualType> weakPtrType();

/// T for std::weak_ptr<T> (through sugar), otherwise nothing.
std::optional<clang::QualType> weakPtrPointee(clang::QualType T);

/// T for std::shared_ptr<T> (through sugar), otherwise nothing.
std::optional<clang::QualType> sharedPtrPointee(clang::QualType T);

/// Splits a ';'- or ','-separated option value, dropping blanks.
std::vector<std::string> splitList(llvm::StringRef List);

} // namespace weakify

#endif // WEAKIFY_CHECKS_TYPEFACTS_H
