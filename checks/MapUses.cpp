//===--- MapUses.cpp - What the code does with a map of shared_ptr --------===//

#include "MapUses.h"
#include "AstNavigation.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {
namespace {

/// How an lvalue of the mapped type (a std::shared_ptr<V>& inside the map) is
/// used.
struct ValueUse {
  bool Read = false;
  bool Store = false;
  bool Removal = false;
  bool Escapes = false;
  bool Borrowed = false;
  /// Only correct while the expression stays an lvalue into the map.
  bool NeedsLvalue = false;
  const CXXOperatorCallExpr *StoreAssign = nullptr;

  void merge(const ValueUse &O) {
    Read |= O.Read;
    Store |= O.Store;
    Removal |= O.Removal;
    Escapes |= O.Escapes;
    Borrowed |= O.Borrowed;
    NeedsLvalue |= O.NeedsLvalue;
  }
};

bool isConstRefOrValue(QualType ParamType) {
  if (ParamType->isRValueReferenceType())
    return false;
  if (const auto *Ref = ParamType->getAs<LValueReferenceType>())
    return Ref->getPointeeType().isConstQualified();
  return !ParamType->isPointerType();
}

/// Whether the value computed by \p E is returned from a function whose
/// result is a pointer or reference: the map lends out what it owns.
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

ValueUse classifyValue(const Expr *E, ASTContext &Ctx, int Depth);

/// Uses of a non-const reference bound to an entry (`auto &Slot = M[K];`).
ValueUse classifySlot(const VarDecl *Slot, ASTContext &Ctx, int Depth) {
  ValueUse Result;
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

ValueUse classifyMemberCallOnValue(const CXXMethodDecl *Method,
                                   const Expr *Call, ASTContext &Ctx) {
  ValueUse Use;
  if (!Method) {
    Use.Escapes = true;
    return Use;
  }
  StringRef Name = Method->getName();
  if (Method->getIdentifier() && (Name == "reset" || Name == "swap")) {
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

ValueUse classifyValue(const Expr *E, ASTContext &Ctx, int Depth) {
  ValueUse Use;
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
      if (isNullValue(Op->getArg(1))) {
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

const llvm::StringSet<> &lookupNames() {
  static const llvm::StringSet<> Names = {
      "find",        "count",       "contains",   "at",
      "equal_range", "lower_bound", "upper_bound"};
  return Names;
}
const llvm::StringSet<> &readNames() {
  static const llvm::StringSet<> Names = {"begin",         "end",
                                          "cbegin",        "cend",
                                          "rbegin",        "rend",
                                          "crbegin",       "crend",
                                          "size",          "empty",
                                          "max_size",      "bucket_count",
                                          "load_factor",   "max_load_factor",
                                          "key_comp",      "value_comp",
                                          "hash_function", "key_eq",
                                          "get_allocator", "bucket",
                                          "bucket_size",   "reserve",
                                          "rehash"};
  return Names;
}
const llvm::StringSet<> &insertNames() {
  static const llvm::StringSet<> Names = {
      "emplace",      "try_emplace",  "insert", "insert_or_assign",
      "emplace_hint", "insert_range", "merge"};
  return Names;
}
const llvm::StringSet<> &removalNames() {
  static const llvm::StringSet<> Names = {"erase", "clear", "extract", "swap",
                                          "erase_if"};
  return Names;
}

/// Whether an iterator produced by find/begin/end keeps working as the
/// iterator of weakref::value_map: kept in `auto`, compared, dereferenced.
bool iteratorUseIsPortable(const Expr *Call, ASTContext &Ctx) {
  const Expr *Child = nullptr;
  DynTypedNode Parent = meaningfulParent(Call, Ctx, Child);
  if (const auto *Var = Parent.get<VarDecl>()) {
    TypeSourceInfo *TSI = Var->getTypeSourceInfo();
    return TSI && !TSI->getTypeLoc().getContainedAutoTypeLoc().isNull();
  }
  if (const auto *Op = Parent.get<CXXOperatorCallExpr>()) {
    OverloadedOperatorKind Kind = Op->getOperator();
    return Kind == OO_EqualEqual || Kind == OO_ExclaimEqual ||
           Kind == OO_Arrow || Kind == OO_Star;
  }
  if (const auto *Bin = Parent.get<BinaryOperator>())
    return Bin->isEqualityOp();
  return false;
}

/// Whether the pair<iterator, bool> of an insert call is used portably.
bool insertResultIsPortable(const Expr *Call, ASTContext &Ctx) {
  if (isDiscarded(Call, Ctx))
    return true;
  const Expr *Child = nullptr;
  DynTypedNode Parent = meaningfulParent(Call, Ctx, Child);
  if (const auto *Var = Parent.get<VarDecl>()) {
    TypeSourceInfo *TSI = Var->getTypeSourceInfo();
    return TSI && !TSI->getTypeLoc().getContainedAutoTypeLoc().isNull();
  }
  if (Parent.get<DecompositionDecl>())
    return true;
  if (const auto *Member = Parent.get<MemberExpr>())
    return Member->getMemberDecl()->getName() == "second";
  return false;
}

void classifyMemberCall(const CXXMemberCallExpr *Call, StringRef Name,
                        MapUse &Use, ASTContext &Ctx) {
  unsigned Args = Call->getNumArgs();
  Use.Loc = Call->getExprLoc();
  if (lookupNames().contains(Name)) {
    Use.Lookup = true;
    if (Name == "find")
      Use.Rewritable = Args == 1 && iteratorUseIsPortable(Call, Ctx);
    else if (Name == "at") {
      ValueUse Value = classifyValue(Call, Ctx, 0);
      Use.Removal |= Value.Removal;
      Use.Escapes |= Value.Escapes;
      Use.HandsOutBorrowed |= Value.Borrowed;
      // value_map::at returns by value: a store through it would be lost.
      Use.Insert |= Value.Store;
      Use.Rewritable = Args == 1 && !Value.Store && !Value.NeedsLvalue;
    } else
      Use.Rewritable = Args == 1 && (Name == "count" || Name == "contains");
    return;
  }
  if (readNames().contains(Name)) {
    bool IsIterator =
        Name == "begin" || Name == "end" || Name == "cbegin" || Name == "cend";
    Use.Rewritable = Name == "size" || Name == "empty" ||
                     (IsIterator && iteratorUseIsPortable(Call, Ctx));
    return;
  }
  if (insertNames().contains(Name)) {
    Use.Insert = true;
    bool KeyAndValue =
        Args == 2 && (Name == "emplace" || Name == "try_emplace" ||
                      Name == "insert_or_assign");
    bool OnePair =
        Args == 1 && Name == "insert" &&
        !isa<CXXStdInitializerListExpr>(Call->getArg(0)->IgnoreImplicit());
    Use.Rewritable =
        (KeyAndValue || OnePair) && insertResultIsPortable(Call, Ctx);
    return;
  }
  if (removalNames().contains(Name)) {
    Use.Removal = true;
    return;
  }
  Use.Escapes = true;
}

void classifySubscript(const CXXOperatorCallExpr *Subscript, MapUse &Use,
                       ASTContext &Ctx) {
  Use.Lookup = true;
  Use.Loc = Subscript->getBeginLoc();
  ValueUse Value = classifyValue(Subscript, Ctx, 0);
  Use.Insert |= Value.Store || Value.NeedsLvalue;
  Use.Removal |= Value.Removal;
  Use.Escapes |= Value.Escapes;
  Use.HandsOutBorrowed |= Value.Borrowed;

  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  std::string Container =
      sourceText(Subscript->getArg(0)->getSourceRange(), SM, LO);
  std::string Key = sourceText(Subscript->getArg(1)->getSourceRange(), SM, LO);
  if (Container.empty() || Key.empty() || Value.NeedsLvalue || Value.Escapes) {
    Use.Rewritable = false;
    return;
  }
  if (Value.StoreAssign) {
    // `M[K] = V;` becomes `M.insert_or_assign(K, V);`.
    std::string Stored =
        sourceText(Value.StoreAssign->getArg(1)->getSourceRange(), SM, LO);
    if (Stored.empty() || !isDiscarded(Value.StoreAssign, Ctx) ||
        !isRewritable(Value.StoreAssign->getSourceRange(), SM)) {
      Use.Rewritable = false;
      return;
    }
    Use.Rewrites.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Value.StoreAssign->getSourceRange()),
        Container + ".insert_or_assign(" + Key + ", " + Stored + ")"));
    return;
  }
  // A read: `M[K]` becomes `M.get(K)`, a shared_ptr that is null on a miss
  // like the default-constructed value operator[] would have inserted.
  Use.Rewrites.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Subscript->getSourceRange()),
      Container + ".get(" + Key + ")"));
}

