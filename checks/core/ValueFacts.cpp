//===--- ValueFacts.cpp - What an expression's value is -------------------===//

#include "ValueFacts.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace weakify {

bool isEmptyValue(const Expr *E) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (isa<CXXNullPtrLiteralExpr, GNUNullExpr, CXXScalarValueInitExpr>(E))
      return true;
    if (const auto *Literal = dyn_cast<IntegerLiteral>(E))
      return Literal->getValue() == 0;
    if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(E)) {
      E = List->getSubExpr();
      continue;
    }
    if (const auto *List = dyn_cast<InitListExpr>(E)) {
      if (List->getNumInits() > 1)
        return false;
      if (List->getNumInits() == 0)
        return true;
      E = List->getInit(0);
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 0)
        return true;
      if (Construct->getNumArgs() != 1)
        return false;
      E = Construct->getArg(0);
      continue;
    }
    return false;
  }
  return false;
}

bool isStdFunction(const FunctionDecl *F,
                   std::initializer_list<llvm::StringRef> Names) {
  if (!F || !F->isInStdNamespace() || !F->getIdentifier())
    return false;
  return llvm::is_contained(Names, F->getName());
}

const Expr *ignoringWrappers(const Expr *E) {
  while (E) {
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Paren = dyn_cast<ParenExpr>(E))
      E = Paren->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Full = dyn_cast<FullExpr>(E))
      E = Full->getSubExpr();
    else
      return E;
  }
  return E;
}

} // namespace weakify
