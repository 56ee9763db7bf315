//===--- HtmlReport.cpp - Findings as a page to look at -------------------===//
//
// One self-contained page (no network): findings grouped by check and file,
// each with its source, notes, fix-it, audit verdict and ownership picture
// (laid out by Graphviz, inlined as SVG), a filter by check and a search.
//
//===----------------------------------------------------------------------===//

#include "HtmlAssets.h"
#include "HtmlFinding.h"
#include "OwnershipSvg.h"
#include "ReportFormats.h"
#include "llvm/Support/Path.h"
#include <map>

namespace weakify {

namespace {

/// A finding or run-time-only result and its place on the page.
struct Card {
  const FindingRecord *Record;
  std::string Id;
  std::string Svg;
};

/// The deepest folder holding the files of all \p Records, or "".
std::string commonFolder(const std::vector<const FindingRecord *> &Records) {
  std::string Common;
  bool First = true;
  for (const FindingRecord *R : Records) {
    llvm::StringRef Folder = llvm::sys::path::parent_path(R->Main.File);
    if (First) {
      Common = Folder.str();
      First = false;
      continue;
    }
    while (!Common.empty() &&
           !(Folder == Common || Folder.starts_with(Common + "/")))
      Common = llvm::sys::path::parent_path(Common).str();
  }
  return Common == "/" ? "" : Common;
}

/// \p Check without the prefix every weakify check has.
llvm::StringRef shortName(llvm::StringRef Check) {
  Check.consume_front("weakify-");
  return Check;
}

/// Draws the ownership pictures of \p Cards with one run of Graphviz; says
/// once on stderr when it cannot. Returns the problem, or "".
std::string drawPictures(const std::vector<Card *> &Cards) {
  std::vector<std::string> Graphs;
  std::vector<Card *> Drawn;
  for (Card *C : Cards)
    if (!C->Record->Ownership.empty()) {
      Graphs.push_back(ownershipDot(C->Record->Ownership, C->Id + "g"));
      Drawn.push_back(C);
    }
  RenderedGraphs Rendered = renderWithGraphviz(Graphs);
  for (size_t I = 0; I < Rendered.Svgs.size(); ++I)
    Drawn[I]->Svg = std::move(Rendered.Svgs[I]);
  if (Rendered.Problem.empty())
    return "";
  llvm::errs() << "weakify: warning: " << Rendered.Problem
               << ": the HTML report shows ownership pictures as text"
               << (Rendered.DotMissing ? " (install Graphviz: the 'graphviz' "
                                         "package, or scripts/install-deps.sh)"
                                       : "")
               << '\n';
  return Rendered.Problem;
}

class HtmlPage {
public:
  HtmlPage(const std::vector<FindingRecord> &Findings,
           const AuditResults &Audit, const ReportContext &Report)
      : Audit(Audit), Report(Report), Context{Sources, Audit, ""} {
    std::vector<const FindingRecord *> All;
    for (const FindingRecord &R : Findings) {
      Cards.push_back({&R, "f" + std::to_string(Cards.size() + 1), ""});
      All.push_back(&R);
    }
    for (const FindingRecord &R : Audit.RunTimeOnly) {
      Extra.push_back({&R, "r" + std::to_string(Extra.size() + 1), ""});
      All.push_back(&R);
    }
    Context.Root =
        Report.ProjectRoot.empty() ? commonFolder(All) : Report.ProjectRoot;
    for (const FindingRecord *R : All) {
      ++PerCheck[R->Check];
      ++PerFile[displayName(Context, R->Main.File)];
    }
  }

