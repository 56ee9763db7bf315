//===--- HeaderFilter.cpp - Which headers' findings are shown -------------===//

#include "HeaderFilter.h"
#include "llvm/ADT/STLExtras.h"

namespace weakify {

std::optional<HeaderFilter>
HeaderFilter::create(std::optional<std::string> Include,
                     const std::string &Exclude, std::string &Error) {
  HeaderFilter Filter;
  auto Compile = [&](const std::string &Pattern, const char *Option,
                     std::shared_ptr<llvm::Regex> &Out) {
    Out = std::make_shared<llvm::Regex>(Pattern);
    std::string Problem;
    if (Out->isValid(Problem))
      return true;
    Error = std::string("invalid regular expression in ") + Option + " '" +
            Pattern + "': " + Problem;
    return false;
  };
  // An empty header filter matches nothing, as in clang-tidy.
  if (Include && !Include->empty() &&
      !Compile(*Include, "--header-filter", Filter.Include))
    return std::nullopt;
  if (Include && Include->empty())
    Filter.Include = std::make_shared<llvm::Regex>("$^");
  if (!Exclude.empty() &&
      !Compile(Exclude, "--exclude-header-filter", Filter.Exclude))
    return std::nullopt;
  return Filter;
}

bool HeaderFilter::shows(llvm::StringRef File, bool IsSource) const {
  if (IsSource)
    return true;
  if (Include && !Include->match(File))
    return false;
  return !Exclude || !Exclude->match(File);
}

void HeaderFilter::apply(
    std::vector<FindingRecord> &Records,
    const std::function<bool(llvm::StringRef)> &IsSource) const {
  if (!Include && !Exclude)
    return;
  llvm::erase_if(Records, [&](const FindingRecord &R) {
    return !shows(R.Main.File, IsSource(R.Main.File));
  });
  for (FindingRecord &R : Records)
    if (llvm::any_of(R.Fixes, [&](const clang::tooling::Replacement &Edit) {
          return !shows(Edit.getFilePath(), IsSource(Edit.getFilePath()));
        }))
      R.Fixes.clear();
}

} // namespace weakify
