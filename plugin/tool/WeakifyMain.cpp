//===--- WeakifyMain.cpp - The weakify command-line tool ------------------===//
//
//   weakify -p BUILD_DIR [--per-unit] [--checks=GLOBS] [--fix]
//           [--export-fixes=FILE] [--option=<check>.<Option>=VALUE]...
//           [-j N] [--format=text|yaml|sarif|html] [--explain]
//           [--header-filter=RE] [--exclude-header-filter=RE]
//           [--config-file=FILE] [--extra-arg[-before]=ARG]... [paths...]
//           [--audit=FILE.json] [-- COMPILER ARGUMENTS]
//   weakify report [--checks=GLOBS] [--fix] [--format=...] [--explain]
//           [--audit=FILE.json] OBJECTS-ARCHIVES-LIBRARIES-EXECUTABLES...
//
// The first analyses every unit of a compilation database (or the given
// files) in parallel and, unless --per-unit, merges their facts and decides
// once on the whole program. The second reads the facts that a build with
// -fplugin-arg-weakify-facts left in its outputs and decides on them the
// same way. With --audit, both hold the findings against what an
// instrumented run of the program saw (AuditResults.h). Exit status: 0 clean, 1
// findings with --warnings-as-errors, 2 bad usage, 3 a unit (or an input of
// `report`) could not be analysed, or a fix could not be written.
//
//===----------------------------------------------------------------------===//

