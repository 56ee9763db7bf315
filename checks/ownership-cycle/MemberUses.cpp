//===--- MemberUses.cpp - What code does with owning members --------------===//

#include "MemberUses.h"
#include "TypeFacts.h"
#include "ValueFacts.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace weakify {
namespace {

/// The rewrite of a use passed as argument \p Index to \p Callee: a const
/// reference or a by-value parameter takes a locked copy as well.
WeakRewrite asArgument(const FunctionDecl *Callee, unsigned Index) {
  if (!Callee || Index >= Callee->getNumParams())
    return WeakRewrite::Unsafe;
  QualType Param = Callee->getParamDecl(Index)->getType();
  if (Param->isRValueReferenceType() ||
      (Param->isLValueReferenceType() &&
       !Param->getPointeeType().isConstQualified()))
    return WeakRewrite::Unsafe;
  return WeakRewrite::Lock;
}

/// The parameter \p Value copies or moves, if it is one.
const ParmVarDecl *parameterIn(const Expr *Value) {
  const Expr *E = Value->IgnoreImplicit();
  while (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() != 1)
      return nullptr;
    E = Construct->getArg(0)->IgnoreImplicit();
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (isStdFunction(Call->getDirectCallee(), {"move"}) &&
        Call->getNumArgs() == 1)
      E = Call->getArg(0)->IgnoreImplicit();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
}

class UseFinder : public RecursiveASTVisitor<UseFinder> {
public:
  UseFinder(const llvm::DenseSet<const FieldDecl *> &Followed,
            const llvm::DenseSet<const FieldDecl *> &Rewritten, MemberUses &Out)
      : Followed(Followed), Rewritten(Rewritten), Out(Out) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseDecl(Decl *D) {
    const auto *Function = dyn_cast_or_null<FunctionDecl>(D);
    if (!Function)
      return RecursiveASTVisitor::TraverseDecl(D);
    const FunctionDecl *Saved = Current;
    Current = Function;
    bool Result = RecursiveASTVisitor::TraverseDecl(D);
    Current = Saved;
    return Result;
  }
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    const FunctionDecl *Saved = Current;
    Current = Lambda->getCallOperator();
    bool Result = RecursiveASTVisitor::TraverseLambdaExpr(Lambda);
    Current = Saved;
    return Result;
  }

  bool VisitMemberExpr(MemberExpr *E) {
    // `Member.reset()`, `if (Member)`: a member function called on one.
    if (const MemberExpr *Use = followed(E->getBase())) {
      const ValueDecl *Called = E->getMemberDecl();
      if (isa<CXXConversionDecl>(Called)) {
        classify(Use, WeakRewrite::Lock);
      } else {
        StringRef Name = Called->getIdentifier() ? Called->getName() : "";
        // A queue drained with pop() hands each element on: pending work,
        // not a lasting structure (mapnik's postgis request queue).
        if (Name == "pop" || Name == "pop_front" || Name == "pop_back")
          breaks(Use);
        else if (Name == "reset" && ResetsToNewObject.count(E)) {
          // `Member.reset(new T)` stores a new owner, like an assignment.
          classify(Use, WeakRewrite::Unsafe);
        } else if (Name == "reset" || Name == "swap" || Name == "clear") {
          breaks(Use);
          classify(Use,
                   Name == "reset" ? WeakRewrite::Keep : WeakRewrite::Unsafe);
        } else if (Name == "get")
          classify(Use, WeakRewrite::Lock);
        else if (Name == "use_count" || Name == "owner_before")
          classify(Use, WeakRewrite::Keep);
      }
    }
    // Any use not classified by its parent (visited first) is unsafe.
    if (const auto *Field = dyn_cast<FieldDecl>(E->getMemberDecl());
        Field && Rewritten.count(Field))
      Out.Rewrites.insert({E, WeakRewrite::Unsafe});
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    const MemberExpr *Use = Var->getInit() ? followed(Var->getInit()) : nullptr;
    if (!Use)
      return true;
    QualType T = Var->getType();
    bool MutableRef =
        T->isReferenceType() &&
        !(T->isLValueReferenceType() && T->getPointeeType().isConstQualified());
    classify(Use, MutableRef ? WeakRewrite::Unsafe : WeakRewrite::Lock);
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    OverloadedOperatorKind Kind = Op->getOperator();
    const auto *Callee = dyn_cast_or_null<FunctionDecl>(Op->getCalleeDecl());
    for (unsigned I = 0; I < Op->getNumArgs(); ++I) {
      const MemberExpr *Use = followed(Op->getArg(I));
      if (!Use)
        continue;
      if (Kind == OO_Equal && I == 0 && Op->getNumArgs() == 2) {
        const Expr *Value = Op->getArg(1);
        if (isEmptyValue(Value))
          breaks(Use);
        else
          classify(Use, initKeepsOwner(Value) ? WeakRewrite::Keep
                                              : WeakRewrite::Unsafe);
        if (releases())
          if (const ParmVarDecl *Param = parameterIn(Value))
            Out.AssignedFrom.push_back({field(Use), Param});
      } else if ((Kind == OO_Arrow || Kind == OO_Star) && I == 0) {
        classify(Use, WeakRewrite::Lock);
      } else if (Callee && !isa<CXXMethodDecl>(Callee)) {
        classify(Use, asArgument(Callee, I));
      } else if (Callee && I > 0) { // The right operand of a member.
        classify(Use, asArgument(Callee, I - 1));
      }
    }
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (isa<CXXOperatorCallExpr>(Call))
      return true;
    // Visited before its callee: `reset(P)` with a pointer that is not
    // null stores a new owner.
    if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call))
      if (const auto *Callee =
              dyn_cast<MemberExpr>(MemberCall->getCallee()->IgnoreParens());
          Callee && MemberCall->getNumArgs() >= 1 &&
          !isNullArgument(MemberCall->getArg(0)) &&
          !isEmptyValue(MemberCall->getArg(0)))
        ResetsToNewObject.insert(Callee);
    const FunctionDecl *Callee = Call->getDirectCallee();
    bool Takes = isStdFunction(Callee, {"move", "swap", "exchange"});
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      const Expr *Arg = Call->getArg(I);
      if (const MemberExpr *Use = followed(Arg)) {
        if (Takes)
          breaks(Use);
        else
          classify(Use, asArgument(Callee, I));
      }
      if (Callee && I < Callee->getNumParams() && isNullArgument(Arg) &&
          sharedPtrPointee(
              Callee->getParamDecl(I)->getType().getNonReferenceType()))
        Out.GivenNull.push_back({Callee, I});
    }
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
      if (const MemberExpr *Use = followed(Construct->getArg(I)))
        classify(Use, asArgument(Construct->getConstructor(), I));
    return true;
  }

  bool VisitReturnStmt(ReturnStmt *Return) {
    const MemberExpr *Use =
        Return->getRetValue() ? followed(Return->getRetValue()) : nullptr;
    if (Use && Current && !Current->getReturnType()->isReferenceType())
      classify(Use, WeakRewrite::Lock);
    return true;
  }

