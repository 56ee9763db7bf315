//===--- ContainerFix.cpp - The fix-it that swaps a container type --------===//

#include "ContainerFix.h"
#include "IncludeFix.h"

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
  FileID File = SM.getFileID(Declarations.front().getBegin());
  if (IncludedFiles.insert(File.getHashValue()).second)
    if (std::optional<FixItHint> Include =
            includeInsertion(SM, File, RuntimeHeader))
      F.Fixes.push_back(*Include);
}

} // namespace weakify
