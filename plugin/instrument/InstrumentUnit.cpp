//===--- InstrumentUnit.cpp - Compile a unit with its sites audited -------===//

#include "InstrumentUnit.h"
#include "AuditRewrite.h"
#include "AuditSites.h"
#include "FactBuilder.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/DirectoryLookup.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#if __has_include(<dlfcn.h>)
#include <dlfcn.h>
#endif

using namespace clang;

namespace weakify {
namespace {

/// What the inner parse found, in terms that outlive its AST.
struct InnerResult {
  bool Parsed = false;
  AuditRewrite Rewrite;
  std::vector<std::pair<Location, std::string>> Skipped;
};

class SiteFinder : public ASTConsumer {
public:
  explicit SiteFinder(InnerResult &Out) : Out(Out) {}

  void HandleTranslationUnit(ASTContext &AST) override {
    // The real compile reports the errors; a unit that does not compile
    // is compiled as written.
    if (AST.getDiagnostics().hasErrorOccurred())
      return;
    FactSet Facts;
    FactBuilder Builder(AST, Facts);
    Out.Rewrite = rewriteAuditSites(Builder, findAuditSites(AST));
    for (const SkippedSite &S : Out.Rewrite.Skipped)
      Out.Skipped.emplace_back(Builder.location(S.Loc),
                               "'" + S.Name + "' is not audited: " + S.Reason);
    Out.Parsed = true;
  }

private:
  InnerResult &Out;
};

class SiteFinderAction : public ASTFrontendAction {
public:
  explicit SiteFinderAction(InnerResult &Out) : Out(Out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<SiteFinder>(Out);
  }

private:
  InnerResult &Out;
};

/// Parses the unit of \p CI again, silently, on the same files.
InnerResult findSites(CompilerInstance &CI) {
  auto Invocation = std::make_shared<CompilerInvocation>(CI.getInvocation());
  FrontendOptions &Front = Invocation->getFrontendOpts();
  Front.ProgramAction = frontend::ParseSyntaxOnly;
  Front.PluginArgs["weakify"] = {InnerParseArgument};
  Front.OutputFile.clear();
  Invocation->getDependencyOutputOpts() = DependencyOutputOptions();
  Invocation->getDiagnosticOpts().Warnings = {"no-everything"};

#if LLVM_VERSION_MAJOR >= 20
  CompilerInstance Inner(Invocation);
  Inner.setVirtualFileSystem(CI.getVirtualFileSystemPtr());
#else
  CompilerInstance Inner;
  Inner.setInvocation(Invocation);
#endif
  Inner.setFileManager(&CI.getFileManager());
  Inner.createDiagnostics(new IgnoringDiagConsumer, /*ShouldOwnClient=*/true);
  InnerResult Result;
  SiteFinderAction Action(Result);
  Inner.ExecuteAction(Action);
  return Result;
}

/// The file this plugin was loaded from, or "" when the system cannot say.
std::string pluginFile() {
#if __has_include(<dlfcn.h>)
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(&instrumentUnit), &Info) &&
      Info.dli_fname) {
    llvm::SmallString<256> Real;
    if (!llvm::sys::fs::real_path(Info.dli_fname, Real))
      return std::string(Real);
  }
#endif
  return "";
}

/// Where the runtime's headers are: the directory given with
/// runtime-include= (anything but the compiled-in default), else the
/// installed headers next to an installed plugin
/// (WEAKIFY_INSTALLED_RUNTIME_INCLUDE, relative to the plugin's directory),
/// else the source tree the plugin was built from (a build tree's plugin).
std::string runtimeIncludeDir(StringRef Requested) {
  if (Requested != WEAKIFY_RUNTIME_INCLUDE_DIR)
    return Requested.str();
#ifdef WEAKIFY_INSTALLED_RUNTIME_INCLUDE
  std::string Plugin = pluginFile();
  if (!Plugin.empty()) {
    llvm::SmallString<256> Installed(llvm::sys::path::parent_path(Plugin));
    llvm::sys::path::append(Installed, WEAKIFY_INSTALLED_RUNTIME_INCLUDE);
    llvm::sys::path::remove_dots(Installed, /*remove_dot_dot=*/true);
    llvm::SmallString<256> Audit(Installed);
    llvm::sys::path::append(Audit, "weakref", "audit.hpp");
    if (llvm::sys::fs::exists(Audit))
      return std::string(Installed);
  }
#endif
  return Requested.str();
}

} // namespace

bool instrumentUnit(CompilerInstance &CI, StringRef RuntimeInclude) {
  DiagnosticsEngine &Diags = CI.getDiagnostics();
  const LangOptions &Lang = CI.getLangOpts();
  if (!Lang.CPlusPlus || Lang.ObjC)
    return true;
  if (!Lang.CPlusPlus17) {
    Diags.Report(Diags.getCustomDiagID(
        DiagnosticsEngine::Remark,
        "weakify instrument: this unit is not audited: the audit needs "
        "C++17 or later"));
    return true;
  }
  InnerResult Found = findSites(CI);
  if (!Found.Parsed)
    return true;

  SourceManager &SM = CI.getSourceManager();
  FileManager &Files = CI.getFileManager();
  unsigned Remark = Diags.getCustomDiagID(DiagnosticsEngine::Remark,
                                          "weakify instrument: %0");
  for (const auto &[Where, Message] : Found.Skipped) {
    // The inner parse's locations are not this compiler's: name the place.
    Diags.Report(Remark) << (Where.File + ":" + std::to_string(Where.Line) +
                             ": " + Message);
  }
  for (const auto &[Path, Text] : Found.Rewrite.Files) {
    OptionalFileEntryRef File = Files.getOptionalFileRef(Path);
    if (!File) {
      Diags.Report(Diags.getCustomDiagID(
          DiagnosticsEngine::Error, "weakify instrument: cannot reopen '%0'"))
          << Path;
      return false;
    }
    SM.overrideFileContents(*File,
                            llvm::MemoryBuffer::getMemBufferCopy(Text, Path));
    // The main file was entered before the plugin ran, with its old size:
    // enter it again with the new text.
    if (SM.getFileEntryRefForID(SM.getMainFileID()) == File)
      SM.setMainFileID(
          SM.createFileID(*File, SourceLocation(), SrcMgr::C_User));
  }

  // Every audited unit includes the audit, sites or not: the program then
  // always writes its report, even when it says that nothing was found.
  // The runtime's headers come as system headers: their warnings are not
  // the user's, and -Werror builds stay as they are.
  Preprocessor &PP = CI.getPreprocessor();
  std::string RuntimeDir = runtimeIncludeDir(RuntimeInclude);
  OptionalDirectoryEntryRef Runtime = Files.getOptionalDirectoryRef(RuntimeDir);
  if (!Runtime) {
    Diags.Report(Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "weakify instrument: the runtime's headers are not in '%0'"))
        << RuntimeDir;
    return false;
  }
  PP.getHeaderSearchInfo().AddSearchPath(
      DirectoryLookup(*Runtime, SrcMgr::C_System, /*isFramework=*/false),
      /*isAngled=*/true);
  PP.setPredefines(PP.getPredefines() + "#include <weakref/audit.hpp>\n");
  return true;
}

} // namespace weakify
