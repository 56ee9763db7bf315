//===--- CheckRunner.cpp - Runs the enabled checks over one unit ----------===//

#include "CheckRunner.h"
#include "CheckList.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

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
