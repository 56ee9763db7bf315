//===--- CheckRunner.cpp - Runs the enabled checks over one unit ----------===//

#include "CheckRunner.h"
#include "CheckList.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

class CheckRunner::Forwarder : public MatchFinder::MatchCallback {
public:
  explicit Forwarder(WeakifyCheck &Check) : Check(Check) {}
  void run(const MatchFinder::MatchResult &R) override { Check.check(R); }

private:
  WeakifyCheck &Check;
};

CheckRunner::CheckRunner(llvm::StringRef CheckGlobs, CheckContext &Context)
    : Checks(createChecks(CheckGlobs, Context)) {
  for (const std::unique_ptr<WeakifyCheck> &Check : Checks) {
    Forwarders.push_back(std::make_unique<Forwarder>(*Check));
    Check->registerMatchers(Finder, *Forwarders.back());
  }
}

CheckRunner::~CheckRunner() = default;

std::map<std::string, std::string> CheckRunner::options() const {
  std::map<std::string, std::string> All;
  for (const std::unique_ptr<WeakifyCheck> &Check : Checks)
    for (const auto &[Name, Value] : Check->options())
      All[Check->getName().str() + "." + Name] = Value;
  return All;
}

/// Top-level declarations the user wrote: everything outside system headers.
static std::vector<Decl *> userDeclarations(ASTContext &AST) {
  const SourceManager &SM = AST.getSourceManager();
  std::vector<Decl *> Scope;
  for (Decl *D : AST.getTranslationUnitDecl()->decls()) {
    SourceLocation Loc = D->getLocation();
    if (Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
      continue;
    Scope.push_back(D);
  }
  return Scope;
}

void CheckRunner::run(ASTContext &AST) {
  // Every check is about C++ ownership; an AST with real errors would only
  // give half-true findings.
  if (Checks.empty() || !AST.getLangOpts().CPlusPlus ||
      AST.getDiagnostics().hasUncompilableErrorOccurred())
    return;
  std::vector<Decl *> Saved = AST.getTraversalScope();
  AST.setTraversalScope(userDeclarations(AST));
  Finder.matchAST(AST);
  for (const std::unique_ptr<WeakifyCheck> &Check : Checks)
    Check->onEndOfTranslationUnit();
  AST.setTraversalScope(Saved);
}

} // namespace weakify
