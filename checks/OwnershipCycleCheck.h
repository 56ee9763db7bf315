//===--- OwnershipCycleCheck.h - weakify-ownership-cycle --------*- C++ -*-===//
//
// Finds std::shared_ptr members that close an ownership cycle between classes
// (parent <-> child, delegate back-pointers, prev/next, A -> B -> C -> A) and
// reports each cycle once, on the member that should be a std::weak_ptr.
// Docs: docs/checks/weakify-ownership-cycle.md
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OWNERSHIPCYCLECHECK_H
#define WEAKIFY_CHECKS_OWNERSHIPCYCLECHECK_H

#include "OwnershipGraph.h"
#include "WeakifyCheck.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <set>
#include <string>
#include <vector>

namespace weakify {

class OwnershipCycleCheck : public WeakifyCheck {
public:
  OwnershipCycleCheck(llvm::StringRef Name, CheckContext &Context);
  void registerMatchers(
      clang::ast_matchers::MatchFinder &Finder,
      clang::ast_matchers::MatchFinder::MatchCallback &Callback) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;
  std::map<std::string, std::string> options() const override;

private:
  /// Why a member of a cycle was chosen as the one to make weak.
  enum class Reason { PointsToContainerOwner, Named, LastDeclared };
  struct BackEdge {
    OwnershipEdge Edge;
    Reason Why;
    const clang::FieldDecl *Container = nullptr; // For PointsToContainerOwner.
  };

  void analyzeCycle(std::vector<OwnershipEdge> Cycle);
  std::optional<BackEdge> chooseBackEdge(const std::vector<OwnershipEdge> &Cycle);
  bool namedAsBackReference(const clang::FieldDecl *Field) const;
  bool breaksCycles(const clang::FieldDecl *Field);
  void recordNullArgument(const clang::Expr *Null);
  void collectUses(const llvm::DenseSet<const clang::FieldDecl *> &Fields);
  std::vector<clang::FixItHint> weakMemberFix(const OwnershipEdge &Back);

  std::vector<std::string> BackReferenceNames;
  unsigned MaxCycleLength;
  clang::ASTContext *Ctx = nullptr;
  OwnershipGraph Graph;
  std::vector<const clang::CXXRecordDecl *> Classes;
  llvm::DenseMap<const clang::FieldDecl *, std::vector<const clang::MemberExpr *>>
      Uses;
  llvm::DenseMap<const clang::FieldDecl *, bool> Breaks;
  /// Parameters some call in the unit passes nullptr to.
  llvm::DenseSet<const clang::ParmVarDecl *> GivenNull;
  std::set<std::vector<const clang::FieldDecl *>> SeenCycles;
  std::set<unsigned> ReportedLocations;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_OWNERSHIPCYCLECHECK_H
