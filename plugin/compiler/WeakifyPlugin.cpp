//===--- WeakifyPlugin.cpp - weakify as a clang compiler plugin -----------===//
//
//   clang++ -fplugin=weakify-plugin-NN.so \
//           [-fplugin-arg-weakify-checks=GLOBS] \
//           [-fplugin-arg-weakify-export-fixes=DIR] \
//           [-fplugin-arg-weakify-facts] \
//           [-fplugin-arg-weakify-warnings-as-errors] \
//           [-fplugin-arg-weakify-header-filter=REGEX] \
//           [-fplugin-arg-weakify-exclude-header-filter=REGEX] \
//           [-fplugin-arg-weakify-<check>.<Option>=VALUE] -c file.cpp
//   clang++ -fplugin=weakify-plugin-NN.so -fplugin-arg-weakify-instrument \
//           [-fplugin-arg-weakify-runtime-include=DIR] -c file.cpp
//
// Runs before the main action, so the object file is built as usual. The
// warnings are the unit's own (per-unit rules); with `facts`, the unit's
// facts go into the object file for `weakify report` to merge. Our
// diagnostics come from custom IDs, which clang does not map through -w and
// -Werror; the plugin applies both settings itself. `warnings-as-errors`
// makes weakify's findings errors without -Werror's effect on the rest.
//
// With `instrument`, the plugin does not analyse: it compiles the unit with
// every candidate site audited (see plugin/instrument/InstrumentUnit.h).
//
//===----------------------------------------------------------------------===//

#include "CheckList.h"
#include "FactsFormat.h"
#include "FactsSection.h"
#include "FindingRecord.h"
#include "HeaderFilter.h"
#include "InstrumentUnit.h"
#include "UnitConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

using namespace clang;

namespace weakify {
namespace {

constexpr const char *DefaultChecks = "weakify-*";

struct PluginSettings {
  std::string Checks = DefaultChecks;
  std::string ExportFixesDir;
  std::optional<std::string> HeaderFilterRegex;
  std::string ExcludeHeaderFilterRegex;
  HeaderFilter Headers;
  bool Facts = false;
  bool Instrument = false;
  bool WarningsAsErrors = false;
  std::string RuntimeInclude = WEAKIFY_RUNTIME_INCLUDE_DIR;
  std::map<std::string, std::string> Options;
};

/// Renders findings through clang's own diagnostics engine.
class DiagnosticRenderer {
public:
  DiagnosticRenderer(DiagnosticsEngine &Diags, const FactBuilder &Builder,
                     bool WarningsAsErrors)
      : Diags(Diags), Builder(Builder), WarningsAsErrors(WarningsAsErrors) {
    WarningID = Diags.getCustomDiagID(DiagnosticsEngine::Warning, "%0 [%1]");
    ErrorID = Diags.getCustomDiagID(DiagnosticsEngine::Error, "%0 [%1]");
    NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
  }

