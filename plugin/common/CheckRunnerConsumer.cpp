//===--- CheckRunnerConsumer.cpp - Analysis as an ASTConsumer -------------===//

#include "CheckRunnerConsumer.h"

using namespace clang;

namespace weakify {

void CheckRunnerConsumer::HandleTranslationUnit(ASTContext &AST) {
  if (Before)
    Before(AST);
  Runner->run(AST);
  if (After)
    After(AST);
}

} // namespace weakify
