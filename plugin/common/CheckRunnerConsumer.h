//===--- CheckRunnerConsumer.h - Analysis as an ASTConsumer -----*- C++ -*-===//

#ifndef WEAKIFY_PLUGIN_COMMON_CHECKRUNNERCONSUMER_H
#define WEAKIFY_PLUGIN_COMMON_CHECKRUNNERCONSUMER_H

#include "CheckRunner.h"
#include "clang/AST/ASTConsumer.h"
#include <functional>
#include <memory>

namespace weakify {

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

#endif // WEAKIFY_PLUGIN_COMMON_CHECKRUNNERCONSUMER_H
