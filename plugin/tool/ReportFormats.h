//===--- ReportFormats.h - How the weakify tool prints findings ----*- C++ -*-===//

#ifndef WEAKIFY_TOOL_REPORTFORMATS_H
#define WEAKIFY_TOOL_REPORTFORMATS_H

#include "AuditResults.h"
#include "FindingRecord.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace weakify {

enum class ReportFormat { Text, Yaml, Sarif, Html };

/// A unit (or an input of `weakify report`) that could not be analysed.
struct UnitFailure {
  std::string File;
  std::string Message;
};

/// What a report may say beyond the findings.
struct ReportContext {
  std::vector<UnitFailure> Failures;
  /// When not empty, files under this absolute folder are named relative
  /// to it (SARIF's originalUriBaseIds, baselines).
  std::string ProjectRoot;
  /// The folder an HTML report is written to, or "" (stdout).
  std::string OutputDir;
};

/// The rule of a run-time-only result of \p Check.
std::string runTimeOnlyRule(llvm::StringRef Check);

// Each prints the findings, then the run-time-only results of \p Audit
// (none without --audit); the audit's verdicts on findings are notes of
// theirs.

/// Like clang: `file:line:col: warning: message [check]` and the notes; a
/// run-time-only result ends `[check,run-time-only]`.
void printText(const std::vector<FindingRecord> &Findings,
               const AuditResults &Audit, bool AsErrors, llvm::raw_ostream &OS);
/// clang-tidy's export-fixes YAML, which clang-apply-replacements reads; a
/// run-time-only result is named `check/run-time-only`.
void printYaml(const std::vector<FindingRecord> &Findings,
               const AuditResults &Audit, llvm::raw_ostream &OS);
/// SARIF 2.1.0, for code-scanning dashboards. With an audit, each result's
/// properties hold `weakifyAudit` and the site's numbers, and a
/// run-time-only result's rule is `check/run-time-only`.
void printSarif(const std::vector<FindingRecord> &Findings,
                const AuditResults &Audit, const ReportContext &Context,
                llvm::raw_ostream &OS);
/// A self-contained HTML page with one row per finding.
void printHtml(const std::vector<FindingRecord> &Findings,
               const AuditResults &Audit, const ReportContext &Context,
               llvm::raw_ostream &OS);

} // namespace weakify

#endif // WEAKIFY_TOOL_REPORTFORMATS_H
