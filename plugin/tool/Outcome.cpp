//===--- Outcome.cpp - What a weakify run concludes, delivered ------------===//

#include "Outcome.h"
#include "FinishFindings.h"
#include "SourceTexts.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <map>

using namespace clang::tooling;

namespace weakify {

Outcome decideOnProgram(const FactSet &Facts, const CheckRunner &Runner,
                        bool ClosedProgram) {
  Scope S;
  // Without main() the units are a library: code not analysed may use
  // what they share.
  bool HasEntryPoint = !Facts.ofKind("", "entry-point").empty();
  if (ClosedProgram && !HasEntryPoint && !Facts.units().empty())
    llvm::errs() << "weakify: no unit analysed defines main(): only what the "
                    "units keep to themselves counts as fully seen\n";
  S.ClosedProgram = ClosedProgram && HasEntryPoint;
  S.Units = std::max<size_t>(1, Facts.units().size());
  Decisions D = Runner.decide(Facts, S);
  DiskSourceTexts Texts;
  IncludeLedger Includes;
  // A unit below C++17 may include any file that a fix would rewrite.
  std::string BelowCxx17;
  for (const Fact &Unit : Facts.ofKind("", "below-cxx17"))
    if (BelowCxx17.empty() || Unit.get("standard") < BelowCxx17)
      BelowCxx17 = Unit.get("standard").str();
  finishFindings(D.Findings, Texts, Includes, BelowCxx17);
  Outcome O;
  for (const Finding &F : D.Findings)
    O.Findings.push_back(recordFinding(F, Texts));
  std::sort(O.Findings.begin(), O.Findings.end());
  O.Explanations = std::move(D.Explanations);
  std::sort(O.Explanations.begin(), O.Explanations.end());
  O.Explanations.erase(
      std::unique(O.Explanations.begin(), O.Explanations.end()),
      O.Explanations.end());
  return O;
}

/// Applies each finding's fixes all or nothing, identical edits once.
static bool applyFixes(const std::vector<FindingRecord> &Findings) {
  std::map<std::string, Replacements> PerFile;
  bool Ok = true;
  for (const FindingRecord &R : Findings) {
    std::map<std::string, Replacements> Trial = PerFile;
    bool Fits = true;
    for (const Replacement &Fix : R.Fixes) {
      Replacements &Set = Trial[Fix.getFilePath().str()];
      if (std::find(Set.begin(), Set.end(), Fix) != Set.end())
        continue;
      if (llvm::Error Err = Set.add(Fix)) {
        llvm::consumeError(std::move(Err));
        Fits = false;
        break;
      }
    }
    if (Fits)
      PerFile = std::move(Trial);
    else
      llvm::errs() << "weakify: fixes of " << R.Main.File << ':' << R.Main.Line
                   << " conflict with others and were not applied\n";
  }
  for (const auto &[File, Set] : PerFile) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    if (!Buffer) {
      llvm::errs() << "weakify: error: cannot read " << File << '\n';
      Ok = false;
      continue;
    }
    llvm::Expected<std::string> Fixed =
        applyAllReplacements((*Buffer)->getBuffer(), Set);
    if (!Fixed) {
      llvm::errs() << "weakify: error: cannot fix " << File << ": "
                   << llvm::toString(Fixed.takeError()) << '\n';
      Ok = false;
      continue;
    }
    std::error_code EC;
    llvm::raw_fd_ostream OS(File, EC);
    if (EC) {
      llvm::errs() << "weakify: error: cannot write " << File << '\n';
      Ok = false;
      continue;
    }
    OS << *Fixed;
    llvm::errs() << "weakify: applied " << Set.size() << " fixes to " << File
                 << '\n';
  }
  return Ok;
}

