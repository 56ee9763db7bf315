//===--- FindingRecord.cpp - A finding that outlives its unit -------------===//

#include "FindingRecord.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace weakify {

/// The absolute, dot-free path of \p FID, so that a header reached from two
/// units gets the same name in both.
static std::string canonicalPath(const SourceManager &SM, FileID FID) {
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(FID);
  if (!Entry)
    return "";
  llvm::SmallString<256> Path(Entry->getName());
  // Relative to the unit's working directory, not the process's.
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

static LocatedText locate(SourceLocation Loc, llvm::StringRef Text,
                          const SourceManager &SM) {
  LocatedText Result;
  Result.Text = Text.str();
  if (Loc.isInvalid())
    return Result;
  // Where clang itself would point: a macro argument's spelling, otherwise
  // the expansion.
  Loc = SM.getFileLoc(Loc);
  auto [FID, Offset] = SM.getDecomposedLoc(Loc);
  Result.File = canonicalPath(SM, FID);
  Result.Offset = Offset;
  Result.Line = SM.getSpellingLineNumber(Loc);
  Result.Column = SM.getSpellingColumnNumber(Loc);
  return Result;
}

static bool toReplacement(const FixItHint &Hint, const SourceManager &SM,
                          const LangOptions &LO,
                          std::vector<tooling::Replacement> &Out) {
  CharSourceRange Range = Hint.RemoveRange;
  if (Range.isInvalid())
    return false;
  if (Range.isTokenRange())
    Range = Lexer::getAsCharRange(Range, SM, LO);
  SourceLocation Begin = Range.getBegin(), End = Range.getEnd();
  if (Begin.isMacroID() || End.isMacroID())
    return false;
  auto [BeginFile, BeginOffset] = SM.getDecomposedLoc(Begin);
  auto [EndFile, EndOffset] = SM.getDecomposedLoc(End);
  if (BeginFile != EndFile || EndOffset < BeginOffset)
    return false;
  std::string Path = canonicalPath(SM, BeginFile);
  if (Path.empty())
    return false;
  Out.emplace_back(Path, BeginOffset, EndOffset - BeginOffset,
                   Hint.CodeToInsert);
  return true;
}

FindingRecord recordFinding(const Finding &F, const SourceManager &SM,
                            const LangOptions &LO) {
  FindingRecord R;
  R.Check = F.CheckName;
  R.Main = locate(F.Loc, F.Message, SM);
  for (const FindingNote &Note : F.Notes)
    R.Notes.push_back(locate(Note.Loc, Note.Message, SM));
  for (const FixItHint &Hint : F.Fixes)
    if (!toReplacement(Hint, SM, LO, R.Fixes)) {
      R.Fixes.clear();
      break;
    }
  // Overlapping edits would leave broken code: then no fix at all.
  llvm::StringMap<tooling::Replacements> PerFile;
  for (const tooling::Replacement &Fix : R.Fixes)
    if (llvm::Error Err = PerFile[Fix.getFilePath()].add(Fix)) {
      llvm::consumeError(std::move(Err));
      R.Fixes.clear();
      break;
    }
  return R;
}

static tooling::DiagnosticMessage toMessage(const LocatedText &T) {
  tooling::DiagnosticMessage M(T.Text);
  M.FilePath = T.File;
  M.FileOffset = T.Offset;
  return M;
}

std::string toFixesYaml(llvm::StringRef MainFile,
                        const std::vector<FindingRecord> &Records) {
  tooling::TranslationUnitDiagnostics TU;
  TU.MainSourceFile = MainFile.str();
  for (const FindingRecord &R : Records) {
    tooling::Diagnostic D;
    D.DiagnosticName = R.Check;
    D.DiagLevel = tooling::Diagnostic::Warning;
    D.Message = toMessage(R.Main);
    for (const LocatedText &Note : R.Notes)
      D.Notes.push_back(toMessage(Note));
    for (const tooling::Replacement &Fix : R.Fixes)
      // Each finding's own edits never overlap: they were checked when the
      // finding was made.
      llvm::consumeError(D.Message.Fix[Fix.getFilePath()].add(Fix));
    TU.Diagnostics.push_back(std::move(D));
  }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  llvm::yaml::Output YAML(OS);
  YAML << TU;
  OS.flush();
  return Text;
}

std::string writeFixesYaml(llvm::StringRef Path, llvm::StringRef MainFile,
                           const std::vector<FindingRecord> &Records) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return "cannot write '" + Path.str() + "': " + EC.message();
  OS << toFixesYaml(MainFile, Records);
  return "";
}

std::string formatAsText(const FindingRecord &R, bool AsError) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << R.Main.File << ':' << R.Main.Line << ':' << R.Main.Column << ": "
     << (AsError ? "error: " : "warning: ") << R.Main.Text << " [" << R.Check
     << "]\n";
  for (const LocatedText &Note : R.Notes)
    OS << Note.File << ':' << Note.Line << ':' << Note.Column
       << ": note: " << Note.Text << '\n';
  return Out;
}

} // namespace weakify