  void print(llvm::raw_ostream &OS) {
    std::vector<Card *> Both;
    for (std::vector<Card> *List : {&Cards, &Extra})
      for (Card &C : *List)
        Both.push_back(&C);
    PictureProblem = drawPictures(Both);
    printHead(OS);
    printTop(OS);
    OS << "<div class=\"layout\">\n";
    printSidebar(OS);
    OS << "<main>\n";
    printFindings(OS);
    printRunTimeOnly(OS);
    printFailures(OS);
    bool Drawn =
        llvm::any_of(Both, [](const Card *C) { return !C->Svg.empty(); });
    OS << "</main>\n</div>\n<footer>Made by weakify"
       << (Drawn ? "; pictures laid out by Graphviz" : "")
       << ".</footer>\n<script>" << htmlScript()
       << "</script>\n</body>\n</html>\n";
  }

private:
  void printHead(llvm::raw_ostream &OS) {
    OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
          "charset=\"utf-8\">"
          "\n<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n<title>weakify: "
       << Cards.size() << " finding" << (Cards.size() == 1 ? "" : "s")
       << "</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>"
       << htmlStyle() << "</style>\n</head>\n<body>\n";
  }

  static void tile(llvm::raw_ostream &OS, size_t N, llvm::StringRef What,
                   llvm::StringRef Class = "") {
    OS << "<li" << (Class.empty() ? "" : " class=\"" + Class.str() + "\"")
       << "><b>" << N << "</b><span>" << What << "</span></li>";
  }

  void printTop(llvm::raw_ostream &OS) {
    OS << "<header class=\"top\">\n<h1>weakify <span>memory-leak "
          "report</span></h1>\n<ul class=\"tiles\">";
    tile(OS, Cards.size(), Cards.size() == 1 ? "finding" : "findings",
         Cards.empty() ? "good" : "");
    tile(OS, PerFile.size(), PerFile.size() == 1 ? "file" : "files");
    tile(OS,
         llvm::count_if(Cards,
                        [](const Card &C) { return !C.Record->Fixes.empty(); }),
         "with a fix-it");
    if (Audit.Given) {
      tile(OS, countVerdicts(VerdictKind::Confirmed), "confirmed at run time",
           "bad");
      tile(OS, countVerdicts(VerdictKind::NotSeen), "not seen at run time");
      tile(OS, Extra.size(), "run-time only", Extra.empty() ? "" : "bad");
    }
    if (!Report.Failures.empty())
      tile(OS, Report.Failures.size(), "not analysed", "bad");
    OS << "</ul>\n";
    if (!Context.Root.empty())
      OS << "<p class=\"root\">Files relative to <code>"
         << escapeHtml(Context.Root) << "</code></p>\n";
    OS << "</header>\n";
  }

  size_t countVerdicts(VerdictKind Kind) const {
    return llvm::count_if(Cards, [&](const Card &C) {
      const AuditVerdict *V = Audit.verdictOf(*C.Record);
      return V && V->Kind == Kind;
    });
  }

  void printSidebar(llvm::raw_ostream &OS) {
    OS << "<nav class=\"side\">\n<input type=\"search\" id=\"q\" "
          "placeholder=\"Search (press /)\" aria-label=\"Search findings\">\n"
          "<div class=\"groupby\">Group by <label><input type=\"radio\" "
          "name=\"groupby\" value=\"check\" checked> check</label><label>"
          "<input type=\"radio\" name=\"groupby\" value=\"file\"> file</label>"
          "</div>\n<h2>Checks</h2>\n<ul class=\"checks\">";
    for (const auto &[Check, N] : PerCheck)
      OS << "<li><label><input type=\"checkbox\" class=\"check-filter\" "
            "value=\""
         << escapeHtml(Check)
         << "\" checked><span class=\"kdot\" style=\"--k:" << checkColour(Check)
         << "\"></span><span title=\"" << escapeHtml(Check) << "\">"
         << escapeHtml(shortName(Check)) << "</span><span class=\"count\">" << N
         << "</span></label></li>";
    OS << "</ul>\n<p class=\"links small\"><button id=\"all\" "
          "type=\"button\">all</button> <button id=\"none\" "
          "type=\"button\">none</button></p>\n<h2>Files</h2>\n<ul "
          "class=\"files\">";
    for (const auto &[File, N] : PerFile)
      OS << "<li><button type=\"button\" data-file=\"" << escapeHtml(File)
         << "\">" << escapeHtml(File) << "<span class=\"count\">" << N
         << "</span></button></li>";
    OS << "</ul>\n<h2>Ownership pictures</h2>\n<ul class=\"legend\">"
          "<li><span class=\"sw owner\"></span>owner</li>"
          "<li><span class=\"sw holder\"></span>holder (a member)</li>"
          "<li><span class=\"sw kept-alive\"></span>kept alive</li>"
          "<li><span class=\"sw weaken\"></span>make weak (the fix)</li>"
          "</ul>\n</nav>\n";
  }