/// A range-for over the map: fine unless the loop body can modify entries.
void classifyRangeFor(const VarDecl *RangeVar, MapUse &Use, ASTContext &Ctx) {
  DynTypedNode Node = parentOf(DynTypedNode::create(*RangeVar), Ctx);
  if (Node.get<DeclStmt>())
    Node = parentOf(Node, Ctx);
  const auto *Loop = Node.get<CXXForRangeStmt>();
  if (!Loop) {
    Use.Escapes = true;
    return;
  }
  const VarDecl *LoopVar = Loop->getLoopVariable();
  QualType T = LoopVar->getType();
  bool MayModify =
      T->isReferenceType() && !T.getNonReferenceType().isConstQualified();
  if (MayModify) {
    auto Mutations =
        match(findAll(expr(anyOf(
                  cxxMemberCallExpr(
                      callee(cxxMethodDecl(hasAnyName("reset", "swap")))),
                  cxxOperatorCallExpr(hasOverloadedOperatorName("=")),
                  callExpr(callee(functionDecl(hasAnyName(
                      "::std::move", "::std::swap", "::std::exchange"))))))),
              *Loop->getBody(), Ctx);
    if (!Mutations.empty())
      Use.Removal = true;
  }
  TypeSourceInfo *TSI = LoopVar->getTypeSourceInfo();
  Use.Rewritable =
      isa<DecompositionDecl>(LoopVar) ||
      (TSI && !TSI->getTypeLoc().getContainedAutoTypeLoc().isNull());
}

} // namespace

