//===--- ReleasedMembers.cpp - Which members may let go? -----------------===//

#include "ReleasedMembers.h"
#include "AstNavigation.h"
#include "CallableStorage.h"
#include "StorageVisibility.h"
#include "TypeFacts.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace weakify {

/// Member functions that empty a container, a std::function or a smart
/// pointer.
static bool isReleaseName(StringRef Name) {
  static constexpr StringRef Names[] = {
      "clear", "erase",   "reset",  "swap",      "release", "pop_back",
      "pop_front", "pop", "extract", "remove",   "remove_if", "resize",
      "assign", "erase_if"};
  return llvm::is_contained(Names, Name);
}

/// Names that say a call lets go of handlers kept somewhere not visible.
static bool isReleaseByName(StringRef Name) {
  std::string Lower = Name.lower();
  for (StringRef Prefix : {"disconnect", "unsubscribe", "cancel", "stop",
                           "close", "shutdown", "remove", "clear", "reset",
                           "unregister", "detach", "release"})
    if (StringRef(Lower).starts_with(Prefix))
      return true;
  return false;
}

/// A lambda that may own something: a by-copy capture of a std::shared_ptr
/// (or of a type a template has yet to decide; its instantiations tell).
static bool holdsSharedPtr(const LambdaExpr *Lambda) {
  for (const LambdaCapture &Capture : Lambda->captures()) {
    if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByCopy)
      continue;
    QualType T = Capture.getCapturedVar()->getType();
    if (T->isDependentType() || T->isUndeducedType() || sharedPtrPointee(T))
      return true;
  }
  return false;
}