  /// Check, then file: the order the script rebuilds when asked.
  void printFindings(llvm::raw_ostream &OS) {
    if (!PictureProblem.empty())
      OS << "<p class=\"notice\" id=\"no-graphviz\">Ownership pictures need "
            "Graphviz: "
         << escapeHtml(PictureProblem)
         << ". They are shown as text; install the <code>graphviz</code> "
            "package (<code>scripts/install-deps.sh</code>) and run weakify "
            "again.</p>\n";
    OS << "<p id=\"status\"></p>\n<div id=\"findings\">\n";
    std::map<std::string, std::map<std::string, std::vector<Card *>>> Groups;
    for (Card &C : Cards)
      Groups[C.Record->Check][displayName(Context, C.Record->Main.File)]
          .push_back(&C);
    for (auto &[Check, Files] : Groups) {
      size_t N = 0;
      for (auto &InFile : Files)
        N += InFile.second.size();
      OS << "<section class=\"group\" data-key=\"" << escapeHtml(Check)
         << "\">\n<h2>" << checkChip(Check) << "<span class=\"count\">" << N
         << "</span></h2>\n";
      for (auto &[File, InFile] : Files) {
        OS << "<section class=\"group sub\" data-key=\"" << escapeHtml(File)
           << "\">\n<h3><span>" << escapeHtml(File) << "</span><span "
           << "class=\"count\">" << InFile.size() << "</span></h3>\n";
        for (Card *C : InFile)
          printFindingCard(*C->Record, C->Id, C->Svg, Context, OS);
        OS << "</section>\n";
      }
      OS << "</section>\n";
    }
    OS << "</div>\n";
    if (Cards.empty())
      OS << "<p class=\"empty\">No findings: nothing keeps objects alive "
            "that should not.</p>\n";
    OS << "<p class=\"empty\" id=\"nomatch\" hidden>No finding matches the "
          "search and the checks chosen.</p>\n";
  }

  void printRunTimeOnly(llvm::raw_ostream &OS) {
    if (Extra.empty())
      return;
    OS << "<section class=\"extra results\" id=\"run-time-only\">\n<h2>"
          "Run-time-only results <span class=\"count\">"
       << Extra.size()
       << "</span></h2>\n<p class=\"small\">Leaks the audited run saw that no "
          "static finding covers.</p>\n";
    for (Card &C : Extra)
      printFindingCard(*C.Record, C.Id, C.Svg, Context, OS);
    OS << "</section>\n";
  }

  void printFailures(llvm::raw_ostream &OS) {
    if (Report.Failures.empty())
      return;
    OS << "<section class=\"extra\" id=\"failures\">\n<h2>Units that could "
          "not be analysed <span class=\"count\">"
       << Report.Failures.size()
       << "</span></h2>\n<p class=\"small\">Findings in them are missing "
          "from this report.</p>\n<table class=\"failures\">\n<thead><tr><th>"
          "unit</th><th>why</th></tr></thead>\n<tbody>\n";
    for (const UnitFailure &F : Report.Failures)
      OS << "<tr><td><code title=\"" << escapeHtml(F.File) << "\">"
         << escapeHtml(displayName(Context, F.File)) << "</code></td><td><pre>"
         << escapeHtml(F.Message) << "</pre></td></tr>\n";
    OS << "</tbody>\n</table>\n</section>\n";
  }

  const AuditResults &Audit;
  const ReportContext &Report;
  SourceLines Sources;
  CardContext Context;
  std::vector<Card> Cards, Extra;
  std::map<std::string, size_t> PerCheck, PerFile;
  std::string PictureProblem;
};

} // namespace

void printHtml(const std::vector<FindingRecord> &Findings,
               const AuditResults &Audit, const ReportContext &Context,
               llvm::raw_ostream &OS) {
  HtmlPage(Findings, Audit, Context).print(OS);
}

} // namespace weakify
