//===--- ReportFormats.cpp - How the weakify tool prints findings ---------===//

#include "ReportFormats.h"
#include "CheckList.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace weakify {

void printText(const std::vector<FindingRecord> &Findings, bool AsErrors,
               llvm::raw_ostream &OS) {
  for (const FindingRecord &R : Findings)
    OS << formatAsText(R, AsErrors);
}

void printYaml(const std::vector<FindingRecord> &Findings,
               llvm::raw_ostream &OS) {
  OS << toFixesYaml("", Findings);
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
                llvm::raw_ostream &OS) {
  llvm::json::Array Rules;
  for (const CheckEntry &Entry : allChecks())
    Rules.push_back(llvm::json::Object{
        {"id", Entry.Name},
        {"helpUri", std::string("docs/checks/") + Entry.Name + ".md"}});
  llvm::json::Array Results;
  for (const FindingRecord &R : Findings) {
    llvm::json::Array Related;
    for (const LocatedText &Note : R.Notes) {
      llvm::json::Object Location = sarifLocation(Note);
      Location["message"] = llvm::json::Object{{"text", Note.Text}};
      Related.push_back(std::move(Location));
    }
    Results.push_back(llvm::json::Object{
        {"ruleId", R.Check},
        {"level", R.Error ? "error" : "warning"},
        {"message", llvm::json::Object{{"text", R.Main.Text}}},
        {"locations", llvm::json::Array{sarifLocation(R.Main)}},
        {"relatedLocations", std::move(Related)}});
  }
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

static std::string escapeHtml(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '&':
      Out += "&amp;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

void printHtml(const std::vector<FindingRecord> &Findings,
               llvm::raw_ostream &OS) {
  OS << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        "<title>weakify findings</title><style>"
        "body{font-family:sans-serif}td{vertical-align:top;padding:4px 8px}"
        "tr:nth-child(even){background:#f4f4f4}code{font-size:90%}"
        "</style></head><body>\n<h1>weakify: "
     << Findings.size() << " finding" << (Findings.size() == 1 ? "" : "s")
     << "</h1>\n<table>\n<tr><th>Where</th><th>Check</th><th>Finding</th></"
        "tr>\n";
  for (const FindingRecord &R : Findings) {
    OS << "<tr><td><code>" << escapeHtml(R.Main.File) << ':' << R.Main.Line
       << ':' << R.Main.Column << "</code></td><td>" << escapeHtml(R.Check)
       << "</td><td>" << escapeHtml(R.Main.Text) << "<ul>";
    for (const LocatedText &Note : R.Notes)
      OS << "<li><code>" << Note.Line << ':' << Note.Column << "</code> "
         << escapeHtml(Note.Text) << "</li>";
    OS << "</ul></td></tr>\n";
  }
  OS << "</table>\n</body></html>\n";
}

} // namespace weakify
