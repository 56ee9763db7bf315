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

template <class Item, class FileOfItem, class FileOfEdit>
void HeaderFilter::filter(
    std::vector<Item> &Items, FileOfItem FileOf, FileOfEdit EditFile,
    const std::function<bool(llvm::StringRef)> &IsSource) const {
  if (!Include && !Exclude)
    return;
  auto Shown = [&](llvm::StringRef File) {
    return shows(File, IsSource(File));
  };
  llvm::erase_if(Items, [&](const Item &I) { return !Shown(FileOf(I)); });
  for (Item &I : Items)
    if (llvm::any_of(I.Fixes,
                     [&](const auto &E) { return !Shown(EditFile(E)); }))
      I.Fixes.clear();
}

void HeaderFilter::apply(
    std::vector<FindingRecord> &Records,
    const std::function<bool(llvm::StringRef)> &IsSource) const {
  filter(
      Records,
      [](const FindingRecord &R) { return llvm::StringRef(R.Main.File); },
      [](const clang::tooling::Replacement &E) { return E.getFilePath(); },
      IsSource);
}

void HeaderFilter::apply(
    std::vector<Finding> &Findings,
    const std::function<bool(llvm::StringRef)> &IsSource) const {
  filter(
      Findings, [](const Finding &F) { return llvm::StringRef(F.Loc.File); },
      [](const Edit &E) { return llvm::StringRef(E.Begin.File); }, IsSource);
}

} // namespace weakify