  void render(const Finding &F) {
    // Under -w nothing of weakify's is shown, NOLINT problems included:
    // they concern warnings nobody asked to see.
    if (Diags.getIgnoreAllWarnings())
      return;
    unsigned ID = Diags.getWarningsAsErrors() || WarningsAsErrors || F.Error
                      ? ErrorID
                      : WarningID;
    {
      DiagnosticBuilder B = Diags.Report(Builder.sourceLocation(F.Loc), ID);
      B << F.Message << F.Check;
      for (const Edit &E : F.Fixes)
        B << Builder.fixIt(E);
    }
    for (const FindingNote &Note : F.Notes)
      Diags.Report(Builder.sourceLocation(Note.Loc), NoteID) << Note.Message;
  }

private:
  DiagnosticsEngine &Diags;
  const FactBuilder &Builder;
  bool WarningsAsErrors;
  unsigned WarningID, ErrorID, NoteID;
};

/// One YAML file per main source file: rebuilding a unit overwrites its own
/// file, and clang-apply-replacements merges what several units share.
std::string fixesFileFor(llvm::StringRef Dir, llvm::StringRef MainFile) {
  llvm::SmallString<256> Path(Dir);
  std::string Name = llvm::sys::path::filename(MainFile).str() + "-" +
                     llvm::utohexstr(llvm::xxh3_64bits(MainFile)) + ".yaml";
  llvm::sys::path::append(Path, Name);
  return std::string(Path);
}

class WeakifyAction : public PluginASTAction {
protected:
  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    unsigned BadArg = Diags.getCustomDiagID(
        DiagnosticsEngine::Error, "weakify: %0 (in -fplugin-arg-weakify-%1)");
    // The inner parse of instrument mode runs without us.
    if (llvm::is_contained(Args, InnerParseArgument))
      return false;
    bool Ok = true;
    for (const std::string &Arg : Args) {
      auto [Key, Value] = llvm::StringRef(Arg).split('=');
      bool HasValue = llvm::StringRef(Arg).contains('=');
      std::string Problem;
      if (Key == "checks") {
        Settings.Checks = Value.str();
        Problem = validateCheckSelection(Value);
      } else if (Key == "export-fixes") {
        Settings.ExportFixesDir = Value.str();
      } else if (Key == "header-filter") {
        Settings.HeaderFilterRegex = Value.str();
      } else if (Key == "exclude-header-filter") {
        Settings.ExcludeHeaderFilterRegex = Value.str();
      } else if (Key == "facts" || Key == "instrument" ||
                 Key == "warnings-as-errors") {
        (Key == "facts"        ? Settings.Facts
         : Key == "instrument" ? Settings.Instrument
                               : Settings.WarningsAsErrors) = true;
        if (HasValue)
          Problem = "argument '" + Key.str() + "' takes no value";
      } else if (Key == "runtime-include") {
        Settings.RuntimeInclude = Value.str();
      } else if (Key.contains('.')) {
        Problem = validateOption(Key, Value);
      } else {
        Problem = "unknown argument '" + Key.str() +
                  "'; expected checks=, export-fixes=, facts, "
                  "instrument, warnings-as-errors, runtime-include=, "
                  "header-filter=, "
                  "exclude-header-filter= or <check>.<Option>=";
      }
      if (Problem.empty() && Key != "facts" && Key != "instrument" &&
          Key != "warnings-as-errors" && !HasValue)
        Problem = "argument '" + Arg + "' needs a value ('" + Arg + "=...')";
      if (!Problem.empty()) {
        Diags.Report(BadArg) << Problem << Arg;
        Ok = false;
        continue;
      }
      if (Key.contains('.'))
        Settings.Options[Key.str()] = Value.str();
    }
    std::string FilterError;
    if (std::optional<HeaderFilter> Headers = HeaderFilter::create(
            Settings.HeaderFilterRegex, Settings.ExcludeHeaderFilterRegex,
            FilterError))
      Settings.Headers = *Headers;
    else {
      Diags.Report(BadArg) << FilterError << "header-filter";
      Ok = false;
    }
    if (Ok && !Settings.ExportFixesDir.empty()) {
      if (std::error_code EC =
              llvm::sys::fs::create_directories(Settings.ExportFixesDir)) {
        Diags.Report(BadArg) << "cannot create '" + Settings.ExportFixesDir +
                                    "': " + EC.message()
                             << "export-fixes";
        Ok = false;
      }
    }
    return Ok;
  }

  std::unique_ptr<ASTConsumer>
  CreateASTConsumer(CompilerInstance &CI, llvm::StringRef InFile) override {
    if (Settings.Instrument) {
      // A failure is reported as an error, which fails the compile.
      instrumentUnit(CI, Settings.RuntimeInclude);
      return std::make_unique<ASTConsumer>();
    }
    // Under -w nothing would be shown; without export-fixes or facts
    // nothing would be written either: skip the analysis, cost nothing.
    if (CI.getDiagnostics().getIgnoreAllWarnings() &&
        Settings.ExportFixesDir.empty() && !Settings.Facts)
      return std::make_unique<ASTConsumer>();
    auto Document = std::make_shared<std::string>();
    if (Settings.Facts)
      embedFactsInObject(CI, Document);
    std::string MainFile = absolute(InFile);
    std::string ExportTo =
        Settings.ExportFixesDir.empty()
            ? ""
            : fixesFileFor(Settings.ExportFixesDir, MainFile);
    bool WantFacts = Settings.Facts;
    bool WarningsAsErrors = Settings.WarningsAsErrors;
    HeaderFilter Headers = Settings.Headers;
    return std::make_unique<UnitConsumer>(
        Settings.Options, Settings.Checks,
        [&CI, Document, ExportTo, MainFile, WantFacts, WarningsAsErrors,
         Headers](UnitAnalysis &Unit) {
          DiagnosticRenderer Renderer(CI.getDiagnostics(), Unit.Builder,
                                      WarningsAsErrors);
          std::vector<FindingRecord> Records;
          Headers.apply(Unit.Findings,
                        [&](llvm::StringRef File) { return File == MainFile; });
          for (const Finding &F : Unit.Findings) {
            Renderer.render(F);
            Records.push_back(recordFinding(F, Unit.Builder.texts()));
          }
          if (WantFacts)
            *Document = writeFacts(Unit.Facts);
          if (ExportTo.empty())
            return;
          std::string Error = writeFixesYaml(ExportTo, MainFile, Records);
          if (!Error.empty()) {
            DiagnosticsEngine &Diags = CI.getDiagnostics();
            Diags.Report(
                Diags.getCustomDiagID(DiagnosticsEngine::Error, "weakify: %0"))
                << Error;
          }
        });
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  static std::string absolute(llvm::StringRef Path) {
    llvm::SmallString<256> Abs(Path);
    llvm::sys::fs::make_absolute(Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    return std::string(Abs);
  }

  PluginSettings Settings;
};

} // namespace
} // namespace weakify

static clang::FrontendPluginRegistry::Add<weakify::WeakifyAction>
    Registration("weakify", "find strong ownership that should be weak");
