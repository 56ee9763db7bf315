//===--- Finding.h - What the rules conclude ---------------------*- C++ -*-===//
//
// Rules turn facts into findings. A finding refers to places by file, line
// and column like the facts it comes from, so the same finding comes out of
// one unit's facts in a compiler and out of a program's merged facts in the
// weakify tool; each front end renders it its own way.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_FACTS_FINDING_H
#define WEAKIFY_CHECKS_FACTS_FINDING_H

#include "Facts.h"
#include <string>
#include <vector>

namespace weakify {

struct FindingNote {
  Location Loc;
  std::string Message;
};

struct Finding {
  std::string Check;
  Location Loc;
  std::string Message;
  std::vector<FindingNote> Notes;
  /// Empty when no safe rewrite exists; then the warning comes alone. The
  /// edits are applied all together or not at all.
  std::vector<Edit> Fixes;
  /// The file whose declaration the fix rewrites to a weakref type: it
  /// needs the runtime's #include (added once per file when findings are
  /// finished, see FinishFindings.h).
  std::string NeedsRuntimeIn;
  /// A problem with the input rather than a finding (an unmatched
  /// NOLINTBEGIN): always shown as an error.
  bool Error = false;

  auto key() const { return std::tie(Loc, Check, Message); }
  bool operator<(const Finding &O) const { return key() < O.key(); }
};

/// Why a candidate was not reported, for `--explain`.
struct Explanation {
  std::string Check;
  Location Loc;
  std::string Message;
  auto key() const { return std::tie(Loc, Check, Message); }
  bool operator<(const Explanation &O) const { return key() < O.key(); }
  bool operator==(const Explanation &O) const { return key() == O.key(); }
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_FINDING_H
