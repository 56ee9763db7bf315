//===--- ParallelRun.cpp - Analyse many units of a build at once ----------===//

#include "ParallelRun.h"
#include "CheckRunner.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <algorithm>
#include <mutex>
#include <tuple>

using namespace clang;
using namespace clang::tooling;

namespace weakify {
namespace {

/// What one unit gives back.
struct UnitOutput {
  FactSet Facts;
  std::vector<FindingRecord> Findings;
  std::vector<Explanation> Explanations;
};

/// Collects one unit's facts, and per unit also decides on them.
class UnitAction : public ASTFrontendAction {
public:
  UnitAction(const CheckRunner &Runner, bool PerUnit, UnitOutput &Out)
      : Runner(Runner), PerUnit(PerUnit), Out(Out) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<Consumer>(*this);
  }

private:
  class Consumer : public ASTConsumer {
  public:
    explicit Consumer(UnitAction &Action) : Action(Action) {}
    void HandleTranslationUnit(ASTContext &AST) override {
      if (!Action.PerUnit) {
        FactBuilder Builder(AST, Action.Out.Facts);
        Action.Runner.collect(AST, Builder);
        Action.Out.Facts.finish();
        return;
      }
      IncludeLedger Includes;
      UnitAnalysis Unit(Action.Runner, AST, Includes);
      for (const Finding &F : Unit.Findings)
        Action.Out.Findings.push_back(recordFinding(F, Unit.Builder.texts()));
      Action.Out.Explanations = std::move(Unit.Explanations);
    }

  private:
    UnitAction &Action;
  };

  const CheckRunner &Runner;
  bool PerUnit;
  UnitOutput &Out;
};

class UnitActionFactory : public FrontendActionFactory {
public:
  UnitActionFactory(const CheckRunner &Runner, bool PerUnit, UnitOutput &Out)
      : Runner(Runner), PerUnit(PerUnit), Out(Out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<UnitAction>(Runner, PerUnit, Out);
  }

private:
  const CheckRunner &Runner;
  bool PerUnit;
  UnitOutput &Out;
};

/// A build compiled with the weakify plugin must not load it again here, and
/// our binary does not live next to clang's builtin headers.
ArgumentsAdjuster commandAdjuster() {
  return [](const CommandLineArguments &Args, llvm::StringRef) {
    CommandLineArguments Result;
    bool HasResourceDir = false;
    for (const std::string &Arg : Args) {
      llvm::StringRef A(Arg);
      if (A.starts_with("-fplugin=") || A.starts_with("-fplugin-arg-"))
        continue;
      HasResourceDir |= A.starts_with("-resource-dir");
      Result.push_back(Arg);
    }
    if (!HasResourceDir && !Result.empty())
      Result.insert(Result.begin() + 1,
                    "-resource-dir=" WEAKIFY_CLANG_RESOURCE_DIR);
    return Result;
  };
}

} // namespace

RunResult analyzeUnits(const CompilationDatabase &DB,
                       const std::vector<std::string> &Files,
                       const RunSettings &Settings) {
  RunResult Result;
  MapOptions Options(Settings.Options);
  CheckRunner Runner(Settings.Checks, Options);
  std::mutex Lock;
  unsigned Done = 0;
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Settings.Jobs));
  for (const std::string &File : Files) {
    Pool.async([&, File] {
      UnitOutput Out;
      std::string Errors;
      llvm::raw_string_ostream ErrorStream(Errors);
      // As clang prints them, with the flag that controls each
      // (`[-Wc++11-narrowing]`): the user's hint for --extra-arg=-Wno-...
#if LLVM_VERSION_MAJOR >= 21
      DiagnosticOptions DiagOpts;
      DiagOpts.ShowOptionNames = true;
      TextDiagnosticPrinter Printer(ErrorStream, DiagOpts);
#else
      auto DiagOpts = llvm::makeIntrusiveRefCnt<DiagnosticOptions>();
      DiagOpts->ShowOptionNames = true;
      TextDiagnosticPrinter Printer(ErrorStream, DiagOpts.get());
#endif
      // Each unit gets its own working directory: no process-wide chdir.
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS(
          llvm::vfs::createPhysicalFileSystem().release());
      ClangTool Tool(DB, {File}, std::make_shared<PCHContainerOperations>(),
                     FS);
      Tool.appendArgumentsAdjuster(commandAdjuster());
      Tool.appendArgumentsAdjuster(
          getInsertArgumentAdjuster("-w", ArgumentInsertPosition::END));
      Tool.setDiagnosticConsumer(&Printer);
      UnitActionFactory Factory(Runner, Settings.PerUnit, Out);
      int Status = Tool.run(&Factory);
      std::lock_guard<std::mutex> Guard(Lock);
      // Reduce as units finish: memory holds the merged facts, not every
      // unit's.
      // A unit that did not compile says nothing (its facts would be
      // half-true).
      if (Status == 0)
        Result.Facts.merge(std::move(Out.Facts));
      for (FindingRecord &R : Out.Findings)
        Result.Findings.push_back(std::move(R));
      for (Explanation &E : Out.Explanations)
        Result.Explanations.push_back(std::move(E));
      if (Status != 0)
        Result.UnitErrors.push_back({File, Errors});
      ++Done;
      if (Settings.Progress)
        llvm::errs() << "[" << Done << "/" << Files.size() << "] " << File
                     << "\n";
    });
  }
  Pool.wait();
  Result.Facts.finish();
  std::sort(Result.Findings.begin(), Result.Findings.end());
  Result.Findings.erase(
      std::unique(Result.Findings.begin(), Result.Findings.end()),
      Result.Findings.end());
  std::sort(Result.Explanations.begin(), Result.Explanations.end());
  Result.Explanations.erase(
      std::unique(Result.Explanations.begin(), Result.Explanations.end()),
      Result.Explanations.end());
  llvm::sort(Result.UnitErrors, [](const UnitFailure &A, const UnitFailure &B) {
    return std::tie(A.File, A.Message) < std::tie(B.File, B.Message);
  });
  return Result;
}

} // namespace weakify
