//===--- Outcome.h - What a weakify run concludes, delivered -----*- C++ -*-===//
//
// Both commands of the tool end the same way: `weakify -p BUILD` after
// analysing the units of a compilation database, `weakify report` after
// reading the facts a plugin build left in its object files. Whole-program
// findings are decided here on merged facts, finished against the files on
// disk, then printed, exported and applied.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_TOOL_OUTCOME_H
#define WEAKIFY_TOOL_OUTCOME_H

#include "AuditResults.h"
#include "CheckRunner.h"
#include "FindingRecord.h"
#include "ReportFormats.h"
#include <optional>
#include <string>
#include <vector>

namespace weakify {

struct Outcome {
  std::vector<FindingRecord> Findings;
  std::vector<Explanation> Explanations;
  /// With --audit: the run-time-only results and every verdict.
  AuditResults Audit;
};

/// What the enabled checks conclude from the merged facts of a program.
Outcome decideOnProgram(const FactSet &Facts, const CheckRunner &Runner,
                        bool ClosedProgram);

struct DeliverySettings {
  ReportFormat Format = ReportFormat::Text;
  bool WarningsAsErrors = false;
  bool Fix = false;
  bool Explain = false;
  std::string ExportFixes;
  /// `-o`: the file the report is written to (a folder for HTML); "" is
  /// stdout.
  std::string OutputPath;
  /// Failed units, the project root and the HTML folder, for the report.
  ReportContext Context;
  /// With --progress: the summary line also counts findings per check and
  /// gives the wall time and the seconds spent reading the units (or
  /// object files) and deciding.
  bool DetailedSummary = false;
  double WallSeconds = 0, MapSeconds = 0, ReduceSeconds = 0;
  /// With --baseline: how many findings it held back.
  std::optional<size_t> Baselined;
};

/// How a run ends, as its exit status says (docs/tool.md).
enum ExitStatus {
  ExitClean = 0,
  ExitFindingsAsErrors = 1,
  ExitUsage = 2,
  ExitUnitFailed = 3,
};

/// Prints \p O (and the summary line: \p Analysed units analysed, \p Failed
/// that could not be), exports and applies its fixes. Returns the exit
/// status: ExitUnitFailed when a unit failed or writing or fixing failed,
/// else ExitFindingsAsErrors when there are findings (or run-time-only
/// results) and they count as errors, else ExitClean.
int deliver(const Outcome &O, const DeliverySettings &Settings, size_t Analysed,
            size_t Failed);

} // namespace weakify

#endif // WEAKIFY_TOOL_OUTCOME_H
