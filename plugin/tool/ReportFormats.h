//===--- ReportFormats.h - How the weakify tool prints findings ----*- C++ -*-===//

#ifndef WEAKIFY_TOOL_REPORTFORMATS_H
#define WEAKIFY_TOOL_REPORTFORMATS_H

#include "FindingRecord.h"
#include "llvm/Support/raw_ostream.h"
#include <vector>

namespace weakify {

enum class ReportFormat { Text, Yaml, Sarif, Html };

/// Like clang: `file:line:col: warning: message [check]` and the notes.
void printText(const std::vector<FindingRecord> &Findings, bool AsErrors,
               llvm::raw_ostream &OS);
/// clang-tidy's export-fixes YAML, which clang-apply-replacements reads.
void printYaml(const std::vector<FindingRecord> &Findings,
               llvm::raw_ostream &OS);
/// SARIF 2.1.0, for code-scanning dashboards.
void printSarif(const std::vector<FindingRecord> &Findings,
                llvm::raw_ostream &OS);
/// A self-contained HTML page with one row per finding.
void printHtml(const std::vector<FindingRecord> &Findings,
               llvm::raw_ostream &OS);

} // namespace weakify

#endif // WEAKIFY_TOOL_REPORTFORMATS_H
