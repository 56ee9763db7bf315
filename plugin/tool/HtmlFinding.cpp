//===--- HtmlFinding.cpp - One finding of the HTML report -----------------===//

#include "HtmlFinding.h"
#include "CheckList.h"
#include "Fingerprint.h"
#include "HtmlAssets.h"

namespace weakify {

using clang::tooling::Replacement;

std::string displayName(const CardContext &Context, llvm::StringRef File) {
  return relativeToRoot(File, Context.Root);
}

llvm::StringRef checkColour(llvm::StringRef Check) {
  // One colour per check, in the catalogue's order.
  static const char *const Palette[] = {"#0969da", "#8250df", "#1a7f37",
                                        "#cf222e", "#bc4c00", "#6e7781"};
  llvm::ArrayRef<CheckEntry> Checks = allChecks();
  for (size_t I = 0; I < Checks.size(); ++I)
    if (Check == Checks[I].Name)
      return Palette[I % std::size(Palette)];
  return "#57606a";
}

std::string checkChip(llvm::StringRef Check) {
  return "<span class=\"chk\" style=\"--k:" + checkColour(Check).str() + "\">" +
         escapeHtml(Check) + "</span>";
}

static std::string location(const CardContext &Context, const LocatedText &L) {
  return displayName(Context, L.File) + ":" + std::to_string(L.Line) + ":" +
         std::to_string(L.Column);
}

/// \p Text with each name the message quotes ('Cache') set as code. A
/// quote opens after a space or '(' and closes before a space, punctuation
/// or the end, so an apostrophe ("the caller's") stays text.
static std::string withNamesAsCode(llvm::StringRef Text) {
  auto Opens = [&](size_t I) {
    return Text[I] == '\'' &&
           (I == 0 || Text[I - 1] == ' ' || Text[I - 1] == '(');
  };
  auto Closes = [&](size_t I) {
    return Text[I] == '\'' && (I + 1 == Text.size() ||
                               llvm::StringRef(" .,:;)").contains(Text[I + 1]));
  };
  std::string Out;
  size_t Done = 0;
  for (size_t I = 0; I < Text.size(); ++I) {
    if (!Opens(I))
      continue;
    size_t J = I + 1;
    while (J < Text.size() && !Closes(J))
      ++J;
    if (J >= Text.size() || J == I + 1)
      continue;
    Out += escapeHtml(Text.slice(Done, I)) + "<code>" +
           escapeHtml(Text.slice(I + 1, J)) + "</code>";
    Done = J + 1;
    I = J;
  }
  return Out + escapeHtml(Text.drop_front(Done));
}

static std::string plural(uint64_t N, llvm::StringRef Noun) {
  return std::to_string(N) + " " + Noun.str() + (N == 1 ? "" : "s");
}

/// The audit's word on \p R as a badge for the card's header, or "".
static std::string auditBadge(const AuditVerdict *V) {
  if (!V)
    return "";
  switch (V->Kind) {
  case VerdictKind::Confirmed:
    return "<span class=\"badge confirmed\">confirmed at run time</span>";
  case VerdictKind::NotSeen:
    return "<span class=\"badge not-seen\">not seen at run time</span>";
  case VerdictKind::RunTimeOnly:
    return "<span class=\"badge run-time-only\">run-time only</span>";
  }
  return "";
}

static void printAuditLine(const AuditVerdict *V, llvm::raw_ostream &OS) {
  if (!V || (!V->Site && V->Kind != VerdictKind::NotSeen))
    return;
  OS << "<p class=\"audit " << verdictKindName(V->Kind) << "\">";
  if (!V->Site) {
    OS << "The audited run had no objects retained here.</p>";
    return;
  }
  const AuditedSite &S = *V->Site;
  if (V->Kind == VerdictKind::NotSeen)
    OS << "Not seen at run time: <code>" << escapeHtml(S.Name)
       << "</code> held " << S.Total << " in total, all released.</p>";
  else
    OS << "<b>" << plural(S.Retained, "object")
       << "</b> retained through <code>" << escapeHtml(S.Name)
       << "</code> at run time (peak " << S.Peak << " at once, " << S.Total
       << " in total).</p>";
}

static void printHeader(const FindingRecord &R, llvm::StringRef Id,
                        const AuditVerdict *V, const CardContext &Context,
                        llvm::raw_ostream &OS) {
  OS << "<header class=\"fh\">" << checkChip(R.Check)
     << "<a class=\"loc\" href=\"#" << Id << "\" title=\""
     << escapeHtml(R.Main.File) << "\">"
     << escapeHtml(location(Context, R.Main)) << "</a>";
  if (R.Error)
    OS << "<span class=\"badge error\">error</span>";
  if (!R.Fixes.empty())
    OS << "<span class=\"badge fix\">fix-it</span>";
  else if (!V || V->Kind != VerdictKind::RunTimeOnly)
    OS << "<span class=\"badge nofix\">no fix-it</span>";
  OS << auditBadge(V) << "</header>\n";
}

static void printNotes(const FindingRecord &R, CardContext &Context,
                       llvm::raw_ostream &OS) {
  if (R.Notes.empty())
    return;
  OS << "<ul class=\"notes\">";
  for (const LocatedText &Note : R.Notes) {
    if (Note.Line == 0) {
      OS << "<li>" << withNamesAsCode(Note.Text) << "</li>";
      continue;
    }
    OS << "<li><details><summary><span class=\"loc\" title=\""
       << escapeHtml(Note.File) << "\">" << escapeHtml(location(Context, Note))
       << "</span> " << withNamesAsCode(Note.Text) << "</summary>";
    printExcerpt(Context.Sources, Note, 1, OS);
    OS << "</details></li>";
  }
  OS << "</ul>\n";
}

/// Text of a diff line, marked when the fix removes or inserts it.
struct DiffPiece {
  llvm::StringRef Text;
  bool Changed = false;
};

/// \p Pieces as diff lines starting with \p Sign, the changed text marked.
static void printDiffSide(char Sign, llvm::StringRef Class,
                          llvm::ArrayRef<DiffPiece> Pieces,
                          llvm::raw_ostream &OS) {
  OS << "<span class=\"" << Class << "\">" << Sign << ' ';
  for (const DiffPiece &P : Pieces) {
    llvm::SmallVector<llvm::StringRef> Lines;
    P.Text.split(Lines, '\n');
    for (size_t I = 0; I < Lines.size(); ++I) {
      if (I)
        OS << "</span><span class=\"" << Class << "\">" << Sign << ' ';
      if (Lines[I].empty())
        continue;
      if (P.Changed)
        OS << "<mark>" << escapeHtml(Lines[I]) << "</mark>";
      else
        OS << escapeHtml(Lines[I]);
    }
  }
  OS << "</span>";
}

/// One edit as a diff of the whole lines it touches: as they are, the
/// removed text marked, and as the fix leaves them, the inserted text
/// marked.
static void printEdit(const Replacement &Fix, CardContext &Context,
                      llvm::raw_ostream &OS) {
  llvm::StringRef File = Fix.getFilePath();
  OS << "<div class=\"edit\"><div class=\"where\" title=\"" << escapeHtml(File)
     << "\">" << escapeHtml(displayName(Context, File));
  std::optional<llvm::StringRef> Text = Context.Sources.contents(File);
  size_t Begin = Fix.getOffset(), End = Begin + Fix.getLength();
  if (!Text || End > Text->size()) {
    // The file changed since: the inserted text is all there is to show.
    OS << "</div><pre class=\"diff\">";
    printDiffSide('+', "add", {{Fix.getReplacementText(), true}}, OS);
    OS << "</pre></div>";
    return;
  }
  size_t LineStart = Text->rfind('\n', Begin);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  size_t LineEnd = std::min(Text->find('\n', End), Text->size());
  DiffPiece Before{Text->slice(LineStart, Begin)};
  DiffPiece After{Text->slice(End, LineEnd)};
  OS << ':' << Context.Sources.lineAt(File, Begin)
     << "</div><pre class=\"diff\">";
  printDiffSide('-', "del", {Before, {Text->slice(Begin, End), true}, After},
                OS);
  printDiffSide('+', "add", {Before, {Fix.getReplacementText(), true}, After},
                OS);
  OS << "</pre></div>";
}

static void printFix(const FindingRecord &R, CardContext &Context,
                     llvm::raw_ostream &OS) {
  if (R.Fixes.empty())
    return;
  OS << "<details class=\"fix\" open><summary>Fix-it: "
     << plural(R.Fixes.size(), "edit") << "</summary>";
  for (const Replacement &Fix : R.Fixes)
    printEdit(Fix, Context, OS);
  OS << "</details>\n";
}

/// The picture when Graphviz could not draw it: one line per edge.
static void printPictureAsText(const OwnershipPicture &P,
                               llvm::raw_ostream &OS) {
  OS << "<ul class=\"edgelist\">";
  for (const OwnershipPicture::Edge &E : P.Edges) {
    if (E.From >= P.Nodes.size() || E.To >= P.Nodes.size())
      continue;
    OS << "<li" << (E.Weaken ? " class=\"weaken\"" : "") << ">"
       << escapeHtml(P.Nodes[E.From].Name) << " &rarr; "
       << escapeHtml(P.Nodes[E.To].Name) << " (" << escapeHtml(E.Label)
       << (E.Weaken ? ", make weak" : "") << ")</li>";
  }
  OS << "</ul>";
}

static void printPicture(const FindingRecord &R, llvm::StringRef Svg,
                         llvm::raw_ostream &OS) {
  OS << "<figure class=\"picture\">";
  if (Svg.empty())
    printPictureAsText(R.Ownership, OS);
  else
    OS << Svg;
  OS << "<figcaption>who keeps whom alive";
  if (llvm::any_of(R.Ownership.Edges,
                   [](const OwnershipPicture::Edge &E) { return E.Weaken; }))
    OS << "; <span class=\"weak\">" << (Svg.empty() ? "red" : "dashed red")
       << "</span>: the fix makes it weak";
  OS << "</figcaption></figure>\n";
}

void printFindingCard(const FindingRecord &R, llvm::StringRef Id,
                      llvm::StringRef Svg, CardContext &Context,
                      llvm::raw_ostream &OS) {
  const AuditVerdict *V = Context.Audit.verdictOf(R);
  OS << "<article class=\"finding\" id=\"" << Id << "\" data-check=\""
     << escapeHtml(R.Check) << "\" data-file=\""
     << escapeHtml(displayName(Context, R.Main.File)) << "\">\n";
  printHeader(R, Id, V, Context, OS);
  OS << "<p class=\"msg\">" << withNamesAsCode(R.Main.Text) << "</p>\n";
  if (!R.Declaration.empty())
    OS << "<p class=\"decl\">declaration <code>" << escapeHtml(R.Declaration)
       << "</code></p>\n";
  printAuditLine(V, OS);
  bool HasPicture = !R.Ownership.empty();
  OS << "<div class=\"fb" << (HasPicture ? " pic" : "") << "\"><div>";
  printExcerpt(Context.Sources, R.Main, 2, OS);
  printNotes(R, Context, OS);
  printFix(R, Context, OS);
  OS << "</div>";
  if (HasPicture)
    printPicture(R, Svg, OS);
  OS << "</div>\n</article>\n";
}

} // namespace weakify
