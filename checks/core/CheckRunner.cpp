//===--- CheckRunner.cpp - Runs the enabled checks ------------------------===//

#include "CheckRunner.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

namespace {
class Forwarder : public MatchFinder::MatchCallback {
public:
  explicit Forwarder(Collector &C) : C(C) {}
  void run(const MatchFinder::MatchResult &R) override { C.check(R); }

private:
  Collector &C;
};
} // namespace

CheckRunner::CheckRunner(llvm::StringRef CheckGlobs,
                         const CheckOptions &Options)
    : Options(Options) {
  for (const CheckEntry &Entry : allChecks())
    if (isCheckEnabled(CheckGlobs, Entry.Name))
      Checks.push_back(&Entry);
}

std::map<std::string, std::string> CheckRunner::options() const {
  std::map<std::string, std::string> All;
  for (const CheckEntry *Check : Checks)
    for (const auto &[Name, Value] : Check->Options(Options))
      All[std::string(Check->Name) + "." + Name] = Value;
  return All;
}

/// Whether \p File was installed on the machine (/usr/include,
/// /usr/local/include): a library's headers, like Eigen's, are often
/// included with -I rather than -isystem, but they are not the user's code to
/// analyse or fix.
static bool isInstalledHeader(FileID File, const SourceManager &SM) {
  StringRef Name = SM.getFilename(SM.getLocForStartOfFile(File));
  return Name.starts_with("/usr/include/") ||
         Name.starts_with("/usr/local/include/");
}

/// Top-level declarations the user wrote: everything outside system and
/// installed headers.
static std::vector<Decl *> userDeclarations(ASTContext &AST) {
  const SourceManager &SM = AST.getSourceManager();
  std::vector<Decl *> Scope;
  llvm::DenseMap<FileID, bool> Installed;
  for (Decl *D : AST.getTranslationUnitDecl()->decls()) {
    SourceLocation Loc = D->getLocation();
    if (Loc.isValid()) {
      SourceLocation Spelled = SM.getExpansionLoc(Loc);
      if (SM.isInSystemHeader(Spelled))
        continue;
      FileID File = SM.getFileID(Spelled);
      auto [It, New] = Installed.try_emplace(File, false);
      if (New)
        It->second = isInstalledHeader(File, SM);
      if (It->second)
        continue;
    }
    Scope.push_back(D);
  }
  return Scope;
}

void CheckRunner::collect(ASTContext &AST, FactBuilder &Builder) const {
  // Every check is about C++ ownership; an AST with real errors would only
  // give half-true facts.
  if (Checks.empty() || !AST.getLangOpts().CPlusPlus ||
      AST.getDiagnostics().hasUncompilableErrorOccurred())
    return;
  std::vector<std::unique_ptr<Collector>> Collectors;
  std::vector<std::unique_ptr<Forwarder>> Forwarders;
  MatchFinder Finder;
  for (const CheckEntry *Check : Checks) {
    Collectors.push_back(Check->Collect(Options, Builder));
    Forwarders.push_back(std::make_unique<Forwarder>(*Collectors.back()));
    Collectors.back()->registerMatchers(Finder, *Forwarders.back());
  }
  std::vector<Decl *> Saved = AST.getTraversalScope();
  AST.setTraversalScope(userDeclarations(AST));
  Finder.matchAST(AST);
  for (const std::unique_ptr<Collector> &C : Collectors)
    C->finish();
  Builder.noteReferences();
  AST.setTraversalScope(Saved);
  // The runtime needs C++17: a unit below it gets no fix that includes it.
  if (std::string Standard = standardBelowCxx17(AST.getLangOpts());
      !Standard.empty())
    Builder.add(
        Fact("", "below-cxx17", Builder.mainFile()).set("standard", Standard));
  // A program has an entry point; facts without one are a library's.
  for (const Decl *D : AST.getTranslationUnitDecl()->decls())
    if (const auto *Function = dyn_cast<FunctionDecl>(D);
        Function && Function->isMain() && Function->hasBody()) {
      Builder.add(Fact("", "entry-point", Builder.mainFile()));
      break;
    }
}

Decisions CheckRunner::decide(const FactSet &Facts, const Scope &S) const {
  Decisions Out;
  for (const CheckEntry *Check : Checks)
    Check->Decide(Facts, Options, S, Out);
  return Out;
}

UnitAnalysis::UnitAnalysis(const CheckRunner &Runner, ASTContext &AST,
                           IncludeLedger &Includes)
    : AST(AST) {
  Runner.collect(AST, Builder);
  Facts.finish();
  Decisions D = Runner.decide(Facts, Scope());
  Findings = std::move(D.Findings);
  Explanations = std::move(D.Explanations);
  finishFindings(Findings, Builder.texts(), Includes,
                 standardBelowCxx17(AST.getLangOpts()));
}

} // namespace weakify
