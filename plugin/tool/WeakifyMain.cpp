//===--- WeakifyMain.cpp - The weakify command-line tool ------------------===//
//
//   weakify -p BUILD_DIR [--per-unit] [--checks=GLOBS] [--fix]
//           [--export-fixes=FILE] [--option=<check>.<Option>=VALUE]...
//           [-j N] [--format=text|yaml|sarif|html] [--explain] [paths...]
//   weakify report [--checks=GLOBS] [--fix] [--format=...] [--explain]
//           OBJECTS-ARCHIVES-LIBRARIES-EXECUTABLES...
//
// The first analyses every unit of a compilation database (or the given
// files) in parallel and, unless --per-unit, merges their facts and decides
// once on the whole program. The second reads the facts that a build with
// -fplugin-arg-weakify-facts left in its outputs and decides on them the
// same way. Exit status: 0, or 1 when a unit failed to compile, a fix could
// not be written or, with --warnings-as-errors, when there are findings; 2
// for bad usage.
//
//===----------------------------------------------------------------------===//

#include "CheckList.h"
#include "FindingRecord.h"
#include "ObjectFacts.h"
#include "Outcome.h"
#include "ParallelRun.h"
#include "ReportFormats.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>

using namespace clang::tooling;
namespace cl = llvm::cl;

static cl::OptionCategory WeakifyCategory("weakify options");
static cl::SubCommand ReportCommand(
    "report", "Merge the facts that a build with -fplugin-arg-weakify-facts "
              "left in object files, archives, shared libraries or "
              "executables, and report the whole program's findings");

/// Options both commands take.
#define BOTH_COMMANDS                                                          \
  cl::sub(cl::SubCommand::getTopLevel()), cl::sub(ReportCommand)

static cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory holding compile_commands.json"),
              cl::value_desc("BUILD_DIR"), cl::cat(WeakifyCategory));
static cl::list<std::string> SourcePaths(cl::Positional,
                                         cl::desc("[source files...]"));
static cl::list<std::string>
    ReportInputs(cl::Positional,
                 cl::desc("<object files, archives, libraries...>"),
                 cl::sub(ReportCommand));
