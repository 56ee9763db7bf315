//===--- OwningCacheCheck.h - weakify-owning-cache --------------*- C++ -*-===//
//
// Finds get-or-create caches (maps of std::shared_ptr) that never let go of
// what they create, and rewrites them to weakref::value_map.
// Docs: docs/checks/weakify-owning-cache.md
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OWNINGCACHECHECK_H
#define WEAKIFY_CHECKS_OWNINGCACHECHECK_H

#include "ContainerFix.h"
#include "MapUses.h"
#include "CandidateUses.h"
#include "WeakifyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include <set>
#include <vector>

namespace weakify {

class OwningCacheCheck : public WeakifyCheck {
public:
  OwningCacheCheck(llvm::StringRef Name, CheckContext &Context);
  void registerMatchers(
      clang::ast_matchers::MatchFinder &Finder,
      clang::ast_matchers::MatchFinder::MatchCallback &Callback) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;
  std::map<std::string, std::string> options() const override;

private:
  void analyze(const clang::DeclaratorDecl *Cache,
               const std::vector<MapUse> &Uses);

  std::vector<std::string> MapTypes;
  clang::ASTContext *Ctx = nullptr;
  CandidateUses<MapUse> Containers;
  /// Canonical std::pair<const K, shared_ptr<V>> types whose `.second` is
  /// reset, moved out or overwritten somewhere.
  llvm::DenseSet<const clang::Type *> ReleasedEntryTypes;
  /// The same for entries whose value is lent out as a raw pointer or
  /// reference: the map owns them on purpose.
  llvm::DenseSet<const clang::Type *> LentEntryTypes;
  std::set<unsigned> ReportedLocations;
  ContainerFix Fix;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_OWNINGCACHECHECK_H
