//===--- CheckGlobs.h - clang-tidy style lists of check globs ---*- C++ -*-===//

#ifndef WEAKIFY_CHECKS_FACTS_CHECKGLOBS_H
#define WEAKIFY_CHECKS_FACTS_CHECKGLOBS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace weakify {

/// True when \p Name is enabled by a clang-tidy style list of globs
/// ("-*,weakify-owning-*"): later globs win, a leading '-' disables.
bool isCheckEnabled(llvm::StringRef Globs, llvm::StringRef Name);

/// An error message when \p Globs has a malformed glob, otherwise "".
std::string validateCheckGlobs(llvm::StringRef Globs);

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_CHECKGLOBS_H
