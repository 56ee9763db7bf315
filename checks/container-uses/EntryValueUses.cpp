//===--- EntryValueUses.cpp - What code does with an owning entry ---------===//

#include "EntryValueUses.h"
#include "AstNavigation.h"
#include "ValueFacts.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

void EntryValueUse::merge(const EntryValueUse &O) {
  Read |= O.Read;
  Store |= O.Store;
  Removal |= O.Removal;
  Escapes |= O.Escapes;
  Borrowed |= O.Borrowed;
  NeedsLvalue |= O.NeedsLvalue;
}

bool isConstRefOrValue(QualType ParamType) {
  if (ParamType->isRValueReferenceType())
    return false;
  if (const auto *Ref = ParamType->getAs<LValueReferenceType>())
    return Ref->getPointeeType().isConstQualified();
  return !ParamType->isPointerType();
}

namespace {

/// Whether the value computed by \p E is returned from a function whose
/// result is a pointer or reference: the container lends out what it owns.
bool flowsToBorrowingReturn(const Expr *E, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*E);
  for (int Depth = 0; Depth < 8; ++Depth) {
    Node = parentOf(Node, Ctx);
    if (const auto *Ret = Node.get<ReturnStmt>()) {
      const FunctionDecl *FD = enclosingFunction(Ret, Ctx);
      if (!FD)
        return false;
      QualType RT = FD->getReturnType();
      return RT->isPointerType() || RT->isReferenceType();
    }
    if (!Node.get<Expr>())
      return false;
  }
  return false;
}

EntryValueUse classifyValue(const Expr *E, ASTContext &Ctx, int Depth);

/// Uses of a non-const reference bound to an entry (`auto &Slot = M[K];`).
EntryValueUse classifySlot(const VarDecl *Slot, ASTContext &Ctx, int Depth) {
  EntryValueUse Result;
  Result.NeedsLvalue = true;
  const FunctionDecl *FD = enclosingFunction(
      Slot->getInit() ? static_cast<const Stmt *>(Slot->getInit()) : nullptr,
      Ctx);
  if (!FD || !FD->getBody() || Depth > 3) {
    Result.Escapes = true;
    return Result;
  }
  auto Refs =
      match(findAll(declRefExpr(to(varDecl(equalsNode(Slot)))).bind("slot")),
            *FD->getBody(), Ctx);
  for (const BoundNodes &Node : Refs)
    Result.merge(classifyValue(Node.getNodeAs<Expr>("slot"), Ctx, Depth + 1));
  return Result;
}

EntryValueUse classifyMemberCallOnValue(const CXXMethodDecl *Method,
                                        const Expr *Call, ASTContext &Ctx) {
  EntryValueUse Use;
  if (!Method) {
    Use.Escapes = true;
    return Use;
  }
  StringRef Name = Method->getIdentifier() ? Method->getName() : "";
  if (Name == "reset") {
    // `Slot.reset(new T)` stores a new owner; only a bare reset() (or one
    // given null) lets go.
    const auto *MemberCall = dyn_cast_or_null<CXXMemberCallExpr>(Call);
    if (MemberCall && MemberCall->getNumArgs() > 0 &&
        !isEmptyValue(MemberCall->getArg(0)))
      Use.Store = true;
    else
      Use.Removal = true;
    return Use;
  }
  if (Name == "swap") {
    Use.Removal = true;
    return Use;
  }
  if (!Method->isConst()) {
    Use.Escapes = true;
    return Use;
  }
  Use.Read = true;
  if (Call && flowsToBorrowingReturn(Call, Ctx))
    Use.Borrowed = true;
  return Use;
}

