//===--- ReleasedMembers.cpp - Which members may let go? -----------------===//

#include "ReleasedMembers.h"
#include "CallableStorage.h"
#include "TypeFacts.h"
#include "ValueFacts.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace weakify {
namespace {

/// Member functions that empty a container, a std::function or a smart
/// pointer.
bool isReleaseName(StringRef Name) {
  static constexpr StringRef Names[] = {
      "clear",     "erase",     "reset",  "swap",    "release",
      "pop_back",  "pop_front", "pop",    "extract", "remove",
      "remove_if", "resize",    "assign", "erase_if"};
  return llvm::is_contained(Names, Name);
}

/// Names that say a call lets go of handlers kept somewhere not visible.
bool isReleaseByName(StringRef Name) {
  std::string Lower = Name.lower();
  for (StringRef Prefix :
       {"disconnect", "unsubscribe", "cancel", "stop", "close", "shutdown",
        "remove", "clear", "reset", "unregister", "detach", "release"})
    if (StringRef(Lower).starts_with(Prefix))
      return true;
  return false;
}

/// A lambda that may own something: a by-copy capture of a std::shared_ptr
/// (or of a type a template has yet to decide; its instantiations tell).
bool holdsSharedPtr(const LambdaExpr *Lambda) {
  for (const LambdaCapture &Capture : Lambda->captures()) {
    if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByCopy)
      continue;
    // A copy of what a reference names owns like the original.
    QualType T = Capture.getCapturedVar()->getType().getNonReferenceType();
    if (T->isDependentType() || T->isUndeducedType() || sharedPtrPointee(T))
      return true;
  }
  return false;
}

/// A bound function object holding a std::shared_ptr copy.
bool bindsSharedPtr(const CallExpr *Call) {
  for (const Expr *Arg : Call->arguments()) {
    QualType T = Arg->IgnoreParenImpCasts()->getType();
    if (T->isDependentType() || sharedPtrPointee(T))
      return true;
  }
  return false;
}

/// What an assignment stores: a lambda holding a shared_ptr, or a callable
/// handed in (a parameter) is a store; anything else (nullptr, {}, a lambda
/// owning nothing) replaces what was there, which lets it go.
bool assignsCallable(const Expr *RHS) {
  const Expr *Value = stripCarriers(RHS);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Value))
    return holdsSharedPtr(Lambda);
  if (const auto *Call = dyn_cast<CallExpr>(Value); Call && isBindCall(Call))
    return bindsSharedPtr(Call);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Value)) {
    if (isa<ParmVarDecl>(Ref->getDecl()))
      return true;
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && Var->getInit() &&
        isa<LambdaExpr>(stripCarriers(Var->getInit())))
      return holdsSharedPtr(cast<LambdaExpr>(stripCarriers(Var->getInit())));
  }
  return false;
}

bool bindsMutableReference(QualType T) {
  return T->isReferenceType() && !T.getNonReferenceType().isConstQualified();
}

/// The data member \p E names, through implicit nodes.
const FieldDecl *memberNamed(const Expr *E) {
  const auto *Member = dyn_cast_or_null<MemberExpr>(ignoringWrappers(E));
  return Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
}

/// The member whose element \p E is: `Handlers[Key]`, `Slots[I]`.
const FieldDecl *elementOfMember(const Expr *E) {
  E = ignoringWrappers(E);
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
    return memberNamed(Op->getArg(0));
  if (const auto *Subscript = dyn_cast_or_null<ArraySubscriptExpr>(E))
    return memberNamed(Subscript->getBase());
  return nullptr;
}

class ReleaseFinder : public RecursiveASTVisitor<ReleaseFinder> {
public:
  explicit ReleaseFinder(ReleasedMembers &Out) : Out(Out) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  // A destructor runs only once the object is free: what it releases does
  // not break a cycle.
  bool TraverseCXXDestructorDecl(CXXDestructorDecl *) { return true; }

