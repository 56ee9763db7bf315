//===--- HeaderFilter.h - Which headers' findings are shown -----*- C++ -*-===//
//
// clang-tidy's --header-filter and --exclude-header-filter, for the tool
// and the plugin: findings in a unit's own source file are always shown; a
// finding in a header is shown when the header matches the header filter
// and not the exclude filter. Without --header-filter every header that is
// not a system header is the user's own code and is shown (clang-tidy shows
// none); an empty filter shows none, as in clang-tidy. A shown finding whose
// fix would edit a hidden file loses its fix: --fix never edits the
// third-party code the user excluded.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_PLUGIN_COMMON_HEADERFILTER_H
#define WEAKIFY_PLUGIN_COMMON_HEADERFILTER_H

#include "FindingRecord.h"
#include "llvm/Support/Regex.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace weakify {

class HeaderFilter {
public:
  /// \p Include unset: every header. Returns an error message in \p Error
  /// when a regular expression does not compile.
  static std::optional<HeaderFilter> create(std::optional<std::string> Include,
                                            const std::string &Exclude,
                                            std::string &Error);

  /// Whether a finding in \p File is shown; \p IsSource says whether it is a
  /// unit's own source file.
  bool shows(llvm::StringRef File, bool IsSource) const;

  /// Keeps the findings of \p Records that are shown, without the fixes of
  /// those that would edit a hidden file.
  void apply(std::vector<FindingRecord> &Records,
             const std::function<bool(llvm::StringRef)> &IsSource) const;
  /// The same for findings not yet recorded (the plugin renders them).
  void apply(std::vector<Finding> &Findings,
             const std::function<bool(llvm::StringRef)> &IsSource) const;

private:
  /// Keeps the shown items of \p Items, and clears the fixes that would
  /// edit a hidden file; \p FileOf names an item's or an edit's file.
  template <class Item, class FileOfItem, class FileOfEdit>
  void filter(std::vector<Item> &Items, FileOfItem FileOf, FileOfEdit EditFile,
              const std::function<bool(llvm::StringRef)> &IsSource) const;

  std::shared_ptr<llvm::Regex> Include, Exclude; ///< Null: not given.
};

} // namespace weakify

#endif // WEAKIFY_PLUGIN_COMMON_HEADERFILTER_H