#include "AuditResults.h"
#include "Baseline.h"
#include "CheckList.h"
#include "FindingRecord.h"
#include "HeaderFilter.h"
#include "ObjectFacts.h"
#include "Outcome.h"
#include "ParallelRun.h"
#include "ProjectConfig.h"
#include "ReportFormats.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Config/llvm-config.h"
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
static cl::opt<std::string> Checks(
    "checks",
    cl::desc("Checks to run, as clang-tidy globs, after weakify-* and the "
             "configuration file's Checks"),
    cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<std::string> ConfigFile(
    "config-file",
    cl::desc("Read Checks, CheckOptions and the header filters from this "
             "clang-tidy configuration file instead of the closest "
             ".clang-tidy"),
    cl::value_desc("FILE"), cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<std::string> HeaderFilterOption(
    "header-filter",
    cl::desc("Show findings in headers matching this regular expression "
             "(default: every header that is not a system header; an empty "
             "one shows none)"),
    cl::value_desc("REGEX"), cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<std::string> ExcludeHeaderFilterOption(
    "exclude-header-filter",
    cl::desc("Hide findings in headers matching this regular expression"),
    cl::value_desc("REGEX"), cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::list<std::string>
    ExtraArgs("extra-arg",
              cl::desc("An argument appended to every compiler command"),
              cl::cat(WeakifyCategory));
static cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before",
    cl::desc("An argument put before the others of every compiler command"),
    cl::cat(WeakifyCategory));
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
                              cl::init(0), cl::Prefix,
                              cl::cat(WeakifyCategory));
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
static cl::list<std::string> AuditFiles(
    "audit",
    cl::desc("Mark each finding confirmed or not seen by the audit an "
             "instrumented run of the program wrote, and report the leaks "
             "it saw that no finding covers (repeat for the audits of "
             "several runs, e.g. a test suite's)"),
    cl::value_desc("FILE.json"), cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<std::string>
    OutputPath("o",
               cl::desc("Write the report to this file instead of stdout (with "
                        "--format=html: to this folder, as index.html)"),
               cl::value_desc("PATH"), cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<std::string> ProjectRoot(
    "project-root",
    cl::desc("Name files under this folder relative to it in SARIF "
             "(originalUriBaseIds) and in baselines (default: the current "
             "folder for baselines, absolute URIs in SARIF)"),
    cl::value_desc("DIR"), cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Record today's findings in FILE (by check, file relative to "
             "the project root and declaration; not by line)"),
    cl::value_desc("FILE"), cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<std::string> BaselineFile(
    "baseline",
    cl::desc("Report only the findings FILE (from --write-baseline) does "
             "not hold"),
    cl::value_desc("FILE"), cl::cat(WeakifyCategory), BOTH_COMMANDS);
static cl::opt<bool> ListChecks("list-checks",
                                cl::desc("List the enabled checks"),
                                cl::cat(WeakifyCategory));

/// When main() started, for the wall time of the summary line.
static std::chrono::steady_clock::time_point ProgramStart;

static double seconds(std::chrono::steady_clock::time_point From,
                      std::chrono::steady_clock::time_point To) {
  return std::chrono::duration<double>(To - From).count();
}

static int usageError(const llvm::Twine &Message) {
  llvm::errs() << "weakify: error: " << Message << '\n';
  return weakify::ExitUsage;
}

/// What the configuration file and the command line select together.
struct Selection {
  std::string Checks;
  std::map<std::string, std::string> Options;
  std::optional<weakify::HeaderFilter> Headers;
};

/// The configuration file, the checks, options and header filters, or a
/// usage error already printed.
static std::optional<Selection> select(llvm::StringRef FirstSource) {
  weakify::ProjectConfig Config;
  std::string Error;
  std::string ConfigPath = ConfigFile;
  if (ConfigPath.empty())
    ConfigPath = weakify::findProjectConfig(
        FirstSource.empty() ? "." : llvm::sys::path::parent_path(FirstSource));
  if (!ConfigPath.empty()) {
    std::optional<weakify::ProjectConfig> Read =
        weakify::readProjectConfig(ConfigPath, Error);
    if (!Read) {
      usageError(Error);
      return std::nullopt;
    }
    Config = std::move(*Read);
  }
  Selection S;
  // As in clang-tidy: the command line's globs come after the file's. A
  // file that never names weakify was written for clang-tidy's own checks:
  // its `-*,bugprone-*` does not turn weakify off.
  S.Checks = "weakify-*";
  if (!llvm::StringRef(Config.Checks).contains("weakify"))
    Config.Checks.clear();
  for (const std::string &Globs : {Config.Checks, std::string(Checks)})
    if (!llvm::StringRef(Globs).trim().empty())
      S.Checks += "," + Globs;
  if (std::string Problem = weakify::validateCheckSelection(Checks);
      !Problem.empty()) {
    usageError("--checks: " + Problem);
    return std::nullopt;
  }
  bool AnyEnabled = false;
  for (const weakify::CheckEntry &Entry : weakify::allChecks())
    AnyEnabled |= weakify::isCheckEnabled(S.Checks, Entry.Name);
  if (!AnyEnabled) {
    usageError("no weakify check is enabled by '" + S.Checks + "'");
    return std::nullopt;
  }
  for (const auto &[Key, Value] : Config.Options) {
    if (std::string Problem = weakify::validateOption(Key, Value);
        !Problem.empty()) {
      usageError("in '" + Config.Path + "': " + Problem);
      return std::nullopt;
    }
    S.Options[Key] = Value;
  }
  for (const std::string &Opt : CheckOption) {
    auto [Key, Value] = llvm::StringRef(Opt).split('=');
    std::string Problem = llvm::StringRef(Opt).contains('=')
                              ? weakify::validateOption(Key, Value)
                              : "expected '<check>.<Option>=VALUE'";
    if (!Problem.empty()) {
      usageError("bad --option '" + Opt + "': " + Problem);
      return std::nullopt;
    }
    S.Options[Key.str()] = Value.str();
  }
  std::optional<std::string> Include = Config.HeaderFilter;
  if (HeaderFilterOption.getNumOccurrences())
    Include = HeaderFilterOption;
  std::string Exclude = Config.ExcludeHeaderFilter.value_or("");
  if (ExcludeHeaderFilterOption.getNumOccurrences())
    Exclude = ExcludeHeaderFilterOption;
  S.Headers = weakify::HeaderFilter::create(Include, Exclude, Error);
  if (!S.Headers) {
    usageError(Error);
    return std::nullopt;
  }
  return S;
}

/// The first argument before `--` that looks like an option and is not
/// one of \p Command's, or "". LLVM's parser would take some of them for
/// the prefix of another option (`--header-fil` for `--help`).
static std::string unknownOption(llvm::ArrayRef<const char *> Args,
                                 cl::SubCommand &Command) {
  auto &Known = cl::getRegisteredOptions(Command);
  auto &Top = cl::getRegisteredOptions(cl::SubCommand::getTopLevel());
  bool ValueNext = false; // `--extra-arg -DX`: the value may start with '-'.
  for (const char *Arg : Args.drop_front()) {
    llvm::StringRef A(Arg);
    if (A == "--")
      break;
    if (ValueNext || !A.starts_with("-") || A == "-") {
      ValueNext = false;
      continue;
    }
    auto [Name, Value] = A.ltrim('-').split('=');
    cl::Option *O = Known.lookup(Name);
    if (!O)
      O = Top.lookup(Name);
    if (O) {
      ValueNext =
          !A.contains('=') && O->getValueExpectedFlag() == cl::ValueRequired;
      continue;
    }
    if (Name.starts_with("j") && Name.size() > 1 &&
        llvm::all_of(Name.drop_front(), llvm::isDigit))
      continue; // -j2
    return A.str();
  }
  return "";
}

static weakify::DeliverySettings deliverySettings() {
  weakify::DeliverySettings Settings;
  Settings.Format = Format;
  Settings.WarningsAsErrors = WarningsAsErrors;
  Settings.Fix = Fix;
  Settings.Explain = Explain;
  Settings.ExportFixes = ExportFixes;
  Settings.OutputPath = OutputPath;
  if (Format == weakify::ReportFormat::Html)
    Settings.Context.OutputDir = OutputPath;
  if (!ProjectRoot.empty()) {
    llvm::SmallString<256> Root(ProjectRoot);
    llvm::sys::fs::make_absolute(Root);
    llvm::sys::path::remove_dots(Root, /*remove_dot_dot=*/true);
    Settings.Context.ProjectRoot = std::string(Root);
  }
  return Settings;
}

/// Holds the audit's \p Sites (if --audit) against the findings of \p O,
/// then keeps what the header filters show. Hidden findings still cover
/// their sites. A run-time-only result's file counts as a source file when
/// \p IsSource says so or it is named like one.
static void
auditAndFilter(weakify::Outcome &O, const Selection &Selected,
               const std::optional<std::vector<weakify::AuditedSite>> &Sites,
               const std::function<bool(llvm::StringRef)> &IsSource) {
  if (Sites) {
    O.Audit =
        weakify::applyAudit(O.Findings, *Sites, [&](llvm::StringRef Check) {
          return weakify::isCheckEnabled(Selected.Checks, Check);
        });
    Selected.Headers->apply(O.Audit.RunTimeOnly, [&](llvm::StringRef File) {
      llvm::StringRef Ext = llvm::sys::path::extension(File);
      return IsSource(File) ||
             llvm::is_contained({".c", ".cc", ".cpp", ".cxx", ".c++", ".C"},
                                Ext);
    });
  }
  Selected.Headers->apply(O.Findings, IsSource);
}

/// --write-baseline and --baseline on the findings of \p O, files named
/// relative to the project root (default: the current folder). Returns
/// false when a file cannot be read or written (an error is printed).
static bool applyBaseline(weakify::Outcome &O,
                          weakify::DeliverySettings &Delivery) {
  std::string Root = Delivery.Context.ProjectRoot;
  if (Root.empty()) {
    llvm::SmallString<256> Current;
    if (!llvm::sys::fs::current_path(Current))
      Root = std::string(Current);
  }
  std::optional<weakify::Baseline> Known;
  if (!BaselineFile.empty()) {
    std::string Error;
    Known = weakify::Baseline::read(BaselineFile, Error);
    if (!Known) {
      usageError(Error);
      return false;
    }
  }
  if (!WriteBaseline.empty()) {
    std::string Error =
        weakify::Baseline::write(WriteBaseline, O.Findings, Root);
    if (!Error.empty()) {
      llvm::errs() << "weakify: error: " << Error << '\n';
      return false;
    }
  }
  if (Known)
    Delivery.Baselined = Known->removeKnown(O.Findings, Root);
  return true;
}

/// The sites of --audit; nothing without it. A bad file is a usage error,
/// printed, and \p Bad is set.
static std::optional<std::vector<weakify::AuditedSite>>
readAuditFile(bool &Bad) {
  Bad = false;
  if (AuditFiles.empty())
    return std::nullopt;
  std::vector<std::vector<weakify::AuditedSite>> Runs;
  for (const std::string &File : AuditFiles) {
    std::string Error;
    std::optional<std::vector<weakify::AuditedSite>> Sites =
        weakify::readAudit(File, Error);
    if (!Sites) {
      usageError(Error);
      Bad = true;
      return std::nullopt;
    }
    Runs.push_back(std::move(*Sites));
  }
  return weakify::mergeAudits(std::move(Runs));
}

static int runReport(const Selection &Selected) {
  bool BadAudit = false;
  std::optional<std::vector<weakify::AuditedSite>> Sites =
      readAuditFile(BadAudit);
  if (BadAudit)
    return weakify::ExitUsage;
  if (ReportInputs.empty() && !Sites)
    return usageError("weakify report: no input files");
  const std::map<std::string, std::string> &Options = Selected.Options;
  auto Start = std::chrono::steady_clock::now();
  weakify::FactSet Facts;
  bool Complete = true;
  std::vector<weakify::UnitFailure> Failures;
  for (const std::string &Input : ReportInputs) {
    weakify::ObjectFactsResult Read = weakify::readObjectFacts(Input, Facts);
    for (const std::string &Problem : Read.Problems)
      llvm::errs() << "weakify: warning: " << Problem << '\n';
    if (!Read.Error.empty()) {
      llvm::errs() << "weakify: error: " << Read.Error << '\n';
      Failures.push_back({Input, Read.Error});
    }
    Complete &= Read.Problems.empty() && Read.Error.empty();
  }
  Facts.finish();
  weakify::MapOptions CheckOptions(Options);
  weakify::CheckRunner Runner(Selected.Checks, CheckOptions);
  // Facts missing from some input may hide uses: then only what is proven
  // without the closed-program assumption is reported.
  auto Read = std::chrono::steady_clock::now();
  // With only an audit there is nothing to decide on: every leak it saw is
  // a run-time-only result.
  weakify::Outcome O;
  if (!ReportInputs.empty())
    O = weakify::decideOnProgram(Facts, Runner, Complete && !Library);
  weakify::DeliverySettings Delivery = deliverySettings();
  size_t Unreadable = Failures.size();
  Delivery.Context.Failures = std::move(Failures);
  const std::set<std::string> &Units = Facts.units();
  auditAndFilter(O, Selected, Sites, [&](llvm::StringRef File) {
    return Units.count(File.str()) != 0;
  });
  if (!applyBaseline(O, Delivery))
    return weakify::ExitUsage;
  if (Progress || llvm::sys::Process::StandardErrIsDisplayed()) {
    auto End = std::chrono::steady_clock::now();
    Delivery.DetailedSummary = true;
    Delivery.WallSeconds = seconds(ProgramStart, End);
    Delivery.MapSeconds = seconds(Start, Read);
    Delivery.ReduceSeconds = seconds(Read, End);
  }
  return weakify::deliver(O, Delivery, Units.size(), Unreadable);
}

static void printVersion(llvm::raw_ostream &OS) {
  OS << "weakify version " << WEAKIFY_VERSION << " (built with LLVM "
     << LLVM_VERSION_STRING << ")\n";
}

int main(int argc, const char **argv) {
  ProgramStart = std::chrono::steady_clock::now();
  cl::HideUnrelatedOptions(WeakifyCategory);
  cl::HideUnrelatedOptions(WeakifyCategory, ReportCommand);
  cl::SetVersionPrinter(printVersion);
  bool IsReport = argc > 1 && llvm::StringRef(argv[1]) == "report";
  if (std::string Unknown = unknownOption(
          llvm::ArrayRef(argv, argc),
          IsReport ? ReportCommand : cl::SubCommand::getTopLevel());
      !Unknown.empty())
    return usageError("unknown option '" + Unknown +
                      "' (weakify --help lists the options)");
  // Compiler arguments after `--` describe every file, as in clang-tidy.
  std::string FixedError;
  std::unique_ptr<CompilationDatabase> FixedDB =
      FixedCompilationDatabase::loadFromCommandLine(argc, argv, FixedError);
  if (!FixedError.empty()) {
    llvm::StringRef Message = llvm::StringRef(FixedError).trim();
    Message.consume_front("error: ");
    return usageError(Message);
  }
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "find strong ownership that "
                                   "should be weak\n",
                                   &llvm::errs()))
    return weakify::ExitUsage;
  std::vector<std::string> Files;
  for (const std::string &Path : SourcePaths) {
    llvm::SmallString<256> Abs(Path);
    llvm::sys::fs::make_absolute(Abs);
    Files.push_back(std::string(Abs));
  }
  std::optional<Selection> Selected =
      select(Files.empty() ? "" : Files.front());
  if (!Selected)
    return weakify::ExitUsage;
  if (ReportCommand)
    return runReport(*Selected);
  if (ListChecks) {
    llvm::outs() << "Enabled checks:\n";
    for (const weakify::CheckEntry &Entry : weakify::allChecks())
      if (weakify::isCheckEnabled(Selected->Checks, Entry.Name))
        llvm::outs() << "    " << Entry.Name << '\n';
    return weakify::ExitClean;
  }
  bool BadAudit = false;
  std::optional<std::vector<weakify::AuditedSite>> Sites =
      readAuditFile(BadAudit);
  if (BadAudit)
    return weakify::ExitUsage;

  weakify::RunSettings Settings;
  Settings.Checks = Selected->Checks;
  Settings.Jobs = Jobs;
  Settings.Options = Selected->Options;
  Settings.PerUnit = PerUnit;
  Settings.Progress = Progress || llvm::sys::Process::StandardErrIsDisplayed();

  std::string LoadError;
  std::unique_ptr<CompilationDatabase> DB = std::move(FixedDB);
  if (DB && SourcePaths.empty())
    return usageError("compiler arguments after '--' need source files");
  if (!DB && !BuildPath.empty())
    DB = CompilationDatabase::loadFromDirectory(BuildPath, LoadError);
  else if (!DB && !SourcePaths.empty())
    DB = CompilationDatabase::autoDetectFromSource(SourcePaths.front(),
                                                   LoadError);
  else if (!DB)
    return usageError("no compilation database: pass -p BUILD_DIR, or "
                      "source files followed by -- and compiler arguments");
  if (!DB)
    return usageError(
        "cannot load a compilation database" +
        (BuildPath.empty() ? std::string() : " from '" + BuildPath + "'") +
        ": " + LoadError);
  if (!ExtraArgsBefore.empty() || !ExtraArgs.empty()) {
    auto Adjusting =
        std::make_unique<ArgumentsAdjustingCompilations>(std::move(DB));
    Adjusting->appendArgumentsAdjuster(getInsertArgumentAdjuster(
        ExtraArgsBefore, ArgumentInsertPosition::BEGIN));
    Adjusting->appendArgumentsAdjuster(
        getInsertArgumentAdjuster(ExtraArgs, ArgumentInsertPosition::END));
    DB = std::move(Adjusting);
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
  for (const weakify::UnitFailure &Unit : Result.UnitErrors)
    llvm::errs() << "weakify: error: cannot analyse " << Unit.File << ":\n"
                 << Unit.Message;
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
  std::set<std::string> Sources(Files.begin(), Files.end());
  auditAndFilter(O, *Selected, Sites, [&](llvm::StringRef File) {
    return Sources.count(File.str()) != 0;
  });
  weakify::DeliverySettings Delivery = deliverySettings();
  for (const weakify::UnitFailure &Unit : Result.UnitErrors)
    Delivery.Context.Failures.push_back(
        {Unit.File, llvm::StringRef(Unit.Message).trim().str()});
  if (!applyBaseline(O, Delivery))
    return weakify::ExitUsage;
  if (Settings.Progress) {
    auto End = std::chrono::steady_clock::now();
    Delivery.DetailedSummary = true;
    Delivery.WallSeconds = seconds(ProgramStart, End);
    Delivery.MapSeconds = seconds(Start, Analysed);
    Delivery.ReduceSeconds = seconds(Analysed, End);
  }
  size_t Failed = Result.UnitErrors.size();
  return weakify::deliver(O, Delivery, Files.size() - Failed, Failed);
}
