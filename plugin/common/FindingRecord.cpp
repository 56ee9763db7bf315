//===--- FindingRecord.cpp - A finding that outlives its unit -------------===//

#include "FindingRecord.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace weakify {

static LocatedText locate(const Location &L, llvm::StringRef Text,
                          SourceTexts &Texts) {
  LocatedText Result;
  Result.Text = Text.str();
  Result.File = L.File;
  Result.Line = L.Line;
  Result.Column = L.Column;
  Result.Offset = Texts.offset(L).value_or(0);
  return Result;
}

FindingRecord recordFinding(const Finding &F, SourceTexts &Texts) {
  FindingRecord R;
  R.Check = F.Check;
  R.Error = F.Error;
  R.Declaration = F.Declaration;
  R.Ownership = F.Ownership;
  R.Main = locate(F.Loc, F.Message, Texts);
  for (const FindingNote &Note : F.Notes)
    R.Notes.push_back(locate(Note.Loc, Note.Message, Texts));
  for (const Edit &E : F.Fixes) {
    std::optional<unsigned> Offset = Texts.offset(E.Begin);
    if (!Offset) {
      R.Fixes.clear();
      break;
    }
    R.Fixes.emplace_back(E.Begin.File, *Offset, E.Length, E.Text);
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
     << (AsError || R.Error ? "error: " : "warning: ") << R.Main.Text << " ["
     << R.Check << "]\n";
  for (const LocatedText &Note : R.Notes)
    OS << Note.File << ':' << Note.Line << ':' << Note.Column
       << ": note: " << Note.Text << '\n';
  return Out;
}

} // namespace weakify
