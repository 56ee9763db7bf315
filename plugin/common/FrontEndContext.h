//===--- FrontEndContext.h - Options and findings for a front end ----*- C++ -*-===//
//
// The compiler plugin and the weakify tool share this: a CheckContext that
// takes options from a `<check>.<Option>` map and passes findings on only when
// the user can act on them (not in a system header, not under NOLINT).
// clang-tidy has its own machinery for both and does not use it.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_PLUGIN_COMMON_FRONTENDCONTEXT_H
#define WEAKIFY_PLUGIN_COMMON_FRONTENDCONTEXT_H

#include "IncludeFix.h"
#include "WeakifyCheck.h"
#include "clang/Basic/SourceManager.h"
#include <functional>
#include <map>
#include <string>

namespace weakify {

class FrontEndContext : public CheckContext {
public:
  using Sink = std::function<void(Finding)>;

  FrontEndContext(std::map<std::string, std::string> Options, Sink OnFinding)
      : Options(std::move(Options)), OnFinding(std::move(OnFinding)) {}

  /// The source manager of the unit being analysed; set before matching.
  void setSourceManager(const clang::SourceManager *S) {
    SM = S;
    FilesWithRegions.clear();
    Includes.reset();
  }

  std::optional<std::string> getOption(llvm::StringRef CheckName,
                                       llvm::StringRef Name) const override;
  void report(Finding F) override;

private:
  std::map<std::string, std::string> Options;
  Sink OnFinding;
  const clang::SourceManager *SM = nullptr;
  std::map<unsigned, bool> FilesWithRegions;
  IncludeLedger Includes;
};

/// Checks that `<check>.<Option>` names an existing check; returns an error
/// message, or "" when the key is valid.
std::string validateOptionKey(llvm::StringRef Key);

} // namespace weakify

#endif // WEAKIFY_PLUGIN_COMMON_FRONTENDCONTEXT_H