  // `Field.clear()`, `Timer.stop()`.
  bool VisitMemberExpr(MemberExpr *Outer) {
    const FieldDecl *Field = memberNamed(Outer->getBase());
    const auto *Method = dyn_cast<CXXMethodDecl>(Outer->getMemberDecl());
    if (Field && Method && Method->getIdentifier()) {
      if (isReleaseName(Method->getName()))
        Out.Released.insert(Field);
      if (isReleaseByName(Method->getName()))
        Out.ReleasedByName.insert(Field);
    }
    return true;
  }

  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    if (E->isImplicitAccess() || !E->getMember().isIdentifier())
      return true;
    const auto *Base =
        dyn_cast<MemberExpr>(E->getBase()->IgnoreParenImpCasts());
    const auto *Field =
        Base ? dyn_cast<FieldDecl>(Base->getMemberDecl()) : nullptr;
    if (!Field)
      return true;
    StringRef Name = E->getMember().getAsIdentifierInfo()->getName();
    if (isReleaseName(Name))
      Out.Released.insert(Field);
    if (isReleaseByName(Name))
      Out.ReleasedByName.insert(Field);
    return true;
  }

  // `Member = ...`, `Map[Key] = ...`, `Slots[I] = ...`.
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
      assigned(Op->getArg(0), Op->getArg(1));
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Bin) {
    if (Bin->getOpcode() == BO_Assign)
      assigned(Bin->getLHS(), Bin->getRHS());
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *Unary) {
    if (Unary->getOpcode() == UO_AddrOf)
      if (const FieldDecl *Field = memberNamed(Unary->getSubExpr()))
        Out.Released.insert(Field);
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    // The hidden range of a range-for only iterates.
    if (!Var->isImplicit() && Var->getInit() &&
        bindsMutableReference(Var->getType()))
      if (const FieldDecl *Field = memberNamed(Var->getInit()))
        Out.Released.insert(Field);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    // `Timer.setCallback(nullptr)`: a storing function also used to empty
    // its slot.
    if (Callee)
      for (const Expr *Arg : Call->arguments())
        if (isEmptyValue(stripCarriers(Arg)))
          Out.EmptiedThrough.insert(Callee->getCanonicalDecl());
    // The left side of an assignment is seen above.
    bool Assignment =
        isa<CXXOperatorCallExpr>(Call) &&
        cast<CXXOperatorCallExpr>(Call)->getOperator() == OO_Equal;
    // Passed by non-const reference (std::swap, std::move, std::exchange,
    // std::erase_if) or to a call not resolved in a template: it may be
    // emptied there.
    unsigned Shift =
        isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee)
            ? 1
            : 0;
    for (unsigned I = Assignment ? 1 : 0; I < Call->getNumArgs(); ++I) {
      const FieldDecl *Field = memberNamed(Call->getArg(I));
      if (!Field)
        continue;
      if (!Callee) {
        if (Call->isTypeDependent() || Call->isValueDependent())
          Out.Released.insert(Field);
        continue;
      }
      if (I >= Shift && I - Shift < Callee->getNumParams() &&
          bindsMutableReference(Callee->getParamDecl(I - Shift)->getType()))
        Out.Released.insert(Field);
    }
    return true;
  }

  bool VisitCXXUnresolvedConstructExpr(CXXUnresolvedConstructExpr *E) {
    for (const Expr *Arg : E->arguments())
      if (const FieldDecl *Field = memberNamed(Arg))
        Out.Released.insert(Field);
    return true;
  }
  bool VisitParenListExpr(ParenListExpr *E) {
    for (const Expr *Arg : E->exprs())
      if (const FieldDecl *Field = memberNamed(Arg))
        Out.Released.insert(Field);
    return true;
  }

private:
  void assigned(const Expr *LHS, const Expr *RHS) {
    const FieldDecl *Field = memberNamed(LHS);
    if (!Field)
      Field = elementOfMember(LHS);
    if (Field && !assignsCallable(RHS))
      Out.Released.insert(Field);
  }

  ReleasedMembers &Out;
};

} // namespace

ReleasedMembers findReleasedMembers(ASTContext &Ctx) {
  ReleasedMembers Out;
  ReleaseFinder Finder(Out);
  Finder.TraverseAST(Ctx);
  return Out;
}

} // namespace weakify