private:
  /// The use of a followed member that \p E is, through implicit nodes.
  const MemberExpr *followed(const Expr *E) const {
    const auto *Member = dyn_cast_or_null<MemberExpr>(ignoringWrappers(E));
    if (!Member)
      return nullptr;
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    return Field && (Followed.count(Field) || Rewritten.count(Field)) ? Member
                                                                      : nullptr;
  }
  static const FieldDecl *field(const MemberExpr *Use) {
    return cast<FieldDecl>(Use->getMemberDecl());
  }
  /// A destructor runs only once the cycle is already broken.
  bool releases() const {
    return !(Current && isa<CXXDestructorDecl>(Current));
  }
  void breaks(const MemberExpr *Use) {
    if (releases() && Followed.count(field(Use)))
      Out.Breaks.insert({field(Use), Use->getExprLoc()});
  }
  void classify(const MemberExpr *Use, WeakRewrite Rewrite) {
    if (Rewritten.count(field(Use)))
      Out.Rewrites.insert({Use, Rewrite});
  }
  /// nullptr, or std::shared_ptr<T>(nullptr), on its way to a parameter.
  static bool isNullArgument(const Expr *Arg) {
    const Expr *E = ignoringWrappers(Arg);
    while (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() != 1 ||
          isa<CXXTemporaryObjectExpr>(Construct))
        return false;
      E = ignoringWrappers(Construct->getArg(0));
    }
    return isa_and_nonnull<CXXNullPtrLiteralExpr>(E);
  }

  const llvm::DenseSet<const FieldDecl *> &Followed, &Rewritten;
  llvm::DenseSet<const MemberExpr *> ResetsToNewObject;
  MemberUses &Out;
  const FunctionDecl *Current = nullptr;
};

} // namespace

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
  if (isStdFunction(Callee, {"move", "static_pointer_cast",
                             "dynamic_pointer_cast", "const_pointer_cast"}))
    return Call->getNumArgs() == 1 && initKeepsOwner(Call->getArg(0));
  // An object that is already owned hands out another owner of itself.
  return Callee && Callee->getIdentifier() &&
         (Callee->getName() == "shared_from_this" ||
          Callee->getName() == "lock");
}

MemberUses findMemberUses(ASTContext &Ctx,
                          const llvm::DenseSet<const FieldDecl *> &Followed,
                          const llvm::DenseSet<const FieldDecl *> &Rewritten) {
  MemberUses Out;
  if (Followed.empty() && Rewritten.empty())
    return Out;
  UseFinder Finder(Followed, Rewritten, Out);
  Finder.TraverseAST(Ctx);
  return Out;
}

} // namespace weakify
