//===--- FrontEndContext.cpp - Options and findings for a front end -------===//

#include "FrontEndContext.h"
#include "CheckList.h"
#include "Suppression.h"

namespace weakify {

std::optional<std::string>
FrontEndContext::getOption(llvm::StringRef CheckName,
                           llvm::StringRef Name) const {
  auto It = Options.find((CheckName + "." + Name).str());
  if (It == Options.end())
    return std::nullopt;
  return It->second;
}

void FrontEndContext::report(Finding F) {
  if (!SM || F.Loc.isInvalid())
    return;
  clang::SourceLocation Spelled = SM->getExpansionLoc(F.Loc);
  if (SM->isInSystemHeader(Spelled))
    return;
  // Whether a file has NOLINTBEGIN at all is asked once per file.
  unsigned File = SM->getFileID(Spelled).getHashValue();
  auto [It, New] = FilesWithRegions.try_emplace(File, false);
  if (New)
    It->second = fileMayHaveNolintRegions(*SM, Spelled);
  if (isSuppressedByNolint(*SM, F.Loc, F.CheckName, It->second))
    return;
  Includes.dropRepeats(F.Fixes, *SM);
  OnFinding(std::move(F));
}

std::string validateOptionKey(llvm::StringRef Key) {
  auto [Check, Option] = Key.split('.');
  if (Option.empty())
    return "expected '<check>.<Option>', got '" + Key.str() + "'";
  for (const CheckEntry &Entry : allChecks())
    if (Check == Entry.Name)
      return "";
  return "unknown check '" + Check.str() + "' in option '" + Key.str() + "'";
}

} // namespace weakify