/// Prints the report of \p O in the chosen format to \p OS.
static void printReport(const Outcome &O, const DeliverySettings &Settings,
                        llvm::raw_ostream &OS) {
  switch (Settings.Format) {
  case ReportFormat::Text:
    printText(O.Findings, O.Audit, Settings.WarningsAsErrors, OS);
    if (Settings.Explain)
      for (const Explanation &E : O.Explanations)
        OS << E.Loc.File << ':' << E.Loc.Line << ':' << E.Loc.Column
           << ": note: " << E.Message << " [" << E.Check << "]\n";
    break;
  case ReportFormat::Yaml:
    printYaml(O.Findings, O.Audit, OS);
    break;
  case ReportFormat::Sarif:
    printSarif(O.Findings, O.Audit, Settings.Context, OS);
    break;
  case ReportFormat::Html:
    printHtml(O.Findings, O.Audit, Settings.Context, OS);
    break;
  }
}

/// Prints the report to stdout, or to `-o`'s file (HTML: `-o`'s folder,
/// as index.html). Returns an error message or "".
static std::string writeReport(const Outcome &O,
                               const DeliverySettings &Settings) {
  if (Settings.OutputPath.empty()) {
    printReport(O, Settings, llvm::outs());
    llvm::outs().flush();
    return "";
  }
  std::string Path = Settings.OutputPath;
  if (Settings.Format == ReportFormat::Html) {
    if (std::error_code EC = llvm::sys::fs::create_directories(Path))
      return "cannot create '" + Path + "': " + EC.message();
    Path = (llvm::Twine(Path) + "/index.html").str();
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return "cannot write '" + Path + "': " + EC.message();
  printReport(O, Settings, OS);
  OS.close();
  if (OS.has_error())
    return "cannot write '" + Path + "': " + OS.error().message();
  return "";
}

int deliver(const Outcome &O, const DeliverySettings &Settings, size_t Analysed,
            size_t Failed) {
  bool Ok = true;
  if (std::string Error = writeReport(O, Settings); !Error.empty()) {
    llvm::errs() << "weakify: error: " << Error << '\n';
    Ok = false;
  }
  llvm::errs() << O.Findings.size() << " finding"
               << (O.Findings.size() == 1 ? "" : "s") << " in " << Analysed
               << " unit" << (Analysed == 1 ? "" : "s") << " analysed";
  if (Failed)
    llvm::errs() << ", " << Failed << " unit" << (Failed == 1 ? "" : "s")
                 << " failed";
  if (O.Audit.Given)
    llvm::errs() << "; audit: "
                 << O.Audit.count(O.Findings, VerdictKind::Confirmed)
                 << " confirmed, "
                 << O.Audit.count(O.Findings, VerdictKind::NotSeen)
                 << " not seen, " << O.Audit.RunTimeOnly.size()
                 << " run-time-only";
  if (Settings.Baselined)
    llvm::errs() << "; " << *Settings.Baselined << " known from the baseline";
  if (Settings.DetailedSummary) {
    std::map<std::string, size_t> PerCheck;
    for (const FindingRecord &R : O.Findings)
      ++PerCheck[R.Check];
    if (!PerCheck.empty()) {
      llvm::errs() << "; by check:";
      for (const auto &[Check, Count] : PerCheck)
        llvm::errs() << (Check == PerCheck.begin()->first ? " " : ", ") << Check
                     << ' ' << Count;
    }
    llvm::errs() << llvm::format("; %.2f s (map %.2f s, reduce %.3f s)",
                                 Settings.WallSeconds, Settings.MapSeconds,
                                 Settings.ReduceSeconds);
  }
  llvm::errs() << ".\n";
  if (!Settings.ExportFixes.empty()) {
    std::string Error = writeFixesYaml(Settings.ExportFixes, "", O.Findings);
    if (!Error.empty()) {
      llvm::errs() << "weakify: error: " << Error << '\n';
      Ok = false;
    }
  }
  if (Settings.Fix)
    Ok &= applyFixes(O.Findings);
  if (!Ok || Failed)
    return ExitUnitFailed;
  bool Errors =
      llvm::any_of(O.Findings, [](const FindingRecord &R) { return R.Error; });
  bool Any = !O.Findings.empty() || !O.Audit.RunTimeOnly.empty();
  if (Errors || (Settings.WarningsAsErrors && Any))
    return ExitFindingsAsErrors;
  return ExitClean;
}

} // namespace weakify
