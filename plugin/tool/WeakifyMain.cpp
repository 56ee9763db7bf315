//===--- WeakifyMain.cpp - The weakify command-line tool ------------------===//
//
//   weakify -p BUILD_DIR [--checks=GLOBS] [--fix] [--export-fixes=FILE]
//           [--option=<check>.<Option>=VALUE]... [-j N] [paths...]
//
// Analyses every unit of a compilation database (or the given files) in
// parallel and prints the findings once each, sorted. Exit status: 0, or 1
// when a unit failed to compile or, with --warnings-as-errors, when there
// are findings; 2 for bad usage.
//
//===----------------------------------------------------------------------===//

#include "CheckList.h"
#include "FindingRecord.h"
#include "FrontEndContext.h"
#include "ParallelRun.h"
#include "ReportFormats.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <set>

using namespace clang::tooling;
namespace cl = llvm::cl;

static cl::OptionCategory WeakifyCategory("weakify options");

static cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory holding compile_commands.json"),
              cl::value_desc("BUILD_DIR"), cl::cat(WeakifyCategory));
static cl::list<std::string> SourcePaths(cl::Positional,
                                         cl::desc("[source files...]"));
static cl::opt<std::string>
    Checks("checks", cl::desc("Checks to run, as clang-tidy globs"),
           cl::init("weakify-*"), cl::cat(WeakifyCategory));
static cl::list<std::string>
    CheckOption("option", cl::desc("A check option: <check>.<Option>=VALUE"),
                cl::cat(WeakifyCategory));
static cl::opt<bool> Fix("fix", cl::desc("Apply the fixes, each once"),
                         cl::cat(WeakifyCategory));
static cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the fixes as YAML for clang-apply-replacements"),
    cl::value_desc("FILE"), cl::cat(WeakifyCategory));
static cl::opt<bool>
    WarningsAsErrors("warnings-as-errors",
                     cl::desc("Exit with status 1 when there are findings"),
                     cl::cat(WeakifyCategory));
static cl::opt<unsigned> Jobs("j",
                              cl::desc("Units analysed at once (0: all cores)"),
                              cl::init(0), cl::cat(WeakifyCategory));
static cl::opt<weakify::ReportFormat> Format(
    "format", cl::desc("How findings are printed"),
    cl::values(clEnumValN(weakify::ReportFormat::Text, "text",
                          "like clang (default)"),
               clEnumValN(weakify::ReportFormat::Yaml, "yaml",
                          "clang-tidy export-fixes YAML"),
               clEnumValN(weakify::ReportFormat::Sarif, "sarif", "SARIF 2.1.0"),
               clEnumValN(weakify::ReportFormat::Html, "html", "an HTML page")),
    cl::init(weakify::ReportFormat::Text), cl::cat(WeakifyCategory));
static cl::opt<bool> ListChecks("list-checks",
                                cl::desc("List the enabled checks"),
                                cl::cat(WeakifyCategory));

static int usageError(const llvm::Twine &Message) {
  llvm::errs() << "weakify: error: " << Message << '\n';
  return 2;
}

/// Applies each finding's fixes all or nothing, identical edits once.
static bool applyFixes(const std::vector<weakify::FindingRecord> &Findings) {
  std::map<std::string, Replacements> PerFile;
  bool Ok = true;
  for (const weakify::FindingRecord &R : Findings) {
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

int main(int argc, const char **argv) {
  cl::HideUnrelatedOptions(WeakifyCategory);
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "find strong ownership that "
                                   "should be weak\n"))
    return 2;
  if (ListChecks) {
    llvm::outs() << "Enabled checks:\n";
    for (const weakify::CheckEntry &Entry : weakify::allChecks())
      if (weakify::isCheckEnabled(Checks, Entry.Name))
        llvm::outs() << "    " << Entry.Name << '\n';
    return 0;
  }

  if (std::string Problem = weakify::validateCheckGlobs(Checks);
      !Problem.empty())
    return usageError(Problem);
  weakify::RunSettings Settings;
  Settings.Checks = Checks;
  Settings.Jobs = Jobs;
  for (const std::string &Opt : CheckOption) {
    auto [Key, Value] = llvm::StringRef(Opt).split('=');
    std::string Problem = weakify::validateOptionKey(Key);
    if (!Problem.empty() || !llvm::StringRef(Opt).contains('='))
      return usageError("bad --option '" + Opt + "': " +
                        (Problem.empty() ? "expected a value" : Problem));
    Settings.Options[Key.str()] = Value.str();
  }

  std::string LoadError;
  std::unique_ptr<CompilationDatabase> DB;
  if (!BuildPath.empty())
    DB = CompilationDatabase::loadFromDirectory(BuildPath, LoadError);
  else if (!SourcePaths.empty())
    DB = CompilationDatabase::autoDetectFromSource(SourcePaths.front(),
                                                   LoadError);
  else
    return usageError("no compilation database: pass -p BUILD_DIR");
  if (!DB)
    return usageError(
        "cannot load a compilation database" +
        (BuildPath.empty() ? std::string() : " from '" + BuildPath + "'") +
        ": " + LoadError);
  std::vector<std::string> Files;
  for (const std::string &Path : SourcePaths) {
    llvm::SmallString<256> Abs(Path);
    llvm::sys::fs::make_absolute(Abs);
    Files.push_back(std::string(Abs));
  }
  if (Files.empty())
    Files = DB->getAllFiles();
  if (Files.empty())
    return usageError("the compilation database lists no files");

  weakify::RunResult Result = weakify::analyzeUnits(*DB, Files, Settings);
  for (const std::string &Error : Result.UnitErrors)
    llvm::errs() << "weakify: error: cannot analyse " << Error;
  switch (Format) {
  case weakify::ReportFormat::Text:
    weakify::printText(Result.Findings, WarningsAsErrors, llvm::outs());
    break;
  case weakify::ReportFormat::Yaml:
    weakify::printYaml(Result.Findings, llvm::outs());
    break;
  case weakify::ReportFormat::Sarif:
    weakify::printSarif(Result.Findings, llvm::outs());
    break;
  case weakify::ReportFormat::Html:
    weakify::printHtml(Result.Findings, llvm::outs());
    break;
  }
  llvm::outs().flush();
  llvm::errs() << Result.Findings.size() << " finding"
               << (Result.Findings.size() == 1 ? "" : "s") << " in "
               << Files.size() << " unit" << (Files.size() == 1 ? "" : "s")
               << ".\n";

  bool Ok = Result.UnitErrors.empty();
  if (!ExportFixes.empty()) {
    std::string Error =
        weakify::writeFixesYaml(ExportFixes, "", Result.Findings);
    if (!Error.empty()) {
      llvm::errs() << "weakify: error: " << Error << '\n';
      Ok = false;
    }
  }
  if (Fix)
    Ok &= applyFixes(Result.Findings);
  if (WarningsAsErrors && !Result.Findings.empty())
    Ok = false;
  return Ok ? 0 : 1;
}