static cl::opt<std::string>
    Checks("checks", cl::desc("Checks to run, as clang-tidy globs"),
           cl::init("weakify-*"), cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::list<std::string>
    CheckOption("option", cl::desc("A check option: <check>.<Option>=VALUE"),
                cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<bool> Fix("fix", cl::desc("Apply the fixes, each once"),
                         cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the fixes as YAML for clang-apply-replacements"),
    cl::value_desc("FILE"), cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<bool>
    WarningsAsErrors("warnings-as-errors",
                     cl::desc("Exit with status 1 when there are findings"),
                     cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<unsigned> Jobs("j",
                              cl::desc("Units analysed at once (0: all cores)"),
                              cl::init(0), cl::cat(WeakifyCategory));
static cl::opt<bool> PerUnit(
    "per-unit",
    cl::desc("Decide on each unit's facts alone, as the plugin and clang-tidy "
             "do, instead of on the whole program"),
    cl::cat(WeakifyCategory));
static cl::opt<bool> Library(
    "library",
    cl::desc("The code is a library used by code not analysed: only private "
             "members and unit-local variables count as fully seen"),
    cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<bool> Explain(
    "explain",
    cl::desc("Say why candidates whose uses are not all in the facts are not "
             "reported"),
    cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<bool> Progress(
    "progress",
    cl::desc("Print [n/N] unit as units finish, and the time spent reading "
             "and deciding (default: when stderr is a terminal)"),
    cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<weakify::ReportFormat> Format(
    "format", cl::desc("How findings are printed"),
    cl::values(clEnumValN(weakify::ReportFormat::Text, "text",
                          "like clang (default)"),
               clEnumValN(weakify::ReportFormat::Yaml, "yaml",
                          "clang-tidy export-fixes YAML"),
               clEnumValN(weakify::ReportFormat::Sarif, "sarif", "SARIF 2.1.0"),
               clEnumValN(weakify::ReportFormat::Html, "html", "an HTML page")),
    cl::init(weakify::ReportFormat::Text), cl::cat(WeakifyCategory),
    BOTH_COMMANDS);
static cl::opt<bool> ListChecks("list-checks",
                                cl::desc("List the enabled checks"),
                                cl::cat(WeakifyCategory));

static double seconds(std::chrono::steady_clock::time_point From,
                      std::chrono::steady_clock::time_point To) {
  return std::chrono::duration<double>(To - From).count();
}

static int usageError(const llvm::Twine &Message) {
  llvm::errs() << "weakify: error: " << Message << '\n';
  return 2;
}

/// The `<check>.<Option>` values of --option, or an error.
static std::optional<std::map<std::string, std::string>> parseOptions() {
  std::map<std::string, std::string> Options;
  for (const std::string &Opt : CheckOption) {
    auto [Key, Value] = llvm::StringRef(Opt).split('=');
    std::string Problem = weakify::validateOptionKey(Key);
    if (!Problem.empty() || !llvm::StringRef(Opt).contains('=')) {
      usageError("bad --option '" + Opt +
                 "': " + (Problem.empty() ? "expected a value" : Problem));
      return std::nullopt;
    }
    Options[Key.str()] = Value.str();
  }
  return Options;
}

static weakify::DeliverySettings deliverySettings() {
  weakify::DeliverySettings Settings;
  Settings.Format = Format;
  Settings.WarningsAsErrors = WarningsAsErrors;
  Settings.Fix = Fix;
  Settings.Explain = Explain;
  Settings.ExportFixes = ExportFixes;
  return Settings;
}

static int runReport(const std::map<std::string, std::string> &Options) {
  if (ReportInputs.empty())
    return usageError("weakify report: no input files");
  auto Start = std::chrono::steady_clock::now();
  weakify::FactSet Facts;
  bool Complete = true, Readable = true;
  for (const std::string &Input : ReportInputs) {
    weakify::ObjectFactsResult Read = weakify::readObjectFacts(Input, Facts);
    for (const std::string &Problem : Read.Problems)
      llvm::errs() << "weakify: warning: " << Problem << '\n';
    if (!Read.Error.empty())
      llvm::errs() << "weakify: error: " << Read.Error << '\n';
    Complete &= Read.Problems.empty() && Read.Error.empty();
    Readable &= Read.Error.empty();
  }
  Facts.finish();
  weakify::MapOptions CheckOptions(Options);
  weakify::CheckRunner Runner(Checks, CheckOptions);
  // Facts missing from some input may hide uses: then only what is proven
  // without the closed-program assumption is reported.
  auto Read = std::chrono::steady_clock::now();
  weakify::Outcome O =
      weakify::decideOnProgram(Facts, Runner, Complete && !Library);
  weakify::DeliverySettings Delivery = deliverySettings();
  if (Progress || llvm::sys::Process::StandardErrIsDisplayed()) {
    Delivery.MapSeconds = seconds(Start, Read);
    Delivery.ReduceSeconds = seconds(Read, std::chrono::steady_clock::now());
  }
  bool Ok = weakify::deliver(O, Delivery, Facts.units().size());
  return Ok && Readable ? 0 : 1;
}

int main(int argc, const char **argv) {
  cl::HideUnrelatedOptions(WeakifyCategory);
  cl::HideUnrelatedOptions(WeakifyCategory, ReportCommand);
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "find strong ownership that "
                                   "should be weak\n"))
    return 2;
  if (std::string Problem = weakify::validateCheckGlobs(Checks);
      !Problem.empty())
    return usageError(Problem);
  std::optional<std::map<std::string, std::string>> Options = parseOptions();
  if (!Options)
    return 2;
  if (ReportCommand)
    return runReport(*Options);
  if (ListChecks) {
    llvm::outs() << "Enabled checks:\n";
    for (const weakify::CheckEntry &Entry : weakify::allChecks())
      if (weakify::isCheckEnabled(Checks, Entry.Name))
        llvm::outs() << "    " << Entry.Name << '\n';
    return 0;
  }

  weakify::RunSettings Settings;
  Settings.Checks = Checks;
  Settings.Jobs = Jobs;
  Settings.Options = *Options;
  Settings.PerUnit = PerUnit;
  Settings.Progress = Progress || llvm::sys::Process::StandardErrIsDisplayed();

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
  // Only the whole database is the whole program.
  bool WholeDatabase = Files.empty();
  if (Files.empty())
    Files = DB->getAllFiles();
  if (Files.empty())
    return usageError("the compilation database lists no files");

  auto Start = std::chrono::steady_clock::now();
  weakify::RunResult Result = weakify::analyzeUnits(*DB, Files, Settings);
  auto Analysed = std::chrono::steady_clock::now();
  for (const std::string &Error : Result.UnitErrors)
    llvm::errs() << "weakify: error: cannot analyse " << Error;
  weakify::Outcome O;
  if (PerUnit) {
    O.Findings = std::move(Result.Findings);
    O.Explanations = std::move(Result.Explanations);
  } else {
    weakify::MapOptions CheckOptions(Settings.Options);
    weakify::CheckRunner Runner(Settings.Checks, CheckOptions);
    bool Closed = WholeDatabase && Result.UnitErrors.empty() && !Library;
    O = weakify::decideOnProgram(Result.Facts, Runner, Closed);
  }
  weakify::DeliverySettings Delivery = deliverySettings();
  if (Settings.Progress) {
    Delivery.MapSeconds = seconds(Start, Analysed);
    Delivery.ReduceSeconds =
        seconds(Analysed, std::chrono::steady_clock::now());
  }
  bool Ok = weakify::deliver(O, Delivery, Files.size());
  return Ok && Result.UnitErrors.empty() ? 0 : 1;
}
