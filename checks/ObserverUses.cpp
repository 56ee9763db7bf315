//===--- ObserverUses.cpp - What the code does with an observer list ------===//

#include "ObserverUses.h"
#include "AstNavigation.h"
#include "TypeFacts.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {
namespace {

const llvm::StringSet<> &addNames() {
  static const llvm::StringSet<> Names = {"push_back", "emplace_back",
                                          "push_front", "emplace_front",
                                          "insert", "emplace"};
  return Names;
}
const llvm::StringSet<> &removalNames() {
  static const llvm::StringSet<> Names = {
      "erase",    "remove",  "remove_if", "clear",  "pop_back", "pop_front",
      "resize",   "swap",    "extract",   "assign", "splice",   "unique",
      "erase_after", "merge"};
  return Names;
}
const llvm::StringSet<> &readNames() {
  static const llvm::StringSet<> Names = {"size", "empty", "max_size",
                                          "capacity", "reserve",
                                          "shrink_to_fit"};
  return Names;
}

/// The parameter of \p F that \p Arg is (through copies and std::move).
const ParmVarDecl *parameterPassedOn(const Expr *Arg, const FunctionDecl *F) {
  for (int Depth = 0; Arg && Depth < 4; ++Depth) {
    Arg = Arg->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg)) {
      Arg = Construct->getNumArgs() == 1 ? Construct->getArg(0) : nullptr;
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Arg)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      bool IsMove = Callee && Callee->isInStdNamespace() &&
                    Callee->getIdentifier() &&
                    (Callee->getName() == "move" || Callee->getName() == "forward");
      Arg = IsMove && Call->getNumArgs() == 1 ? Call->getArg(0) : nullptr;
      continue;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(Arg);
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (Param && F &&
        llvm::is_contained(F->parameters(), const_cast<ParmVarDecl *>(Param)))
      return Param;
    return nullptr;
  }
  return nullptr;
}

void classifyMemberCall(const CXXMemberCallExpr *Call, const MemberExpr *Member,
                        ObserverUse &Use, ASTContext &Ctx) {
  StringRef Name = Call->getMethodDecl()->getName();
  Use.Loc = Member->getMemberLoc();
  if (addNames().contains(Name)) {
    Use.Add = true;
    // The element is the last argument (a position may come first).
    const Expr *Element =
        Call->getNumArgs() ? Call->getArg(Call->getNumArgs() - 1) : nullptr;
    Use.AddedParameter = parameterPassedOn(Element, Use.Function);
    bool OneSharedElement = Call->getNumArgs() == 1 && Element &&
                            sharedPtrPointee(Element->getType()).has_value();
    Use.Rewritable = OneSharedElement && isDiscarded(Call, Ctx) &&
                     isRewritable(Member->getMemberLoc(), Ctx.getSourceManager());
    if (Use.Rewritable && Name != "insert")
      Use.Rewrites.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Member->getMemberLoc()), "insert"));
    return;
  }
  if (removalNames().contains(Name)) {
    Use.Removal = true;
    return;
  }
  if (readNames().contains(Name)) {
    Use.Rewritable = Name == "size" || Name == "empty";
    return;
  }
  // begin/end/front/back/at/find...: elements may be handed out.
  Use.Escapes = !Call->getMethodDecl()->isConst() && Name != "begin" &&
                Name != "end" && Name != "cbegin" && Name != "cend";
  Use.Rewritable = false;
}

/// Whether the body of \p Loop calls into the element it visits.
bool callsIntoElement(const CXXForRangeStmt *Loop, ASTContext &Ctx) {
  const VarDecl *Element = Loop->getLoopVariable();
  auto ThroughElement = cxxOperatorCallExpr(
      hasAnyOverloadedOperatorName("->", "*"),
      hasArgument(0, ignoringImplicit(declRefExpr(to(varDecl(equalsNode(Element)))))));
  return !match(findAll(expr(ThroughElement)), *Loop->getBody(), Ctx).empty();
}

/// Whether a loop variable of this type binds to weakref::set's elements
/// (const std::shared_ptr<L>&).
bool loopVariableIsPortable(const VarDecl *Element) {
  QualType T = Element->getType();
  if (!T->isReferenceType())
    return true; // A copy.
  if (T.getNonReferenceType().isConstQualified())
    return true;
  TypeSourceInfo *TSI = Element->getTypeSourceInfo();
  // `auto &` deduces const from the element type.
  return TSI && !TSI->getTypeLoc().getContainedAutoTypeLoc().isNull();
}

