//===--- ContainerFix.cpp - The fix-it that swaps a container type --------===//

#include "ContainerFix.h"
#include "IncludeFix.h"
#include "Suppression.h"

using namespace clang;

namespace weakify {

void ContainerFix::apply(Finding &F, const SourceManager &SM,
                         llvm::ArrayRef<SourceRange> Declarations,
                         llvm::StringRef Replacement,
                         llvm::ArrayRef<FixItHint> Rewrites) {
  for (SourceRange Range : Declarations)
    F.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Range), Replacement));
  std::set<std::pair<unsigned, std::string>> Seen;
  for (const FixItHint &Hint : Rewrites)
    if (Seen.insert({Hint.RemoveRange.getBegin().getRawEncoding(),
                     Hint.CodeToInsert})
            .second)
      F.Fixes.push_back(Hint);
  if (Declarations.empty())
    return;
  // A finding the user silenced is never fixed: the include goes with the
  // next one in the file.
  auto [Regions, New] = FilesWithNolintRegions.try_emplace(
      SM.getFileID(SM.getExpansionLoc(F.Loc)).getHashValue(), false);
  if (New)
    Regions->second = fileMayHaveNolintRegions(SM, SM.getExpansionLoc(F.Loc));
  if (isSuppressedByNolint(SM, F.Loc, CheckName, Regions->second))
    return;
  FileID File = SM.getFileID(Declarations.front().getBegin());
  if (IncludedFiles.insert(File.getHashValue()).second)
    if (std::optional<FixItHint> Include =
            includeInsertion(SM, File, RuntimeHeader))
      F.Fixes.push_back(*Include);
}

} // namespace weakify