/// A bound function object holding a std::shared_ptr copy.
static bool bindsSharedPtr(const CallExpr *Call) {
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
static bool assignsCallable(const Expr *RHS) {
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

static bool bindsMutableReference(QualType T) {
  return T->isReferenceType() && !T.getNonReferenceType().isConstQualified();
}

class ReleaseFinder : public RecursiveASTVisitor<ReleaseFinder> {
public:
  ReleaseFinder(ASTContext &Ctx, ReleasedMembers &Out) : Ctx(Ctx), Out(Out) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  // A destructor runs only once the object is free: what it releases does
  // not break a cycle.
  bool TraverseCXXDestructorDecl(CXXDestructorDecl *) { return true; }

  bool VisitMemberExpr(MemberExpr *Member) {
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      classify(Member, Field);
    return true;
  }

  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    if (E->isImplicitAccess())
      return true;
    const auto *Base = dyn_cast<MemberExpr>(E->getBase()->IgnoreParenImpCasts());
    const auto *Field =
        Base ? dyn_cast<FieldDecl>(Base->getMemberDecl()) : nullptr;
    if (!Field || !E->getMember().isIdentifier())
      return true;
    StringRef Name = E->getMember().getAsIdentifierInfo()->getName();
    if (isReleaseName(Name))
      Out.Released.insert(Field);
    if (isReleaseByName(Name))
      Out.ReleasedByName.insert(Field);
    return true;
  }

  // `Timer.setCallback(nullptr)`: a storing function also used to empty
  // its slot.
  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    for (const Expr *Arg : Call->arguments())
      if (isEmptyValue(Arg))
        Out.EmptiedThrough.insert(Callee->getCanonicalDecl());
    return true;
  }

private:
  static bool isEmptyValue(const Expr *Arg) {
    const Expr *Value = stripCarriers(Arg);
    if (isa<CXXNullPtrLiteralExpr, GNUNullExpr, CXXScalarValueInitExpr>(Value))
      return true;
    if (const auto *List = dyn_cast<InitListExpr>(Value))
      return List->getNumInits() == 0;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value))
      return Construct->getNumArgs() == 0 && !Construct->isElidable() &&
             Construct->getConstructor()->isDefaultConstructor();
    return false;
  }

  void released(const FieldDecl *Field) { Out.Released.insert(Field); }

  void classifyAssignment(const Expr *RHS, const FieldDecl *Field) {
    if (!assignsCallable(RHS))
      released(Field);
  }

  void classify(const MemberExpr *Member, const FieldDecl *Field) {
    const Expr *Child = nullptr;
    DynTypedNode Parent = meaningfulParent(Member, Ctx, Child);
    if (const auto *Outer = Parent.get<MemberExpr>()) {
      // `Field.clear()`, `Timer.stop()`; a member of the member is a path.
      const auto *Method = dyn_cast<CXXMethodDecl>(Outer->getMemberDecl());
      if (Method && Method->getIdentifier()) {
        if (isReleaseName(Method->getName()))
          released(Field);
        if (isReleaseByName(Method->getName()))
          Out.ReleasedByName.insert(Field);
      }
      return;
    }
    if (const auto *Op = Parent.get<CXXOperatorCallExpr>()) {
      OverloadedOperatorKind Kind = Op->getOperator();
      if (Kind == OO_Equal && Op->getNumArgs() == 2 && Op->getArg(0) == Child) {
        classifyAssignment(Op->getArg(1), Field);
        return;
      }
      if (Kind == OO_Subscript && Op->getArg(0) == Child) {
        // `Handlers[Key] = nullptr` empties one entry.
        const Expr *Element = nullptr;
        DynTypedNode Above = meaningfulParent(Op, Ctx, Element);
        if (const auto *Assign = Above.get<CXXOperatorCallExpr>();
            Assign && Assign->getOperator() == OO_Equal &&
            Assign->getNumArgs() == 2 && Assign->getArg(0) == Element)
          classifyAssignment(Assign->getArg(1), Field);
        return;
      }
      if (Kind == OO_Arrow || Kind == OO_Star || Kind == OO_Call)
        return;
    }
    if (const auto *Bin = Parent.get<BinaryOperator>()) {
      if (Bin->getOpcode() == BO_Assign && Bin->getLHS() == Child)
        classifyAssignment(Bin->getRHS(), Field);
      return;
    }
    if (const auto *Subscript = Parent.get<ArraySubscriptExpr>()) {
      // `Slots[I] = nullptr` on a member array.
      const Expr *Element = nullptr;
      DynTypedNode Above = meaningfulParent(Subscript, Ctx, Element);
      if (const auto *Assign = Above.get<CXXOperatorCallExpr>();
          Assign && Assign->getOperator() == OO_Equal &&
          Assign->getNumArgs() == 2 && Assign->getArg(0) == Element)
        classifyAssignment(Assign->getArg(1), Field);
      if (const auto *Assign = Above.get<BinaryOperator>();
          Assign && Assign->getOpcode() == BO_Assign &&
          Assign->getLHS() == Element)
        classifyAssignment(Assign->getRHS(), Field);
      return;
    }
    if (const auto *Unary = Parent.get<UnaryOperator>()) {
      if (Unary->getOpcode() == UO_AddrOf)
        released(Field);
      return;
    }
    if (const auto *Var = Parent.get<VarDecl>()) {
      // The hidden range of a range-for only iterates.
      if (!Var->isImplicit() && bindsMutableReference(Var->getType()))
        released(Field);
      return;
    }
    if (const auto *Call = Parent.get<CallExpr>()) {
      // Passed by non-const reference (std::swap, std::move, std::exchange,
      // std::erase_if) or to a call not resolved in a template: it may be
      // emptied there.
      if (isa<CXXMemberCallExpr>(Call) &&
          cast<CXXMemberCallExpr>(Call)->getImplicitObjectArgument() == Child)
        return;
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee) {
        if (Call->isTypeDependent() || Call->isValueDependent())
          released(Field);
        return;
      }
      unsigned Shift = isa<CXXOperatorCallExpr>(Call) &&
                               isa<CXXMethodDecl>(Callee)
                           ? 1
                           : 0;
      for (unsigned I = Shift; I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == Child && I - Shift < Callee->getNumParams() &&
            bindsMutableReference(Callee->getParamDecl(I - Shift)->getType()))
          released(Field);
      return;
    }
    if (Parent.get<CXXUnresolvedConstructExpr>() || Parent.get<ParenListExpr>())
      released(Field);
  }

  ASTContext &Ctx;
  ReleasedMembers &Out;
};

void ReleasedMembers::build(ASTContext &Ctx) {
  Built = true;
  ReleaseFinder Finder(Ctx, *this);
  const SourceManager &SM = Ctx.getSourceManager();
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    SourceLocation Loc = D->getLocation();
    if (Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
      continue;
    Finder.TraverseDecl(D);
  }
}

void ReleasedMembers::reset() {
  Built = false;
  EmptiedThrough.clear();
  Released.clear();
  ReleasedByName.clear();
}

/// The member of the class template pattern that \p Field was instantiated
/// from, or \p Field itself.
static const FieldDecl *patternField(const FieldDecl *Field) {
  const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!RD)
    return Field;
  const CXXRecordDecl *Pattern = patternOf(RD);
  if (Pattern == RD || !Field->getDeclName())
    return Field;
  for (const NamedDecl *Found : Pattern->lookup(Field->getDeclName()))
    if (const auto *PatternField = dyn_cast<FieldDecl>(Found))
      return PatternField;
  return Field;
}

bool ReleasedMembers::isReleased(const FieldDecl *Field, bool ByName) const {
  for (const FieldDecl *F : {Field, patternField(Field)}) {
    if (Released.count(F))
      return true;
    if (ByName && ReleasedByName.count(F))
      return true;
  }
  return false;
}

bool ReleasedMembers::isEmptiedThrough(const FunctionDecl *Callee) const {
  return EmptiedThrough.count(Callee->getCanonicalDecl());
}

} // namespace weakify
