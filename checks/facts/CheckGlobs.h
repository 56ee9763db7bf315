//===--- CheckGlobs.h - clang-tidy style lists of check globs ---*- C++ -*-===//

#ifndef WEAKIFY_CHECKS_FACTS_CHECKGLOBS_H
#define WEAKIFY_CHECKS_FACTS_CHECKGLOBS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace weakify {

/// True when \p Name is enabled by a clang-tidy style list of globs
/// ("-*,weakify-owning-*"): later globs win, a leading '-' disables, '*' is
/// the only wildcard.
bool isCheckEnabled(llvm::StringRef Globs, llvm::StringRef Name);

/// An error message when a glob of \p Globs that enables checks matches none
/// of the \p Known check names (a typo would silently check nothing),
/// otherwise "". Disabling globs may name anything ("-*").
std::string validateCheckGlobs(llvm::StringRef Globs,
                               llvm::ArrayRef<llvm::StringRef> Known);

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_CHECKGLOBS_H
