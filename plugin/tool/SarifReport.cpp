//===--- SarifReport.cpp - Findings as SARIF 2.1.0 ------------------------===//

#include "CheckList.h"
#include "ReportFormats.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include <set>

namespace weakify {

/// The audit's word on \p R, as SARIF properties.
static std::optional<llvm::json::Object> sarifAudit(const AuditResults &Audit,
                                                    const FindingRecord &R) {
  const AuditVerdict *V = Audit.verdictOf(R);
  if (!V)
    return std::nullopt;
  llvm::json::Object Properties{{"weakifyAudit", verdictKindName(V->Kind)}};
  if (V->Site) {
    Properties["weakifyAuditSite"] = V->Site->Name;
    Properties["retained"] = int64_t(V->Site->Retained);
    Properties["peak"] = int64_t(V->Site->Peak);
    Properties["total"] = int64_t(V->Site->Total);
  }
  return Properties;
}

static llvm::json::Object sarifLocation(const LocatedText &L) {
  return llvm::json::Object{
      {"physicalLocation",
       llvm::json::Object{
           {"artifactLocation",
            llvm::json::Object{{"uri", "file://" + L.File}}},
           {"region", llvm::json::Object{{"startLine", L.Line},
                                         {"startColumn", L.Column}}}}}};
}

void printSarif(const std::vector<FindingRecord> &Findings,
                const AuditResults &Audit, const ReportContext &,
                llvm::raw_ostream &OS) {
  llvm::json::Array Rules;
  for (const CheckEntry &Entry : allChecks())
    Rules.push_back(llvm::json::Object{
        {"id", Entry.Name},
        {"helpUri", std::string("docs/checks/") + Entry.Name + ".md"}});
  std::set<std::string> RunTimeOnlyRules;
  for (const FindingRecord &R : Audit.RunTimeOnly)
    if (RunTimeOnlyRules.insert(runTimeOnlyRule(R.Check)).second)
      Rules.push_back(
          llvm::json::Object{{"id", runTimeOnlyRule(R.Check)},
                             {"helpUri", "docs/tool.md#run-time-audit"}});
  llvm::json::Array Results;
  auto Add = [&](const FindingRecord &R, std::string Rule) {
    llvm::json::Array Related;
    for (const LocatedText &Note : R.Notes) {
      llvm::json::Object Location = sarifLocation(Note);
      Location["message"] = llvm::json::Object{{"text", Note.Text}};
      Related.push_back(std::move(Location));
    }
    llvm::json::Object Result{
        {"ruleId", std::move(Rule)},
        {"level", R.Error ? "error" : "warning"},
        {"message", llvm::json::Object{{"text", R.Main.Text}}},
        {"locations", llvm::json::Array{sarifLocation(R.Main)}},
        {"relatedLocations", std::move(Related)}};
    if (std::optional<llvm::json::Object> Properties = sarifAudit(Audit, R))
      Result["properties"] = std::move(*Properties);
    Results.push_back(std::move(Result));
  };
  for (const FindingRecord &R : Findings)
    Add(R, R.Check);
  for (const FindingRecord &R : Audit.RunTimeOnly)
    Add(R, runTimeOnlyRule(R.Check));
  llvm::json::Object Log{
      {"version", "2.1.0"},
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"runs",
       llvm::json::Array{llvm::json::Object{
           {"tool",
            llvm::json::Object{
                {"driver", llvm::json::Object{{"name", "weakify"},
                                              {"rules", std::move(Rules)}}}}},
           {"results", std::move(Results)}}}}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Log))) << '\n';
}

} // namespace weakify