EntryValueUse classifyValue(const Expr *E, ASTContext &Ctx, int Depth) {
  EntryValueUse Use;
  const Expr *Child = nullptr;
  DynTypedNode Parent = meaningfulParent(E, Ctx, Child);

  if (const auto *Construct = Parent.get<CXXConstructExpr>()) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (Ctor->isMoveConstructor())
      Use.Removal = true;
    else if (Ctor->getNumParams() >= 1 &&
             isConstRefOrValue(Ctor->getParamDecl(0)->getType()))
      Use.Read = true;
    else
      Use.Escapes = true;
    return Use;
  }
  if (const auto *Member = Parent.get<MemberExpr>()) {
    const Expr *CallNode = nullptr;
    DynTypedNode CallParent = meaningfulParent(Member, Ctx, CallNode);
    return classifyMemberCallOnValue(
        dyn_cast<CXXMethodDecl>(Member->getMemberDecl()),
        CallParent.get<Expr>(), Ctx);
  }
  if (const auto *Op = Parent.get<CXXOperatorCallExpr>()) {
    OverloadedOperatorKind Kind = Op->getOperator();
    bool IsFirst = Op->getNumArgs() > 0 && Op->getArg(0) == Child;
    if (Kind == OO_Equal && IsFirst) {
      if (isEmptyValue(Op->getArg(1))) {
        Use.Removal = true;
      } else {
        Use.Store = true;
        Use.StoreAssign = Op;
      }
      return Use;
    }
    if ((Kind == OO_Arrow || Kind == OO_Star) && IsFirst) {
      Use.Read = true;
      Use.Borrowed = flowsToBorrowingReturn(Op, Ctx);
      return Use;
    }
    if (Kind == OO_EqualEqual || Kind == OO_ExclaimEqual || Kind == OO_Less ||
        Kind == OO_Greater || Kind == OO_LessEqual || Kind == OO_GreaterEqual) {
      Use.Read = true;
      return Use;
    }
    if (Kind == OO_Equal) { // Copied into something else.
      Use.Read = true;
      return Use;
    }
    Use.Escapes = true;
    return Use;
  }
  if (const auto *Call = Parent.get<CallExpr>()) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee) {
      Use.Escapes = true;
      return Use;
    }
    if (Callee->isInStdNamespace() && Callee->getIdentifier()) {
      StringRef Name = Callee->getName();
      if (Name == "move" || Name == "swap" || Name == "exchange") {
        Use.Removal = true;
        return Use;
      }
    }
    for (unsigned I = 0, N = Call->getNumArgs(); I < N; ++I) {
      if (Call->getArg(I) != Child)
        continue;
      if (I < Callee->getNumParams() &&
          isConstRefOrValue(Callee->getParamDecl(I)->getType()))
        Use.Read = true;
      else
        Use.Escapes = true;
      return Use;
    }
    Use.Escapes = true;
    return Use;
  }
  if (const auto *Var = Parent.get<VarDecl>()) {
    QualType T = Var->getType();
    if (const auto *Ref = T->getAs<LValueReferenceType>()) {
      if (Ref->getPointeeType().isConstQualified()) {
        Use.Read = true;
        return Use;
      }
      return classifySlot(Var, Ctx, Depth);
    }
    if (T->isRValueReferenceType()) {
      Use.Escapes = true;
      return Use;
    }
    Use.Read = true;
    return Use;
  }
  if (const auto *Ret = Parent.get<ReturnStmt>()) {
    const FunctionDecl *FD = enclosingFunction(Ret, Ctx);
    Use.Read = true;
    if (FD && FD->getReturnType()->isReferenceType())
      Use.Borrowed = true;
    return Use;
  }
  if (const auto *Conditional = Parent.get<ConditionalOperator>()) {
    // `Ok ? A : It->second`: the branch is used as the whole expression is.
    if (Conditional->getCond() != Child && Depth < 4)
      return classifyValue(Conditional, Ctx, Depth + 1);
    Use.Read = true;
    return Use;
  }
  if (const auto *Unary = Parent.get<UnaryOperator>()) {
    if (Unary->getOpcode() == UO_LNot) {
      Use.Read = true;
      return Use;
    }
  }
  Use.Escapes = true;
  return Use;
}

} // namespace

EntryValueUse classifyEntryValue(const Expr *E, ASTContext &Ctx) {
  return classifyValue(E, Ctx, 0);
}

} // namespace weakify
