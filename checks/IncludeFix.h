//===--- IncludeFix.h - Insert a runtime #include once ----------*- C++ -*-===//

#ifndef WEAKIFY_CHECKS_INCLUDEFIX_H
#define WEAKIFY_CHECKS_INCLUDEFIX_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <set>
#include <vector>

namespace weakify {

/// The runtime header every fix-it includes: one line for all checks, so
/// that fixes of several findings in a file insert the same text (applied
/// once) instead of competing insertions at the same offset.
inline constexpr char RuntimeHeader[] = "weakref/weakref.hpp";

/// A fix-it adding `#include <Header>` to the file \p FID: after its last
/// `#include` line, or at the top when it has none. Nothing when the file
/// already includes it.
std::optional<clang::FixItHint> includeInsertion(const clang::SourceManager &SM,
                                                 clang::FileID FID,
                                                 llvm::StringRef Header);

/// One runtime include per file across all the checks of a unit. Each check
/// adds the include to its first fixed finding in a file; a front end that
/// runs several checks passes every finding through this to drop repeats
/// (two identical insertions would both be applied by clang-tidy).
class IncludeLedger {
public:
  void reset() { Files.clear(); }
  /// Removes from \p Fixes a runtime include insertion into a file that an
  /// earlier finding of this unit already inserts it in.
  void dropRepeats(std::vector<clang::FixItHint> &Fixes,
                   const clang::SourceManager &SM);

private:
  std::set<unsigned> Files;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_INCLUDEFIX_H
