//===--- WeakEntryUses.cpp - What the code does with weak entries ---------===//

#include "WeakEntryUses.h"
#include "AstNavigation.h"
#include "TypeFacts.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace weakify {
namespace {

const llvm::StringSet<> &addNames() {
  static const llvm::StringSet<> Names = {
      "push_back", "emplace_back", "push_front", "emplace_front", "insert",
      "emplace",   "try_emplace",  "insert_or_assign", "emplace_hint"};
  return Names;
}
const llvm::StringSet<> &removalNames() {
  static const llvm::StringSet<> Names = {
      "erase",  "remove", "remove_if", "clear",  "pop_back",    "pop_front",
      "resize", "swap",   "extract",   "assign", "erase_after", "unique"};
  return Names;
}

/// The object a weak_ptr-typed expression is made from is a shared_ptr:
/// value_map's insert_or_assign takes it as it is.
bool isSharedPointer(const Expr *E) {
  E = E->IgnoreImplicit();
  // push_back(p) converts p to the weak_ptr element first.
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1 &&
      weakPtrPointee(Construct->getType()))
    E = Construct->getArg(0)->IgnoreImplicit();
  return sharedPtrPointee(E->getType()).has_value();
}

void classifyMapCall(const CXXMemberCallExpr *Call, const MemberExpr *Member,
                     WeakEntryUse &Use, ASTContext &Ctx) {
  StringRef Name = Call->getMethodDecl()->getName();
  if (addNames().contains(Name)) {
    Use.Add = Use.Store = true;
    // emplace/try_emplace/insert_or_assign(key, shared_ptr) read the same on
    // a value_map.
    Use.Rewritable = Call->getNumArgs() == 2 && isSharedPointer(Call->getArg(1)) &&
                     Name != "emplace_hint" && isDiscarded(Call, Ctx);
    return;
  }
  if (removalNames().contains(Name)) {
    Use.Removal = true;
    return;
  }
  // count/contains now see live entries only, which is what such code means.
  Use.Rewritable = Name == "size" || Name == "empty" || Name == "count" ||
                   Name == "contains";
  Use.Escapes = !Call->getMethodDecl()->isConst() && Name != "find" &&
                Name != "begin" && Name != "end" && Name != "at" &&
                Name != "lower_bound" && Name != "upper_bound" &&
                Name != "equal_range";
}

/// `M[K] = P;` and `M[K].lock()`, the two faces of a subscript.
void classifySubscript(const CXXOperatorCallExpr *Subscript, WeakEntryUse &Use,
                       ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  std::string Container = sourceText(Subscript->getArg(0)->getSourceRange(), SM, LO);
  std::string Key = sourceText(Subscript->getArg(1)->getSourceRange(), SM, LO);
  const Expr *Child = nullptr;
  DynTypedNode Parent = meaningfulParent(Subscript, Ctx, Child);
  if (const auto *Assign = Parent.get<CXXOperatorCallExpr>();
      Assign && Assign->getOperator() == OO_Equal && Assign->getArg(0) == Child) {
    Use.Add = Use.Store = true;
    std::string Stored = sourceText(Assign->getArg(1)->getSourceRange(), SM, LO);
    Use.Rewritable = !Container.empty() && !Key.empty() && !Stored.empty() &&
                     isSharedPointer(Assign->getArg(1)) && isDiscarded(Assign, Ctx);
    if (Use.Rewritable)
      Use.Rewrites.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Assign->getSourceRange()),
          Container + ".insert_or_assign(" + Key + ", " + Stored + ")"));
    return;
  }
  if (const auto *Member = Parent.get<MemberExpr>()) {
    const Expr *CallChild = nullptr;
    const auto *Call = meaningfulParent(Member, Ctx, CallChild).get<CXXMemberCallExpr>();
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    StringRef Name = Method && Method->getIdentifier() ? Method->getName() : "";
    if (Call && (Name == "lock" || Name == "expired")) {
      // operator[] inserted an empty weak_ptr on a miss; get() does not.
      Use.Add = true;
      Use.Rewritable = !Container.empty() && !Key.empty();
      if (Use.Rewritable)
        Use.Rewrites.push_back(FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(Call->getSourceRange()),
            Name == "lock" ? Container + ".get(" + Key + ")"
                           : "!" + Container + ".contains(" + Key + ")"));
      return;
    }
  }
  Use.Add = true; // A reference into the map: anything may be stored.
  Use.Rewritable = false;
}

void classifySequenceCall(const CXXMemberCallExpr *Call, const MemberExpr *Member,
                          WeakEntryUse &Use, ASTContext &Ctx) {
  StringRef Name = Call->getMethodDecl()->getName();
  if (addNames().contains(Name)) {
    Use.Add = Use.Store = true;
    // push_back(p) of a shared_ptr becomes weakref::set's insert(p).
    bool OneShared = Call->getNumArgs() == 1 && isSharedPointer(Call->getArg(0)) &&
                     Name != "insert" && Name != "emplace";
    Use.Rewritable &= OneShared && isDiscarded(Call, Ctx) &&
                      isRewritable(Member->getMemberLoc(), Ctx.getSourceManager());
    if (Use.Rewritable)
      Use.Rewrites.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Member->getMemberLoc()), "insert"));
    return;
  }
  if (removalNames().contains(Name)) {
    Use.Removal = true;
    return;
  }
  Use.Rewritable &= Name == "size" || Name == "empty";
  Use.Escapes = !Call->getMethodDecl()->isConst() && Name != "begin" &&
                Name != "end" && Name != "front" && Name != "back" &&
                Name != "at" && Name != "reserve";
}

