//===--- CheckRunner.h - Runs the enabled checks ----------------*- C++ -*-===//
//
// Collects the facts of one unit with every enabled check, over the user's
// own declarations only (system headers and installed headers are left out
// of the traversal, which is what keeps the cost in a build close to zero),
// and decides on a set of facts with every enabled check. Every front end
// goes through this, so all three see the same AST and apply the same rules.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CORE_CHECKRUNNER_H
#define WEAKIFY_CHECKS_CORE_CHECKRUNNER_H

#include "CheckList.h"
#include "FinishFindings.h"
#include <map>
#include <string>
#include <vector>

namespace weakify {

class CheckRunner {
public:
  CheckRunner(llvm::StringRef CheckGlobs, const CheckOptions &Options);

  bool empty() const { return Checks.empty(); }
  /// Every option of every enabled check, as `<check>.<Option>`.
  std::map<std::string, std::string> options() const;

  /// The facts of the unit in \p AST, added to \p Out through a builder
  /// that the caller keeps for the unit's source texts. Nothing is
  /// collected from a unit that is not C++ or did not compile.
  void collect(clang::ASTContext &AST, FactBuilder &Builder) const;

  /// What every enabled check concludes from \p Facts (finished).
  Decisions decide(const FactSet &Facts, const Scope &S) const;

private:
  std::vector<const CheckEntry *> Checks;
  const CheckOptions &Options;
};

/// One unit's facts, and what the rules conclude from them alone: what the
/// compiler plugin and clang-tidy report for a unit. The findings are
/// finished against the unit's own buffers.
class UnitAnalysis {
  clang::ASTContext &AST; // First: Builder is made from it.

public:
  UnitAnalysis(const CheckRunner &Runner, clang::ASTContext &AST,
               IncludeLedger &Includes);

  FactSet Facts;
  FactBuilder Builder{AST, Facts};
  std::vector<Finding> Findings;
  /// Would-be findings the unit alone cannot settle, for `--explain`.
  std::vector<Explanation> Explanations;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_CORE_CHECKRUNNER_H
