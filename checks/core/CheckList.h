//===--- CheckList.h - The catalogue of weakify checks ----------*- C++ -*-===//

#ifndef WEAKIFY_CHECKS_CORE_CHECKLIST_H
#define WEAKIFY_CHECKS_CORE_CHECKLIST_H

#include "Check.h"
#include "CheckGlobs.h"
#include "llvm/ADT/ArrayRef.h"
#include <map>
#include <memory>
#include <string>

namespace weakify {

struct CheckEntry {
  const char *Name;
  /// The collector for one unit; it adds facts through the builder.
  std::unique_ptr<Collector> (*Collect)(const CheckOptions &, FactBuilder &);
  /// The rules: add what \p Facts show to \p Out.
  void (*Decide)(const FactSet &Facts, const CheckOptions &, const Scope &,
                 Decisions &Out);
  /// Every option with its value (the default when not set).
  std::map<std::string, std::string> (*Options)(const CheckOptions &);
};

/// Every check weakify ships, in a stable order.
llvm::ArrayRef<CheckEntry> allChecks();

/// Checks that `<check>.<Option>` names an existing check; returns an error
/// message, or "" when the key is valid.
std::string validateOptionKey(llvm::StringRef Key);

} // namespace weakify

#endif // WEAKIFY_CHECKS_CORE_CHECKLIST_H
