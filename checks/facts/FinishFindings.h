//===--- FinishFindings.h - From rules' findings to what users see -*- C++ -*-===//
//
// The last step before any front end renders findings, the same in all of
// them: findings silenced by NOLINT go (an unmatched NOLINTBEGIN or
// NOLINTEND in their file becomes an error), each check reports a place once, a
// fix whose edits cannot be placed or overlap goes (the warning stays), and
// the first fixed finding of each file brings the runtime #include.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_FACTS_FINISHFINDINGS_H
#define WEAKIFY_CHECKS_FACTS_FINISHFINDINGS_H

#include "Finding.h"
#include "SourceTexts.h"
#include "clang/Basic/LangOptions.h"
#include <set>
#include <string>
#include <vector>

namespace weakify {

/// The files that already got the runtime #include in this unit or run:
/// one include per file across every check.
class IncludeLedger {
public:
  void reset() { Files.clear(); }
  /// Whether \p File still needs it; records that it now has it.
  bool claim(llvm::StringRef File) { return Files.insert(File.str()).second; }

private:
  std::set<std::string> Files;
};

/// Finishes \p Findings in place (sorted, see above). \p BelowCxx17 names
/// the standard (`c++14`) of code the runtime cannot serve: then a fix that
/// needs the runtime is dropped, and the warning says why.
void finishFindings(std::vector<Finding> &Findings, SourceTexts &Texts,
                    IncludeLedger &Includes, llvm::StringRef BelowCxx17 = "");

/// The name of the standard \p LangOpts select when it is older than
/// C++17 (`c++14`, `gnu++11`), or "".
std::string standardBelowCxx17(const clang::LangOptions &LangOpts);

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_FINISHFINDINGS_H
