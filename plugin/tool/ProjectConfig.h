//===--- ProjectConfig.h - Settings from a .clang-tidy file -----*- C++ -*-===//
//
// Projects that run clang-tidy keep their settings in `.clang-tidy` files;
// weakify reads the same files, as clang-tidy does: `--config-file=FILE`, or
// else the `.clang-tidy` closest to the first source file analysed (then to
// the working directory). It takes `Checks` (a string or a list), the
// `CheckOptions` of weakify's checks (a mapping, or clang-tidy's older list
// of key/value pairs), `HeaderFilterRegex` and `ExcludeHeaderFilterRegex`;
// every other key, and other tools' checks and options, are left to them.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_TOOL_PROJECTCONFIG_H
#define WEAKIFY_TOOL_PROJECTCONFIG_H

#include "llvm/ADT/StringRef.h"
#include <map>
#include <optional>
#include <string>

namespace weakify {

struct ProjectConfig {
  std::string Path; ///< The file read; empty when there was none.
  std::string Checks;
  std::map<std::string, std::string> Options; ///< `<check>.<Option>`.
  std::optional<std::string> HeaderFilter, ExcludeHeaderFilter;
};

/// Reads the clang-tidy configuration file \p Path; std::nullopt and an
/// error message in \p Error when it cannot be read or parsed.
std::optional<ProjectConfig> readProjectConfig(llvm::StringRef Path,
                                               std::string &Error);

/// The `.clang-tidy` in \p Directory or the closest of its parents, or "".
std::string findProjectConfig(llvm::StringRef Directory);

} // namespace weakify

#endif // WEAKIFY_TOOL_PROJECTCONFIG_H
