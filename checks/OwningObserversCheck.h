//===--- OwningObserversCheck.h - weakify-owning-observers -------*- C++ -*-===//
//
// Finds observer lists (containers of std::shared_ptr<Listener>) that keep
// every subscriber alive, and rewrites them to weakref::set.
// Docs: docs/checks/weakify-owning-observers.md
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OWNINGOBSERVERSCHECK_H
#define WEAKIFY_CHECKS_OWNINGOBSERVERSCHECK_H

#include "ObserverUses.h"
#include "ContainerFix.h"
#include "CandidateUses.h"
#include "WeakifyCheck.h"
#include "llvm/Support/Regex.h"
#include <set>
#include <vector>

namespace weakify {

class OwningObserversCheck : public WeakifyCheck {
public:
  OwningObserversCheck(llvm::StringRef Name, CheckContext &Context);
  void registerMatchers(
      clang::ast_matchers::MatchFinder &Finder,
      clang::ast_matchers::MatchFinder::MatchCallback &Callback) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;
  std::map<std::string, std::string> options() const override;

private:
  void analyze(const clang::DeclaratorDecl *List,
               const std::vector<ObserverUse> &Uses);
  bool looksLikeSubscription(const clang::FunctionDecl *F,
                             clang::QualType Element) const;

  std::vector<std::string> ContainerTypes;
  std::string SubscribeNames, ObserverTypeNames;
  llvm::Regex SubscribeRegex, ObserverTypeRegex;
  clang::ASTContext *Ctx = nullptr;
  CandidateUses<ObserverUse> Containers;
  std::set<unsigned> ReportedLocations;
  ContainerFix Fix;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_OWNINGOBSERVERSCHECK_H