/// A range-for over weak elements: with weakref::set the loop variable is
/// the live shared_ptr, so `w.lock()` becomes `w` and `w.expired()` `!w`.
/// Any other use of the variable keeps the loop as it is (no fix-it).
void classifySequenceLoop(const VarDecl *RangeVar, WeakEntryUse &Use,
                          ASTContext &Ctx) {
  DynTypedNode Node = parentOf(DynTypedNode::create(*RangeVar), Ctx);
  if (Node.get<DeclStmt>())
    Node = parentOf(Node, Ctx);
  const auto *Loop = Node.get<CXXForRangeStmt>();
  const VarDecl *Element = Loop ? Loop->getLoopVariable() : nullptr;
  TypeSourceInfo *TSI = Element ? Element->getTypeSourceInfo() : nullptr;
  if (!TSI || TSI->getTypeLoc().getContainedAutoTypeLoc().isNull()) {
    Use.Rewritable = false;
    return;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Name = Element->getNameAsString();
  auto Refs = ast_matchers::match(
      ast_matchers::findAll(ast_matchers::declRefExpr(
                                ast_matchers::to(ast_matchers::varDecl(
                                    ast_matchers::equalsNode(Element))))
                                .bind("ref")),
      *Loop->getBody(), Ctx);
  for (const auto &Bound : Refs) {
    const auto *Ref = Bound.getNodeAs<DeclRefExpr>("ref");
    const Expr *Child = nullptr;
    const auto *Member = meaningfulParent(Ref, Ctx, Child).get<MemberExpr>();
    const Expr *CallChild = nullptr;
    const auto *Call =
        Member ? meaningfulParent(Member, Ctx, CallChild).get<CXXMemberCallExpr>()
               : nullptr;
    const auto *Method = Call ? Call->getMethodDecl() : nullptr;
    StringRef Called =
        Method && Method->getIdentifier() ? Method->getName() : StringRef();
    if ((Called != "lock" && Called != "expired") ||
        !isRewritable(Call->getSourceRange(), SM)) {
      Use.Rewritable = false;
      Use.Rewrites.clear();
      return;
    }
    Use.Rewrites.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Call->getSourceRange()),
        Called == "lock" ? Name : "!" + Name));
  }
}

} // namespace

WeakEntryUse classifyWeakEntryUse(const Expr *Ref, bool IsMap, ASTContext &Ctx) {
  WeakEntryUse Use;
  Use.Ref = Ref;
  Use.Loc = Ref->getExprLoc();
  Use.Function = enclosingFunction(Ref, Ctx);
  if (!isRewritable(Ref->getSourceRange(), Ctx.getSourceManager()))
    Use.Rewritable = false;

  const Expr *Child = nullptr;
  DynTypedNode Parent = meaningfulParent(Ref, Ctx, Child);
  if (const auto *Member = Parent.get<MemberExpr>()) {
    const Expr *CallChild = nullptr;
    const auto *Call = meaningfulParent(Member, Ctx, CallChild).get<CXXMemberCallExpr>();
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    if (!Call || !Method || !Method->getIdentifier()) {
      Use.Escapes = true;
      return Use;
    }
    Use.Loc = Member->getMemberLoc();
    if (IsMap)
      classifyMapCall(Call, Member, Use, Ctx);
    else
      classifySequenceCall(Call, Member, Use, Ctx);
    return Use;
  }
  if (const auto *Op = Parent.get<CXXOperatorCallExpr>()) {
    if (IsMap && Op->getOperator() == OO_Subscript && Op->getArg(0) == Child) {
      Use.Loc = Op->getBeginLoc();
      classifySubscript(Op, Use, Ctx);
      return Use;
    }
    Use.Rewritable = false;
    if (Op->getOperator() == OO_Equal && Op->getArg(0) == Child)
      Use.Removal = true;
    else if (Op->getOperator() == OO_Subscript)
      Use.Add = true; // v[i] = w on a sequence: a store we do not follow.
    else
      Use.Escapes = true;
    return Use;
  }
  if (const auto *Var = Parent.get<VarDecl>()) {
    // The range-for's hidden __range: loops read (a non-const loop variable
    // could reset entries, but that never erases them).
    if (Var->isImplicit() && !IsMap) {
      classifySequenceLoop(Var, Use, Ctx);
      return Use;
    }
    Use.Rewritable = false;
    if (!Var->isImplicit())
      Use.Escapes = Var->getType()->isReferenceType() &&
                    !Var->getType().getNonReferenceType().isConstQualified();
    return Use;
  }
  if (const auto *Call = Parent.get<CallExpr>()) {
    Use.Rewritable = false;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
        (Callee->getName() == "swap" || Callee->getName() == "erase" ||
         Callee->getName() == "erase_if" || Callee->getName() == "move" ||
         Callee->getName() == "exchange" || Callee->getName() == "remove_if")) {
      Use.Removal = true;
      return Use;
    }
    Use.Escapes = true;
    return Use;
  }
  if (Parent.get<UnaryExprOrTypeTraitExpr>())
    return Use;
  Use.Escapes = true;
  Use.Rewritable = false;
  return Use;
}

} // namespace weakify
