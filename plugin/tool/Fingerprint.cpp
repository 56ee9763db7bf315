//===--- Fingerprint.cpp - A finding's name that survives edits -----------===//

#include "Fingerprint.h"
#include "llvm/Support/Path.h"

namespace weakify {

std::string relativeToRoot(llvm::StringRef File, llvm::StringRef Root) {
  Root = Root.rtrim('/');
  if (Root.empty() || File.size() <= Root.size() + 1 ||
      !File.starts_with(Root) || File.drop_front(Root.size()).front() != '/')
    return File.str();
  return File.drop_front(Root.size() + 1).str();
}

std::string fingerprint(const FindingRecord &R, llvm::StringRef ProjectRoot) {
  llvm::StringRef What = R.Declaration;
  if (What.empty())
    What = R.Main.Text;
  return R.Check + "|" + relativeToRoot(R.Main.File, ProjectRoot) + "|" +
         What.str();
}

} // namespace weakify
