//===--- CheckRunner.h - Runs the enabled checks over one unit ---*- C++ -*-===//
//
// Owns the checks enabled for a translation unit and matches them over the
// user's own declarations only: system headers are left out of the traversal,
// which is what keeps the plugin's cost in a build close to zero.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_PLUGIN_COMMON_CHECKRUNNER_H
#define WEAKIFY_PLUGIN_COMMON_CHECKRUNNER_H

#include "WeakifyCheck.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <memory>
#include <vector>

namespace weakify {

class CheckRunner {
public:
  CheckRunner(llvm::StringRef CheckGlobs, CheckContext &Context);
  ~CheckRunner();

  bool empty() const { return Checks.empty(); }
  /// Matches every enabled check over \p AST and lets each decide.
  void run(clang::ASTContext &AST);

private:
  class Forwarder;
  std::vector<std::unique_ptr<WeakifyCheck>> Checks;
  std::vector<std::unique_ptr<Forwarder>> Forwarders;
  clang::ast_matchers::MatchFinder Finder;
};

/// An ASTConsumer that hands the finished unit to a CheckRunner. It owns the
/// context the checks report to: clang destroys a plugin's action as soon as
/// the consumer exists.
class CheckRunnerConsumer : public clang::ASTConsumer {
public:
  using BeforeRun = std::function<void(clang::ASTContext &)>;
  using AfterRun = std::function<void(clang::ASTContext &)>;
  CheckRunnerConsumer(std::unique_ptr<CheckContext> Context,
                      llvm::StringRef CheckGlobs, BeforeRun Before,
                      AfterRun After)
      : Context(std::move(Context)),
        Runner(std::make_unique<CheckRunner>(CheckGlobs, *this->Context)),
        Before(std::move(Before)), After(std::move(After)) {}
  void HandleTranslationUnit(clang::ASTContext &AST) override;

private:
  std::unique_ptr<CheckContext> Context;
  std::unique_ptr<CheckRunner> Runner;
  BeforeRun Before;
  AfterRun After;
};

} // namespace weakify

#endif // WEAKIFY_PLUGIN_COMMON_CHECKRUNNER_H