void classifyRangeFor(const VarDecl *RangeVar, ObserverUse &Use, ASTContext &Ctx) {
  DynTypedNode Node = parentOf(DynTypedNode::create(*RangeVar), Ctx);
  if (Node.get<DeclStmt>())
    Node = parentOf(Node, Ctx);
  const auto *Loop = Node.get<CXXForRangeStmt>();
  if (!Loop) {
    Use.Escapes = true;
    return;
  }
  Use.Loc = Loop->getForLoc();
  const VarDecl *Element = Loop->getLoopVariable();
  QualType T = Element->getType();
  // Elements reachable by non-const reference may be reset or moved out.
  if (T->isReferenceType() && !T.getNonReferenceType().isConstQualified()) {
    auto IsElement = declRefExpr(to(varDecl(equalsNode(Element))));
    auto Mutating = expr(anyOf(
        cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName("reset", "swap"))),
                          on(IsElement)),
        cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                            hasArgument(0, IsElement)),
        callExpr(callee(functionDecl(
            hasAnyName("::std::move", "::std::swap", "::std::exchange"))))));
    auto Mutation = match(findAll(Mutating), *Loop->getBody(), Ctx);
    if (!Mutation.empty())
      Use.Removal = true;
  }
  Use.Notify = callsIntoElement(Loop, Ctx);
  Use.Rewritable = loopVariableIsPortable(Element);
}

} // namespace

ObserverUse classifyObserverUse(const Expr *Ref, ASTContext &Ctx) {
  ObserverUse Use;
  Use.Ref = Ref;
  Use.Loc = Ref->getExprLoc();
  Use.Function = enclosingFunction(Ref, Ctx);
  if (!isRewritable(Ref->getSourceRange(), Ctx.getSourceManager()))
    Use.Rewritable = false;

  const Expr *Child = nullptr;
  DynTypedNode Parent = meaningfulParent(Ref, Ctx, Child);
  if (const auto *Member = Parent.get<MemberExpr>()) {
    const Expr *CallChild = nullptr;
    const auto *Call =
        meaningfulParent(Member, Ctx, CallChild).get<CXXMemberCallExpr>();
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    if (!Call || !Method || !Method->getIdentifier()) {
      Use.Escapes = true;
      return Use;
    }
    classifyMemberCall(Call, Member, Use, Ctx);
    return Use;
  }
  if (const auto *Var = Parent.get<VarDecl>()) {
    if (Var->isImplicit()) { // The hidden __range variable of a range-for.
      classifyRangeFor(Var, Use, Ctx);
      return Use;
    }
    Use.Rewritable = false;
    Use.Escapes = Var->getType()->isReferenceType() &&
                  !Var->getType().getNonReferenceType().isConstQualified();
    return Use; // A copy (a snapshot to notify from) keeps the originals.
  }
  if (const auto *Op = Parent.get<CXXOperatorCallExpr>()) {
    Use.Rewritable = false;
    if (Op->getOperator() == OO_Equal && Op->getArg(0) == Child)
      Use.Removal = true; // A new container replaces the old elements.
    else if (Op->getOperator() != OO_Subscript)
      Use.Escapes = Op->getOperator() != OO_EqualEqual &&
                    Op->getOperator() != OO_ExclaimEqual;
    return Use;
  }
  if (const auto *Call = Parent.get<CallExpr>()) {
    Use.Rewritable = false;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
        (Callee->getName() == "swap" || Callee->getName() == "erase" ||
         Callee->getName() == "erase_if" || Callee->getName() == "move" ||
         Callee->getName() == "exchange")) {
      Use.Removal = true;
      return Use;
    }
    for (unsigned I = 0, N = Call->getNumArgs(); I < N; ++I)
      if (Call->getArg(I) == Child && Callee && I < Callee->getNumParams()) {
        QualType P = Callee->getParamDecl(I)->getType();
        bool ConstRef = P->isReferenceType() &&
                        P.getNonReferenceType().isConstQualified();
        if (ConstRef || (!P->isReferenceType() && !P->isPointerType()))
          return Use; // Read through a const reference or a copy.
      }
    Use.Escapes = true;
    return Use;
  }
  if (Parent.get<UnaryExprOrTypeTraitExpr>())
    return Use; // Unevaluated.
  Use.Escapes = true;
  Use.Rewritable = false;
  return Use;
}

} // namespace weakify
