//===--- UnitConsumer.h - One unit's analysis as an ASTConsumer --*- C++ -*-===//

#ifndef WEAKIFY_PLUGIN_COMMON_UNITCONSUMER_H
#define WEAKIFY_PLUGIN_COMMON_UNITCONSUMER_H

#include "CheckRunner.h"
#include "clang/AST/ASTConsumer.h"
#include <functional>
#include <memory>

namespace weakify {

/// Collects the unit's facts with the enabled checks, decides on them alone
/// and hands the result to a callback. It owns what the checks need: clang
/// destroys a plugin's action as soon as the consumer exists.
class UnitConsumer : public clang::ASTConsumer {
public:
  using Done = std::function<void(UnitAnalysis &)>;
  UnitConsumer(std::map<std::string, std::string> Options,
               llvm::StringRef CheckGlobs, Done OnDone)
      : Options(std::move(Options)), Runner(CheckGlobs, this->Options),
        OnDone(std::move(OnDone)) {}

  void HandleTranslationUnit(clang::ASTContext &AST) override {
    IncludeLedger Includes;
    UnitAnalysis Analysis(Runner, AST, Includes);
    OnDone(Analysis);
  }

private:
  MapOptions Options;
  CheckRunner Runner;
  Done OnDone;
};

} // namespace weakify

#endif // WEAKIFY_PLUGIN_COMMON_UNITCONSUMER_H
