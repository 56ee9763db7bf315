//===--- AuditResults.h - An instrumented run against the findings -*- C++ -*-===//
//
// An instrumented program writes, at exit, one audit site per field it
// watched: how many objects were still kept alive through it (retained),
// how many it held at once at most (peak) and in all (total). `--audit FILE`
// reads that file and holds it against the static findings: a finding is
// confirmed when a leaking site of its check lies at its location or at one
// of its notes', else not seen; a leaking site that no finding covers is a
// result of its own, run-time-only. Leaking ownership-cycle sites that share
// a cycle group with a site that confirmed a finding belong to that finding.
// docs/tool.md, "Run-time audit", has the rules.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_TOOL_AUDITRESULTS_H
#define WEAKIFY_TOOL_AUDITRESULTS_H

#include "FindingRecord.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace weakify {

/// One watched field of the audit file (version 1).
struct AuditedSite {
  std::string Check;
  std::string File;
  unsigned Line = 0;
  std::string Name;
  uint64_t Retained = 0, Peak = 0, Total = 0;
  std::vector<int64_t> CycleGroups;

  bool leaking() const { return Retained > 0; }
};

/// The sites of the audit file \p Path, or nothing with a one-line reason
/// in \p Error (no such file, not JSON, another version, a site lacking a
/// field or naming an unknown check).
std::optional<std::vector<AuditedSite>> readAudit(llvm::StringRef Path,
                                                  std::string &Error);

/// The sites of several runs' audits as one: a site's retained objects and
/// entries added are summed, its peak is the largest, and each run's cycle
/// groups keep apart from the other runs' (they are numbered per run).
std::vector<AuditedSite>
mergeAudits(std::vector<std::vector<AuditedSite>> Runs);

enum class VerdictKind { Confirmed, NotSeen, RunTimeOnly };

/// What the audit says of one result.
struct AuditVerdict {
  VerdictKind Kind = VerdictKind::NotSeen;
  /// The site that confirmed the finding or makes the run-time-only result;
  /// for a finding not seen, a clean site at its location, if any.
  std::optional<AuditedSite> Site;
};

/// "confirmed", "not-seen" or "run-time-only", as SARIF says it.
llvm::StringRef verdictKindName(VerdictKind Kind);

/// The audit held against a run's findings.
struct AuditResults {
  /// Whether there was an audit at all.
  bool Given = false;
  /// The leaking sites that no finding covers, as results: the check, the
  /// site's place (column 1), and for a cycle the other sites of its groups
  /// as notes.
  std::vector<FindingRecord> RunTimeOnly;
  /// The verdict on each finding and each run-time-only result.
  std::map<FindingRecord, AuditVerdict> Verdicts;

  /// The verdict on \p R, or null.
  const AuditVerdict *verdictOf(const FindingRecord &R) const;
  /// How many of \p Findings the audit confirmed, and did not see.
  size_t count(const std::vector<FindingRecord> &Findings,
               VerdictKind Kind) const;
};

/// Holds \p Sites against \p Findings: adds to each finding a note with the
/// verdict (and the other sites that confirm it), and makes the run-time-only
/// results. Sites of checks that \p Enabled rejects are left out, and so are
/// findings that are errors in the input (an unmatched NOLINTBEGIN).
AuditResults applyAudit(std::vector<FindingRecord> &Findings,
                        const std::vector<AuditedSite> &Sites,
                        const std::function<bool(llvm::StringRef)> &Enabled);

} // namespace weakify

#endif // WEAKIFY_TOOL_AUDITRESULTS_H
