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
  /// One sentence on what the check finds (SARIF's shortDescription).
  const char *Summary;
  /// A paragraph: what is flagged, why it leaks, what the fix-it does
  /// (SARIF's fullDescription).
  const char *Description;
};

/// Every check weakify ships, in a stable order.
llvm::ArrayRef<CheckEntry> allChecks();

/// An error message when a glob of \p Globs that enables checks matches no
/// weakify check, or "".
std::string validateCheckSelection(llvm::StringRef Globs);

/// Checks that `<check>.<Option>` names an option of an existing check and
/// that \p Value suits it (an integer where one is expected, a regular
/// expression that compiles); returns an error message, or "".
std::string validateOption(llvm::StringRef Key, llvm::StringRef Value);

} // namespace weakify

#endif // WEAKIFY_CHECKS_CORE_CHECKLIST_H
