//===--- OwningSideTableCheck.h - weakify-owning-side-table ------*- C++ -*-===//
//
// Finds side tables keyed by std::shared_ptr<T>: maps that attach data to
// objects owned elsewhere, but whose keys own those objects, so nothing they
// describe can ever die. Rewrites them to weakref::key_map.
// Docs: docs/checks/weakify-owning-side-table.md
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OWNINGSIDETABLECHECK_H
#define WEAKIFY_CHECKS_OWNINGSIDETABLECHECK_H

#include "ContainerFix.h"
#include "CandidateUses.h"
#include "WeakifyCheck.h"
#include "clang/AST/Expr.h"
#include <set>
#include <vector>

namespace weakify {

class OwningSideTableCheck : public WeakifyCheck {
public:
  OwningSideTableCheck(llvm::StringRef Name, CheckContext &Context);
  void registerMatchers(
      clang::ast_matchers::MatchFinder &Finder,
      clang::ast_matchers::MatchFinder::MatchCallback &Callback) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;
  std::map<std::string, std::string> options() const override;

  /// One use of a side table.
  struct Use {
    const clang::FunctionDecl *Function = nullptr;
    clang::SourceLocation Loc;
    /// An entry is made for a key that is a parameter of Function.
    bool AddsCallersObject = false;
    bool Removal = false;
    /// Iterated, escaped or used in a way not followed: keys may be used
    /// as owners.
    bool Escapes = false;
    bool Rewritable = true;
  };

private:
  void analyze(const clang::DeclaratorDecl *Table, const std::vector<Use> &Uses);

  std::vector<std::string> MapTypes;
  clang::ASTContext *Ctx = nullptr;
  CandidateUses<Use> Containers;
  std::set<unsigned> ReportedLocations;
  ContainerFix Fix;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_OWNINGSIDETABLECHECK_H
