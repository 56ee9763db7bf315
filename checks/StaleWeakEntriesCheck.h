//===--- StaleWeakEntriesCheck.h - weakify-stale-weak-entries ----*- C++ -*-===//
//
// Finds hand-rolled containers of std::weak_ptr that are added to and never
// purged: every dead entry stays (and pins its object's control block).
// Docs: docs/checks/weakify-stale-weak-entries.md
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_STALEWEAKENTRIESCHECK_H
#define WEAKIFY_CHECKS_STALEWEAKENTRIESCHECK_H

#include "WeakEntryUses.h"
#include "ContainerFix.h"
#include "CandidateUses.h"
#include "WeakifyCheck.h"
#include <set>
#include <vector>

namespace weakify {

class StaleWeakEntriesCheck : public WeakifyCheck {
public:
  StaleWeakEntriesCheck(llvm::StringRef Name, CheckContext &Context);
  void registerMatchers(
      clang::ast_matchers::MatchFinder &Finder,
      clang::ast_matchers::MatchFinder::MatchCallback &Callback) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;
  std::map<std::string, std::string> options() const override;

private:
  void analyze(const clang::DeclaratorDecl *Container,
               const std::vector<WeakEntryUse> &Uses);

  std::vector<std::string> MapTypes, SequenceTypes;
  clang::ASTContext *Ctx = nullptr;
  CandidateUses<WeakEntryUse> Containers;
  std::set<unsigned> ReportedLocations;
  ContainerFix Fix;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_STALEWEAKENTRIESCHECK_H
