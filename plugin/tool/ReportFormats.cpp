//===--- ReportFormats.cpp - How the weakify tool prints findings ---------===//

#include "ReportFormats.h"

namespace weakify {

std::string runTimeOnlyRule(llvm::StringRef Check) {
  return (Check + "/run-time-only").str();
}

void printText(const std::vector<FindingRecord> &Findings,
               const AuditResults &Audit, bool AsErrors,
               llvm::raw_ostream &OS) {
  for (const FindingRecord &R : Findings)
    OS << formatAsText(R, AsErrors);
  for (FindingRecord R : Audit.RunTimeOnly) {
    R.Check += ",run-time-only";
    OS << formatAsText(R, AsErrors);
  }
}

void printYaml(const std::vector<FindingRecord> &Findings,
               const AuditResults &Audit, llvm::raw_ostream &OS) {
  std::vector<FindingRecord> All = Findings;
  for (FindingRecord R : Audit.RunTimeOnly) {
    R.Check = runTimeOnlyRule(R.Check);
    All.push_back(std::move(R));
  }
  OS << toFixesYaml("", All);
}

} // namespace weakify
