//===--- SharedMemberUses.cpp - What code does with an owning member -----===//

#include "SharedMemberUses.h"
#include "AstNavigation.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace weakify {

/// `nullptr`, `{}`, `std::shared_ptr<T>()` and friends: an empty value.
static bool isEmptyValue(const Expr *E) {
  E = E->IgnoreImplicit();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
    E = Cast->getSubExpr()->IgnoreImplicit();
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr, CXXScalarValueInitExpr>(E))
    return true;
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return List->getNumInits() == 0;
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(E))
    return isEmptyValue(List->getSubExpr());
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 0)
      return true;
    return Construct->getNumArgs() == 1 &&
           !Construct->getConstructor()->isCopyOrMoveConstructor() &&
           isEmptyValue(Construct->getArg(0));
  }
  return false;
}

static bool isStdFunction(const FunctionDecl *FD,
                          std::initializer_list<StringRef> Names) {
  if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier())
    return false;
  for (StringRef Name : Names)
    if (FD->getName() == Name)
      return true;
  return false;
}

bool initKeepsOwner(const Expr *Init) {
  const Expr *E = Init->IgnoreImplicit();
  // Copies and conversions between smart pointers: look at their source.
  while (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() != 1)
      return false;
    E = Construct->getArg(0)->IgnoreImplicit();
  }
  if (isa<DeclRefExpr, MemberExpr>(E))
    return true;
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return false;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (isStdFunction(Callee, {"move", "static_pointer_cast", "dynamic_pointer_cast",
                             "const_pointer_cast"}))
    return Call->getNumArgs() == 1 && initKeepsOwner(Call->getArg(0));
  // An object that is already owned hands out another owner of itself.
  return Callee && Callee->getIdentifier() &&
         (Callee->getName() == "shared_from_this" || Callee->getName() == "lock");
}

/// The rewrite of \p Use passed as argument \p Index to \p Callee: a const
/// reference or a by-value parameter takes a locked copy as well.
static WeakRewrite asArgument(const FunctionDecl *Callee, unsigned Index) {
  if (!Callee || Index >= Callee->getNumParams())
    return WeakRewrite::Unsafe;
  QualType Param = Callee->getParamDecl(Index)->getType();
  if (Param->isRValueReferenceType() ||
      (Param->isLValueReferenceType() && !Param->getPointeeType().isConstQualified()))
    return WeakRewrite::Unsafe;
  return WeakRewrite::Lock;
}

template <class CallT>
static std::optional<unsigned> argumentIndex(const CallT *Call, const Expr *Arg) {
  for (unsigned I = 0; I < Call->getNumArgs(); ++I)
    if (Call->getArg(I) == Arg)
      return I;
  return std::nullopt;
}

/// The parameter \p Value copies or moves, if it is one.
static const ParmVarDecl *parameterIn(const Expr *Value) {
  const Expr *E = Value->IgnoreImplicit();
  while (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() != 1)
      return nullptr;
    E = Construct->getArg(0)->IgnoreImplicit();
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (isStdFunction(Call->getDirectCallee(), {"move"}) && Call->getNumArgs() == 1)
      E = Call->getArg(0)->IgnoreImplicit();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
}

SharedMemberUse classifySharedMemberUse(const MemberExpr *Use, ASTContext &Ctx) {
  SharedMemberUse U;
  const Expr *Child = nullptr;
  DynTypedNode Parent = meaningfulParent(Use, Ctx, Child);
  const FunctionDecl *Function = enclosingFunction(Use, Ctx);
  // A destructor runs only once the cycle is already broken.
  bool Releases = !(Function && isa<CXXDestructorDecl>(Function));

  if (const auto *Var = Parent.get<VarDecl>()) {
    QualType T = Var->getType();
    bool MutableRef = T->isReferenceType() &&
                      !(T->isLValueReferenceType() &&
                        T->getPointeeType().isConstQualified());
    U.Rewrite = MutableRef ? WeakRewrite::Unsafe : WeakRewrite::Lock;
    return U;
  }
  const auto *S = Parent.get<Stmt>();
  if (!S)
    return U;

  if (const auto *Method = dyn_cast<MemberExpr>(S)) {
    const ValueDecl *Called = Method->getMemberDecl();
    if (isa<CXXConversionDecl>(Called)) { // `if (member)`, `!member`
      U.Rewrite = WeakRewrite::Lock;
      return U;
    }
    StringRef Name = Called->getIdentifier() ? Called->getName() : "";
    // A queue drained with pop() hands each element on: pending work, not
    // a lasting structure (mapnik's postgis request queue).
    bool Drains = Name == "pop" || Name == "pop_front" || Name == "pop_back";
    if (Drains) {
      U.Breaks = Releases;
    } else if (Name == "reset" || Name == "swap" || Name == "clear") {
      U.Breaks = Releases;
      U.Rewrite = Name == "reset" ? WeakRewrite::Keep : WeakRewrite::Unsafe;
    } else if (Name == "get") {
      U.Rewrite = WeakRewrite::Lock;
    } else if (Name == "use_count" || Name == "owner_before") {
      U.Rewrite = WeakRewrite::Keep;
    }
    return U;
  }

  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
    OverloadedOperatorKind Kind = Op->getOperator();
    bool OnMember = Op->getNumArgs() > 0 && Op->getArg(0) == Child;
    if (Kind == OO_Equal && OnMember) {
      const Expr *Value = Op->getArg(1);
      if (isEmptyValue(Value))
        U.Breaks = Releases;
      else
        U.Rewrite = initKeepsOwner(Value) ? WeakRewrite::Keep : WeakRewrite::Unsafe;
      if (Releases)
        U.AssignedFrom = parameterIn(Value);
      return U;
    }
    if ((Kind == OO_Arrow || Kind == OO_Star) && OnMember) {
      U.Rewrite = WeakRewrite::Lock;
      return U;
    }
    std::optional<unsigned> Index = argumentIndex(Op, Child);
    const auto *Callee = dyn_cast_or_null<FunctionDecl>(Op->getCalleeDecl());
    if (Index && Callee && !isa<CXXMethodDecl>(Callee))
      U.Rewrite = asArgument(Callee, *Index);
    else if (Index && *Index > 0 && Callee) // The right operand of a member.
      U.Rewrite = asArgument(Callee, *Index - 1);
    return U;
  }

  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (isStdFunction(Callee, {"move", "swap", "exchange"})) {
      U.Breaks = Releases;
      return U;
    }
    if (std::optional<unsigned> Index = argumentIndex(Call, Child))
      U.Rewrite = asArgument(Callee, *Index);
    return U;
  }

  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    if (std::optional<unsigned> Index = argumentIndex(Construct, Child))
      U.Rewrite = asArgument(Construct->getConstructor(), *Index);
    return U;
  }

  if (isa<ReturnStmt>(S) && Function &&
      !Function->getReturnType()->isReferenceType())
    U.Rewrite = WeakRewrite::Lock;
  return U;
}

} // namespace weakify
