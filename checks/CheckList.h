//===--- CheckList.h - The catalogue of weakify checks ----------*- C++ -*-===//

#ifndef WEAKIFY_CHECKS_CHECKLIST_H
#define WEAKIFY_CHECKS_CHECKLIST_H

#include "WeakifyCheck.h"
#include "llvm/ADT/ArrayRef.h"
#include <functional>
#include <memory>
#include <vector>

namespace weakify {

struct CheckEntry {
  const char *Name;
  std::function<std::unique_ptr<WeakifyCheck>(CheckContext &)> Create;
};

/// Every check weakify ships, in a stable order.
llvm::ArrayRef<CheckEntry> allChecks();

/// True when \p Name is enabled by a clang-tidy style list of globs
/// ("-*,weakify-owning-*"): later globs win, a leading '-' disables.
bool isCheckEnabled(llvm::StringRef Globs, llvm::StringRef Name);

/// An error message when \p Globs has a malformed glob, otherwise "".
std::string validateCheckGlobs(llvm::StringRef Globs);

/// Instantiates the checks enabled by \p Globs.
std::vector<std::unique_ptr<WeakifyCheck>> createChecks(llvm::StringRef Globs,
                                                        CheckContext &Context);

} // namespace weakify

#endif // WEAKIFY_CHECKS_CHECKLIST_H
