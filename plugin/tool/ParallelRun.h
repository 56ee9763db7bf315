//===--- ParallelRun.h - Analyse many units of a build at once ----*- C++ -*-===//

#ifndef WEAKIFY_TOOL_PARALLELRUN_H
#define WEAKIFY_TOOL_PARALLELRUN_H

#include "FindingRecord.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <map>
#include <string>
#include <vector>

namespace weakify {

struct RunSettings {
  std::string Checks;
  std::map<std::string, std::string> Options;
  unsigned Jobs = 0; ///< 0: one per core.
};

struct RunResult {
  /// Every finding of every unit, sorted, duplicates (headers seen by
  /// several units) removed.
  std::vector<FindingRecord> Findings;
  /// Compiler errors, per unit that failed to parse.
  std::vector<std::string> UnitErrors;
};

RunResult analyzeUnits(const clang::tooling::CompilationDatabase &DB,
                       const std::vector<std::string> &Files,
                       const RunSettings &Settings);

} // namespace weakify

#endif // WEAKIFY_TOOL_PARALLELRUN_H
