//===--- CheckRunner.h - Runs the enabled checks over one unit ----*- C++ -*-===//
//
// Owns the checks enabled for a translation unit and matches them over the
// user's own declarations only: system headers are left out of the traversal,
// which is what keeps the cost in a build close to zero. Every front end
// analyses a unit through this, so all three see exactly the same AST.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CHECKRUNNER_H
#define WEAKIFY_CHECKS_CHECKRUNNER_H

#include "WeakifyCheck.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace weakify {

class CheckRunner {
public:
  CheckRunner(llvm::StringRef CheckGlobs, CheckContext &Context);
  ~CheckRunner();

  bool empty() const { return Checks.empty(); }
  /// Every option of every enabled check, as `<check>.<Option>`.
  std::map<std::string, std::string> options() const;
  /// Matches every enabled check over \p AST and lets each decide.
  void run(clang::ASTContext &AST);

private:
  class Forwarder;
  std::vector<std::unique_ptr<WeakifyCheck>> Checks;
  std::vector<std::unique_ptr<Forwarder>> Forwarders;
  clang::ast_matchers::MatchFinder Finder;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_CHECKRUNNER_H
