//===--- ParallelRun.cpp - Analyse many units of a build at once ----------===//

#include "ParallelRun.h"
#include "CheckRunnerConsumer.h"
#include "FrontEndContext.h"
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

using namespace clang;
using namespace clang::tooling;

namespace weakify {
namespace {

/// Runs the checks on one unit and keeps its findings as records.
class AnalysisAction : public ASTFrontendAction {
public:
  AnalysisAction(const RunSettings &Settings, std::vector<FindingRecord> &Out)
      : Settings(Settings), Out(Out) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    const LangOptions &LO = CI.getLangOpts();
    auto Context = std::make_unique<FrontEndContext>(
        Settings.Options, [this, &CI, &LO](Finding F) {
          Out.push_back(recordFinding(F, CI.getSourceManager(), LO));
        });
    FrontEndContext *Ctx = Context.get();
    return std::make_unique<CheckRunnerConsumer>(
        std::move(Context), Settings.Checks,
        [Ctx](ASTContext &AST) {
          Ctx->setSourceManager(&AST.getSourceManager());
        },
        nullptr);
  }

private:
  const RunSettings &Settings;
  std::vector<FindingRecord> &Out;
};

class AnalysisActionFactory : public FrontendActionFactory {
public:
  AnalysisActionFactory(const RunSettings &Settings,
                        std::vector<FindingRecord> &Out)
      : Settings(Settings), Out(Out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<AnalysisAction>(Settings, Out);
  }

private:
  const RunSettings &Settings;
  std::vector<FindingRecord> &Out;
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
  std::mutex Lock;
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Settings.Jobs));
  for (const std::string &File : Files) {
    Pool.async([&, File] {
      std::vector<FindingRecord> Found;
      std::string Errors;
      llvm::raw_string_ostream ErrorStream(Errors);
#if LLVM_VERSION_MAJOR >= 21
      DiagnosticOptions DiagOpts;
      TextDiagnosticPrinter Printer(ErrorStream, DiagOpts);
#else
      auto DiagOpts = llvm::makeIntrusiveRefCnt<DiagnosticOptions>();
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
      AnalysisActionFactory Factory(Settings, Found);
      int Status = Tool.run(&Factory);
      std::lock_guard<std::mutex> Guard(Lock);
      for (FindingRecord &R : Found)
        Result.Findings.push_back(std::move(R));
      if (Status != 0)
        Result.UnitErrors.push_back(File + ":\n" + Errors);
    });
  }
  Pool.wait();
  std::sort(Result.Findings.begin(), Result.Findings.end());
  Result.Findings.erase(
      std::unique(Result.Findings.begin(), Result.Findings.end()),
      Result.Findings.end());
  std::sort(Result.UnitErrors.begin(), Result.UnitErrors.end());
  return Result;
}

} // namespace weakify
