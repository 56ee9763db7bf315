//===--- ContainerFix.h - The fix-it that swaps a container type -*- C++ -*-===//
//
// Every check's fix-it has the same shape: the container's declaration(s)
// get the weakref type, each use gets its rewrite, and the file gets the
// runtime include once. This builds it, so the checks differ only in what
// they decide.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CONTAINERFIX_H
#define WEAKIFY_CHECKS_CONTAINERFIX_H

#include "Finding.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace weakify {

class ContainerFix {
public:
  explicit ContainerFix(llvm::StringRef CheckName) : CheckName(CheckName.str()) {}

  /// Adds to \p F: each range of \p Declarations replaced by \p Replacement,
  /// each distinct rewrite of \p Rewrites (a use seen in several template
  /// instantiations is rewritten once), and the runtime include, once per
  /// file for this check in this unit: on the first finding there that no
  /// NOLINT comment suppresses, so a suppressed one does not take it along.
  void apply(Finding &F, const clang::SourceManager &SM,
             llvm::ArrayRef<clang::SourceRange> Declarations,
             llvm::StringRef Replacement,
             llvm::ArrayRef<clang::FixItHint> Rewrites);

  /// Forgets which files got the include: call at the end of each unit.
  void reset() {
    IncludedFiles.clear();
    FilesWithNolintRegions.clear();
  }

private:
  std::string CheckName;
  std::set<unsigned> IncludedFiles;
  std::map<unsigned, bool> FilesWithNolintRegions;
};

/// The rewrites of every use in \p Uses (anything with a `Rewrites` vector).
template <class UseT>
std::vector<clang::FixItHint> rewritesOf(const std::vector<UseT> &Uses) {
  std::vector<clang::FixItHint> All;
  for (const UseT &U : Uses)
    All.insert(All.end(), U.Rewrites.begin(), U.Rewrites.end());
  return All;
}

} // namespace weakify

#endif // WEAKIFY_CHECKS_CONTAINERFIX_H
