//===--- SourceExcerpt.cpp - Lines of source quoted in a report -----------===//

#include "SourceExcerpt.h"
#include "HtmlAssets.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>

namespace weakify {

const SourceLines::Source *SourceLines::read(llvm::StringRef File) {
  auto It = Files.find(File);
  if (It == Files.end()) {
    std::optional<Source> S;
    if (std::optional<llvm::StringRef> Text = Texts.text(File)) {
      S.emplace();
      S->Text = *Text;
      llvm::StringRef Rest = *Text;
      while (!Rest.empty()) {
        auto [Line, Next] = Rest.split('\n');
        S->Lines.push_back(Line.rtrim('\r'));
        Rest = Next;
      }
    }
    It = Files.emplace(File.str(), std::move(S)).first;
  }
  return It->second ? &*It->second : nullptr;
}

const std::vector<llvm::StringRef> *SourceLines::linesOf(llvm::StringRef File) {
  const Source *S = read(File);
  return S ? &S->Lines : nullptr;
}

unsigned SourceLines::lineAt(llvm::StringRef File, unsigned Offset) {
  const Source *S = read(File);
  if (!S || Offset > S->Text.size())
    return 0;
  const char *At = S->Text.data() + Offset;
  auto After = std::upper_bound(
      S->Lines.begin(), S->Lines.end(), At,
      [](const char *P, llvm::StringRef Line) { return P < Line.data(); });
  return std::max<unsigned>(1, After - S->Lines.begin());
}

std::optional<llvm::StringRef> SourceLines::contents(llvm::StringRef File) {
  if (const Source *S = read(File))
    return S->Text;
  return std::nullopt;
}

/// \p Line with the word starting at 1-based byte \p Column marked (one
/// character when no identifier starts there).
static std::string markedLine(llvm::StringRef Line, unsigned Column) {
  if (Column == 0 || Column > Line.size())
    return escapeHtml(Line);
  size_t Start = Column - 1, End = Start + 1;
  auto IsWord = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  if (IsWord(Line[Start]))
    while (End < Line.size() && IsWord(Line[End]))
      ++End;
  return escapeHtml(Line.take_front(Start)) + "<span class=\"hit\">" +
         escapeHtml(Line.slice(Start, End)) + "</span>" +
         escapeHtml(Line.drop_front(End));
}

void printExcerpt(SourceLines &Sources, const LocatedText &At, unsigned Around,
                  llvm::raw_ostream &OS) {
  const std::vector<llvm::StringRef> *Lines = Sources.linesOf(At.File);
  if (!Lines || At.Line == 0 || At.Line > Lines->size()) {
    OS << "<p class=\"nosrc\">source not available</p>";
    return;
  }
  unsigned First = At.Line > Around ? At.Line - Around : 1;
  unsigned Last = std::min<unsigned>(Lines->size(), At.Line + Around);
  OS << "<pre class=\"src\">";
  for (unsigned N = First; N <= Last; ++N) {
    llvm::StringRef Text = (*Lines)[N - 1];
    bool Here = N == At.Line;
    OS << "<span class=\"ln" << (Here ? " here" : "") << "\"><span class=\"n\">"
       << N << "</span>"
       << (Here ? markedLine(Text, At.Column) : escapeHtml(Text)) << "</span>";
  }
  OS << "</pre>";
}

} // namespace weakify
