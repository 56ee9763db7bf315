//===--- HtmlReport.cpp - Findings as a page to look at -------------------===//

#include "ReportFormats.h"

namespace weakify {

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
               const AuditResults &Audit, const ReportContext &,
               llvm::raw_ostream &OS) {
  OS << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        "<title>weakify findings</title><style>"
        "body{font-family:sans-serif}td{vertical-align:top;padding:4px 8px}"
        "tr:nth-child(even){background:#f4f4f4}code{font-size:90%}"
        "</style></head><body>\n<h1>weakify: "
     << Findings.size() << " finding" << (Findings.size() == 1 ? "" : "s");
  if (Audit.Given)
    OS << " and " << Audit.RunTimeOnly.size() << " run-time-only result"
       << (Audit.RunTimeOnly.size() == 1 ? "" : "s");
  OS << "</h1>\n<table>\n<tr><th>Where</th><th>Check</th><th>Finding</th></"
        "tr>\n";
  auto Row = [&](const FindingRecord &R, llvm::StringRef Check) {
    OS << "<tr><td><code>" << escapeHtml(R.Main.File) << ':' << R.Main.Line
       << ':' << R.Main.Column << "</code></td><td>" << escapeHtml(Check)
       << "</td><td>" << escapeHtml(R.Main.Text) << "<ul>";
    for (const LocatedText &Note : R.Notes)
      OS << "<li><code>" << Note.Line << ':' << Note.Column << "</code> "
         << escapeHtml(Note.Text) << "</li>";
    OS << "</ul></td></tr>\n";
  };
  for (const FindingRecord &R : Findings)
    Row(R, R.Check);
  for (const FindingRecord &R : Audit.RunTimeOnly)
    Row(R, R.Check + " (run-time only)");
  OS << "</table>\n</body></html>\n";
}

} // namespace weakify