bool isNullValue(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 0)
      return true;
    if (Construct->getNumArgs() == 1 &&
        !Construct->getConstructor()->isCopyOrMoveConstructor())
      return isNullValue(Construct->getArg(0));
    if (Construct->getNumArgs() == 1)
      return isNullValue(Construct->getArg(0));
  }
  if (const auto *Init = dyn_cast<InitListExpr>(E))
    return Init->getNumInits() == 0 ||
           (Init->getNumInits() == 1 && isNullValue(Init->getInit(0)));
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr, CXXScalarValueInitExpr>(E))
    return true;
  if (const auto *Temp = dyn_cast<CXXTemporaryObjectExpr>(E))
    return Temp->getNumArgs() == 0;
  if (const auto *Literal = dyn_cast<IntegerLiteral>(E))
    return Literal->getValue() == 0;
  return false;
}

bool lendsEntryValue(const Expr *Value, ASTContext &Ctx) {
  return classifyValue(Value, Ctx, 0).Borrowed;
}

bool mayReleaseEntryValue(const Expr *Value, ASTContext &Ctx) {
  ValueUse Use = classifyValue(Value, Ctx, 0);
  return Use.Removal || Use.Escapes || Use.Store;
}

MapUse classifyMapUse(const Expr *Ref, ASTContext &Ctx) {
  MapUse Use;
  Use.Ref = Ref;
  Use.Loc = Ref->getExprLoc();
  Use.Function = enclosingFunction(Ref, Ctx);
  if (!isRewritable(Ref->getSourceRange(), Ctx.getSourceManager()))
    Use.Rewritable = false;

  const Expr *Child = nullptr;
  DynTypedNode Parent = meaningfulParent(Ref, Ctx, Child);

  if (const auto *Member = Parent.get<MemberExpr>()) {
    const Expr *CallChild = nullptr;
    DynTypedNode CallNode = meaningfulParent(Member, Ctx, CallChild);
    const auto *Call = CallNode.get<CXXMemberCallExpr>();
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    if (!Call || !Method || !Method->getIdentifier()) {
      Use.Escapes = true;
      return Use;
    }
    classifyMemberCall(Call, Method->getName(), Use, Ctx);
    return Use;
  }
  if (const auto *Op = Parent.get<CXXOperatorCallExpr>()) {
    bool IsFirst = Op->getArg(0) == Child;
    switch (Op->getOperator()) {
    case OO_Subscript:
      if (IsFirst) {
        classifySubscript(Op, Use, Ctx);
        return Use;
      }
      break;
    case OO_Equal:
      if (IsFirst)
        Use.Removal = true; // A new container replaces the old entries.
      Use.Rewritable = false;
      return Use;
    case OO_EqualEqual:
    case OO_ExclaimEqual:
      Use.Rewritable = false;
      return Use;
    default:
      break;
    }
    Use.Escapes = true;
    return Use;
  }
  if (const auto *Var = Parent.get<VarDecl>()) {
    if (Var->isImplicit()) { // The hidden __range variable of a range-for.
      classifyRangeFor(Var, Use, Ctx);
      return Use;
    }
    Use.Rewritable = false;
    if (Var->getType()->isReferenceType())
      Use.Escapes = true; // Another name for the container.
    return Use;
  }
  if (const auto *Call = Parent.get<CallExpr>()) {
    Use.Rewritable = false;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
        (Callee->getName() == "swap" || Callee->getName() == "erase_if" ||
         Callee->getName() == "move" || Callee->getName() == "exchange")) {
      Use.Removal = true;
      return Use;
    }
    for (unsigned I = 0, N = Call->getNumArgs(); I < N; ++I)
      if (Call->getArg(I) == Child && Callee && I < Callee->getNumParams() &&
          isConstRefOrValue(Callee->getParamDecl(I)->getType()))
        return Use; // Read through a const reference or a copy.
    Use.Escapes = true;
    return Use;
  }
  if (Parent.get<UnaryExprOrTypeTraitExpr>() || Parent.get<DecltypeType>())
    return Use; // Unevaluated.
  if (const auto *Dependent = Parent.get<CXXDependentScopeMemberExpr>()) {
    if (removalNames().contains(Dependent->getMember().getAsString()))
      Use.Removal = true;
    else
      Use.Escapes = true;
    return Use;
  }
  Use.Escapes = true;
  return Use;
}

} // namespace weakify
