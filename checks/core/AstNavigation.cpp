//===--- AstNavigation.cpp - Walking up from an expression ----------------===//

#include "AstNavigation.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace weakify {

DynTypedNode parentOf(const DynTypedNode &Node, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(Node);
  if (Parents.empty())
    return DynTypedNode();
  return Parents[0];
}

static bool isImplicitWrapper(const Stmt *S) {
  return isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
             CXXBindTemporaryExpr, ExprWithCleanups, FullExpr>(S);
}

DynTypedNode meaningfulParent(const Expr *E, ASTContext &Ctx,
                              const Expr *&Child) {
  Child = E;
  DynTypedNode Node = DynTypedNode::create(*E);
  while (true) {
    DynTypedNode Parent = parentOf(Node, Ctx);
    const auto *S = Parent.get<Stmt>();
    if (!S || !isImplicitWrapper(S))
      return Parent;
    Child = cast<Expr>(S);
    Node = Parent;
  }
}

const FunctionDecl *enclosingFunction(const Stmt *S, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    Node = parentOf(Node, Ctx);
    if (Node.get<TranslationUnitDecl>() || Node.getNodeKind().isNone())
      return nullptr;
    if (const auto *FD = Node.get<FunctionDecl>())
      return FD;
    if (const auto *Lambda = Node.get<LambdaExpr>())
      return Lambda->getCallOperator();
  }
}

const ValueDecl *referencedDecl(const Expr *E) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  return nullptr;
}

bool isDiscarded(const Expr *E, ASTContext &Ctx) {
  const Expr *Child = nullptr;
  DynTypedNode Parent = meaningfulParent(E, Ctx, Child);
  const auto *S = Parent.get<Stmt>();
  if (!S)
    return false;
  if (isa<CompoundStmt>(S))
    return true;
  if (const auto *If = dyn_cast<IfStmt>(S))
    return If->getThen() == Child || If->getElse() == Child;
  if (const auto *Loop = dyn_cast<ForStmt>(S))
    return Loop->getInc() == Child || Loop->getBody() == Child;
  if (const auto *Loop = dyn_cast<WhileStmt>(S))
    return Loop->getBody() == Child;
  return false;
}

std::string sourceText(SourceRange R, const SourceManager &SM,
                       const LangOptions &LO) {
  if (!isRewritable(R, SM))
    return "";
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM, LO).str();
}

bool isRewritable(SourceRange R, const SourceManager &SM) {
  if (R.isInvalid() || R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return false;
  if (SM.isInSystemHeader(R.getBegin()))
    return false;
  return SM.getFileID(R.getBegin()) == SM.getFileID(R.getEnd());
}

} // namespace weakify
