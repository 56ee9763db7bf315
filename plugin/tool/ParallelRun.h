//===--- ParallelRun.h - Analyse many units of a build at once ----*- C++ -*-===//
//
// The map phase of the weakify tool: every unit of a compilation database
// in parallel. Per unit, each unit's facts are decided on alone (as the
// plugin and clang-tidy do); otherwise the facts of all units are merged, as
// they come, into one set for the rules to decide on once.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_TOOL_PARALLELRUN_H
#define WEAKIFY_TOOL_PARALLELRUN_H

#include "Facts.h"
#include "Finding.h"
#include "FindingRecord.h"
#include "ReportFormats.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <map>
#include <string>
#include <vector>

namespace weakify {

struct RunSettings {
  std::string Checks;
  std::map<std::string, std::string> Options;
  unsigned Jobs = 0; ///< 0: one per core.
  /// Decide on each unit's facts alone instead of merging them.
  bool PerUnit = false;
  /// Print `[n/N] file` to stderr as units finish.
  bool Progress = false;
};

struct RunResult {
  /// Per unit: every unit's findings, sorted, each once (a header seen by
  /// several units reports once).
  std::vector<FindingRecord> Findings;
  /// Per unit: why would-be findings were held back, each once.
  std::vector<Explanation> Explanations;
  /// Otherwise: the merged facts of every unit analysed.
  FactSet Facts;
  /// The units that failed to parse, with their compiler errors.
  std::vector<UnitFailure> UnitErrors;
};

RunResult analyzeUnits(const clang::tooling::CompilationDatabase &DB,
                       const std::vector<std::string> &Files,
                       const RunSettings &Settings);

} // namespace weakify

#endif // WEAKIFY_TOOL_PARALLELRUN_H
