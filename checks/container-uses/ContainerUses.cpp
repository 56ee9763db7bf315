//===--- ContainerUses.cpp - What code does with a container --------------===//

#include "ContainerUses.h"
#include "AstNavigation.h"
#include "ContainerShape.h"
#include "EntryValueUses.h"
#include "TypeFacts.h"
#include "ValueFacts.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/StringMap.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

ContainerOperation operationNamed(StringRef Name) {
  using Op = ContainerOperation;
  static const llvm::StringMap<Op> Operations = {
      {"find", Op::Lookup},
      {"count", Op::Lookup},
      {"contains", Op::Lookup},
      {"at", Op::Lookup},
      {"equal_range", Op::Lookup},
      {"lower_bound", Op::Lookup},
      {"upper_bound", Op::Lookup},
      {"size", Op::Read},
      {"empty", Op::Read},
      {"max_size", Op::Read},
      {"capacity", Op::Read},
      {"reserve", Op::Read},
      {"shrink_to_fit", Op::Read},
      {"bucket_count", Op::Read},
      {"load_factor", Op::Read},
      {"max_load_factor", Op::Read},
      {"key_comp", Op::Read},
      {"value_comp", Op::Read},
      {"hash_function", Op::Read},
      {"key_eq", Op::Read},
      {"get_allocator", Op::Read},
      {"bucket", Op::Read},
      {"bucket_size", Op::Read},
      {"rehash", Op::Read},
      {"begin", Op::Iterate},
      {"cbegin", Op::Iterate},
      {"rbegin", Op::Iterate},
      {"crbegin", Op::Iterate},
      {"end", Op::End},
      {"cend", Op::End},
      {"rend", Op::End},
      {"crend", Op::End},
      {"front", Op::Access},
      {"back", Op::Access},
      {"data", Op::Access},
      // merge and splice take elements from the other container into
      // this one: for this one they insert.
      {"push_back", Op::Insert},
      {"emplace_back", Op::Insert},
      {"push_front", Op::Insert},
      {"emplace_front", Op::Insert},
      {"insert", Op::Insert},
      {"emplace", Op::Insert},
      {"emplace_hint", Op::Insert},
      {"try_emplace", Op::Insert},
      {"insert_or_assign", Op::Insert},
      {"insert_range", Op::Insert},
      {"append_range", Op::Insert},
      {"prepend_range", Op::Insert},
      {"push", Op::Insert},
      {"merge", Op::Insert},
      {"splice", Op::Insert},
      // resize and assign may drop elements; unique and remove do.
      {"erase", Op::Removal},
      {"erase_if", Op::Removal},
      {"erase_after", Op::Removal},
      {"clear", Op::Removal},
      {"extract", Op::Removal},
      {"swap", Op::Removal},
      {"pop", Op::Removal},
      {"pop_back", Op::Removal},
      {"pop_front", Op::Removal},
      {"remove", Op::Removal},
      {"remove_if", Op::Removal},
      {"resize", Op::Removal},
      {"assign", Op::Removal},
      {"unique", Op::Removal},
      // Qt's names for the same operations.
      {"value", Op::Lookup},
      {"constFind", Op::Lookup},
      {"isEmpty", Op::Read},
      {"constBegin", Op::Iterate},
      {"constEnd", Op::End},
      {"first", Op::Access},
      {"last", Op::Access},
      {"append", Op::Insert},
      {"prepend", Op::Insert},
      {"removeOne", Op::Removal},
      {"removeAll", Op::Removal},
      {"removeAt", Op::Removal},
      {"removeFirst", Op::Removal},
      {"removeLast", Op::Removal},
      {"removeIf", Op::Removal},
      {"take", Op::Removal},
      {"takeAt", Op::Removal},
      {"takeFirst", Op::Removal},
      {"takeLast", Op::Removal},
  };
  auto It = Operations.find(Name);
  return It == Operations.end() ? Op::Unknown : It->second;
}

namespace {

bool isMapKind(ContainerKind Kind) {
  return Kind == ContainerKind::SharedValues ||
         Kind == ContainerKind::IdentityKeys ||
         Kind == ContainerKind::WeakValues;
}

/// Whether \p Arg is an object the caller of \p F passed in (a parameter,
/// through copies and std::move) or `this`.
bool isCallersObject(const Expr *Arg, const FunctionDecl *F) {
  for (int Depth = 0; Arg && Depth < 4; ++Depth) {
    Arg = Arg->IgnoreImplicit()->IgnoreParens();
    if (isa<CXXThisExpr>(Arg))
      return true;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg)) {
      Arg = Construct->getNumArgs() == 1 ? Construct->getArg(0) : nullptr;
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Arg)) {
      bool IsMove = isStdFunction(Call->getDirectCallee(), {"move", "forward"});
      Arg = IsMove && Call->getNumArgs() == 1 ? Call->getArg(0) : nullptr;
      continue;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(Arg);
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    return Param && F &&
           llvm::is_contained(F->parameters(),
                              const_cast<ParmVarDecl *>(Param));
  }
  return false;
}

/// Whether the key \p Key of a side table names an object that lives
/// elsewhere: the caller's (a parameter, `this`) or, for raw keys, `&Param`,
/// an element or member of something else, a global; not one the function
/// just made.
bool isKeyHeldElsewhere(const Expr *Key, const FunctionDecl *F) {
  if (isCallersObject(Key, F))
    return true;
  // An owning key taken from another owner adds nothing unless that owner
  // lets go first, which this use alone cannot tell: only raw keys here.
  if (!Key->getType()->isPointerType())
    return false;
  bool Address = false;
  for (int Depth = 0; Key && Depth < 4; ++Depth) {
    Key = Key->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Key)) {
      Key = Construct->getNumArgs() == 1 ? Construct->getArg(0) : nullptr;
      continue;
    }
    if (const auto *AddressOf = dyn_cast<UnaryOperator>(Key);
        AddressOf && AddressOf->getOpcode() == UO_AddrOf) {
      Key = AddressOf->getSubExpr();
      Address = true;
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Key))
      return Op->getOperator() == OO_Subscript;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Key)) {
      const CXXMethodDecl *Method = Call->getMethodDecl();
      StringRef Name =
          Method && Method->getIdentifier() ? Method->getName() : StringRef();
      if (Name == "at" || Name == "front" || Name == "back")
        return true;
      // `Owner.get()` of a smart pointer held by a member or a global.
      if (Name == "get" || Name == "data") {
        Key = Call->getImplicitObjectArgument();
        continue;
      }
      return false;
    }
    if (isa<MemberExpr>(Key) || isa<ArraySubscriptExpr>(Key))
      return true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Key)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      // A global pointer or owner holds objects that come and go; the
      // address of a static object is the object for good.
      return Var &&
             ((Var->hasGlobalStorage() && !Address) ||
              (isa<ParmVarDecl>(Var) && Var->getType()->isReferenceType()));
    }
    return false;
  }
  return false;
}

/// Whether an argument of \p Call, or a part of one (an initializer list, a
/// constructor's or std::make_pair's arguments), is a smart pointer the
/// caller of \p F passed in.
bool holdsCallersPointer(const CallExpr *Call, const FunctionDecl *F) {
  llvm::SmallVector<const Expr *, 8> Work(Call->arguments());
  for (unsigned Seen = 0; !Work.empty() && Seen < 32; ++Seen) {
    const Expr *E = Work.pop_back_val()->IgnoreImplicit()->IgnoreParens();
    if (const auto *Init = dyn_cast<InitListExpr>(E)) {
      Work.append(Init->inits().begin(), Init->inits().end());
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() > 1) {
      Work.append(Construct->arguments().begin(), Construct->arguments().end());
      continue;
    }
    if (const auto *Make = dyn_cast<CallExpr>(E);
        Make &&
        isStdFunction(Make->getDirectCallee(), {"make_pair", "make_tuple"})) {
      Work.append(Make->arguments().begin(), Make->arguments().end());
      continue;
    }
    QualType T = E->getType();
    if ((sharedPtrPointee(T) || weakPtrPointee(T)) && isCallersObject(E, F))
      return true;
  }
  return false;
}

/// The value a weak_ptr-typed argument is made from is a shared_ptr: the
/// weakref container's insertion takes it as it is.
bool isSharedPointer(const Expr *E) {
  E = E->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1 &&
      weakPtrPointee(Construct->getType()))
    E = Construct->getArg(0)->IgnoreImplicit();
  return sharedPtrPointee(E->getType()).has_value();
}

bool declaredAuto(const VarDecl *Var) {
  TypeSourceInfo *TSI = Var->getTypeSourceInfo();
  return TSI && !TSI->getTypeLoc().getContainedAutoTypeLoc().isNull();
}

/// Whether an iterator produced by find/begin/end keeps working as the
/// iterator of weakref::value_map: kept in `auto`, compared, dereferenced.
bool iteratorUseIsPortable(const Expr *Call, ASTContext &Ctx) {
  const Expr *Child = nullptr;
  DynTypedNode Parent = meaningfulParent(Call, Ctx, Child);
  if (const auto *Var = Parent.get<VarDecl>())
    return declaredAuto(Var);
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
  if (const auto *Var = Parent.get<VarDecl>())
    return declaredAuto(Var);
  if (Parent.get<DecompositionDecl>())
    return true;
  if (const auto *Member = Parent.get<MemberExpr>())
    return Member->getMemberDecl()->getName() == "second";
  return false;
}

/// Folds what is done to an owning entry into the use.
void addEntryValueUse(const EntryValueUse &Value, ContainerUse &Use) {
  Use.Removal |= Value.Removal;
  Use.Escapes |= Value.Escapes;
  Use.Borrowed |= Value.Borrowed;
}

/// Whether \p Call's object or arguments name the loop variable (or one of
/// its structured bindings), looking through member accesses.
bool namesLoopElement(const Expr *E, const VarDecl *Element) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      E = Member->getBase();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
        Op->getNumArgs() == 1) {
      E = Op->getArg(0);
      continue;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    if (!Ref)
      return false;
    if (Ref->getDecl() == Element)
      return true;
    if (const auto *Binding = dyn_cast<BindingDecl>(Ref->getDecl()))
      return Binding->getDecomposedDecl() == Element;
    return false;
  }
  return false;
}

/// Whether a range-for body can let go of what the elements own: the loop
/// variable is a non-const reference and the body resets, swaps, moves
/// from or assigns to it (or a binding or member of it).
bool loopMayReleaseElements(const CXXForRangeStmt *Loop, ASTContext &Ctx) {
  const VarDecl *Element = Loop->getLoopVariable();
  QualType T = Element->getType();
  if (!T->isReferenceType() || T.getNonReferenceType().isConstQualified())
    return false;
  auto Found = match(
      findAll(expr(anyOf(
          cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName("reset", "swap"))))
              .bind("method"),
          cxxOperatorCallExpr(hasOverloadedOperatorName("=")).bind("assign"),
          callExpr(callee(functionDecl(hasAnyName("::std::move", "::std::swap",
                                                  "::std::exchange"))))
              .bind("std")))),
      *Loop->getBody(), Ctx);
  for (const BoundNodes &Node : Found) {
    if (const auto *Call = Node.getNodeAs<CXXMemberCallExpr>("method")) {
      if (namesLoopElement(Call->getImplicitObjectArgument(), Element))
        return true;
    } else if (const auto *Assign =
                   Node.getNodeAs<CXXOperatorCallExpr>("assign")) {
      if (Assign->getNumArgs() > 0 &&
          namesLoopElement(Assign->getArg(0), Element))
        return true;
    } else if (const auto *Call = Node.getNodeAs<CallExpr>("std")) {
      for (const Expr *Arg : Call->arguments())
        if (namesLoopElement(Arg, Element))
          return true;
    }
  }
  return false;
}

/// Whether \p E is \p Element itself, or what it points to (`*it`).
bool isElementItself(const Expr *E, const VarDecl *Element) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Star && Op->getNumArgs() == 1)
    E = Op->getArg(0)->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref && Ref->getDecl() == Element;
}

/// Whether \p Body calls into the object \p Element stands for:
/// `e->f()`, `e.listener->f()`, `(*it)->f()`, `e.f()` on a class of the
/// program, or hands it to a function of the program that does, a few
/// calls deep (`dispatch(e, event)`, `policy.notify(*it)`).
bool callsInto(const Stmt *Body, const VarDecl *Element, ASTContext &Ctx,
               unsigned Depth = 0) {
  if (!Body)
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  auto Found = match(
      findAll(expr(anyOf(
          cxxOperatorCallExpr(hasOverloadedOperatorName("->")).bind("arrow"),
          callExpr(unless(cxxOperatorCallExpr())).bind("call")))),
      *Body, Ctx);
  for (const BoundNodes &Node : Found) {
    if (const auto *Arrow = Node.getNodeAs<CXXOperatorCallExpr>("arrow")) {
      if (Arrow->getNumArgs() == 1 &&
          namesLoopElement(Arrow->getArg(0), Element))
        return true;
      continue;
    }
    const auto *Call = Node.getNodeAs<CallExpr>("call");
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || SM.isInSystemHeader(Callee->getLocation()))
      continue;
    // A member call on the element, unless it is the smart pointer's own
    // (`e.reset()`).
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      if (isElementItself(Member->getImplicitObjectArgument(), Element) &&
          !sharedPtrPointee(Member->getObjectType()) &&
          !weakPtrPointee(Member->getObjectType()))
        return true;
    const FunctionDecl *Definition = nullptr;
    const Stmt *CalleeBody = Callee->getBody(Definition);
    if (Depth >= 3 || !CalleeBody)
      continue;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (I < Definition->getNumParams() &&
          namesLoopElement(Call->getArg(I), Element) &&
          callsInto(CalleeBody, Definition->getParamDecl(I), Ctx, Depth + 1))
        return true;
  }
  return false;
}

/// Whether \p Begin starts an iterator loop whose body calls into the
/// elements: `for (auto It = L.begin(); It != L.end(); ++It) (*It)->f();`.
bool iteratorLoopCallsIntoElements(const Expr *Begin, ASTContext &Ctx) {
  const Expr *Child = nullptr;
  const auto *Iterator = meaningfulParent(Begin, Ctx, Child).get<VarDecl>();
  if (!Iterator)
    return false;
  DynTypedNode Node = parentOf(DynTypedNode::create(*Iterator), Ctx);
  if (!Node.get<DeclStmt>())
    return false;
  const auto *Loop = parentOf(Node, Ctx).get<ForStmt>();
  return Loop && callsInto(Loop->getBody(), Iterator, Ctx);
}

/// Whether the body of \p Loop calls into the element it visits.
bool callsIntoElement(const CXXForRangeStmt *Loop, ASTContext &Ctx) {
  return callsInto(Loop->getBody(), Loop->getLoopVariable(), Ctx);
}

/// Whether a loop variable of this type binds to weakref::set's elements
/// (const std::shared_ptr<L>&).
bool loopVariableIsPortable(const VarDecl *Element) {
  QualType T = Element->getType();
  if (!T->isReferenceType() || T.getNonReferenceType().isConstQualified())
    return true;                // A copy, or a const reference.
  return declaredAuto(Element); // `auto &` deduces const from the element.
}

/// A range-for over weak elements becomes one over weakref::set's live
/// shared_ptrs: `w.lock()` becomes `w` and `w.expired()` `!w`. Any other
/// use of the variable keeps the loop as it is (no fix-it).
void rewriteWeakLoop(const CXXForRangeStmt *Loop, ContainerUse &Use,
                     ASTContext &Ctx) {
  const VarDecl *Element = Loop->getLoopVariable();
  if (!declaredAuto(Element)) {
    Use.Rewritable = false;
    return;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Name = Element->getNameAsString();
  auto Refs =
      match(findAll(declRefExpr(to(varDecl(equalsNode(Element)))).bind("ref")),
            *Loop->getBody(), Ctx);
  for (const BoundNodes &Bound : Refs) {
    const auto *Ref = Bound.getNodeAs<DeclRefExpr>("ref");
    const Expr *Child = nullptr;
    const auto *Member = meaningfulParent(Ref, Ctx, Child).get<MemberExpr>();
    const Expr *CallChild = nullptr;
    const auto *Call =
        Member
            ? meaningfulParent(Member, Ctx, CallChild).get<CXXMemberCallExpr>()
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

/// Whether a range-for over a map reads the keys: the first structured
/// binding, or `.first` of the element.
bool loopReadsKeys(const CXXForRangeStmt *Loop, ASTContext &Ctx) {
  const VarDecl *Element = Loop->getLoopVariable();
  if (const auto *Bindings = dyn_cast<DecompositionDecl>(Element)) {
    if (Bindings->bindings().empty())
      return true;
    const BindingDecl *Key = Bindings->bindings().front();
    return !match(findAll(declRefExpr(to(equalsNode(Key)))), *Loop->getBody(),
                  Ctx)
                .empty();
  }
  auto Firsts =
      match(findAll(memberExpr(member(hasName("first"))).bind("first")),
            *Loop->getBody(), Ctx);
  for (const BoundNodes &Node : Firsts)
    if (namesLoopElement(Node.getNodeAs<MemberExpr>("first")->getBase(),
                         Element))
      return true;
  // The element itself handed somewhere whole: its key goes with it.
  auto Whole =
      match(findAll(declRefExpr(to(varDecl(equalsNode(Element)))).bind("ref")),
            *Loop->getBody(), Ctx);
  for (const BoundNodes &Node : Whole) {
    const Expr *Child = nullptr;
    if (!meaningfulParent(Node.getNodeAs<DeclRefExpr>("ref"), Ctx, Child)
             .get<MemberExpr>())
      return true;
  }
  return false;
}

void classifyRangeFor(const VarDecl *RangeVar, ContainerKind Kind,
                      ContainerUse &Use, ASTContext &Ctx) {
  DynTypedNode Node = parentOf(DynTypedNode::create(*RangeVar), Ctx);
  if (Node.get<DeclStmt>())
    Node = parentOf(Node, Ctx);
  const auto *Loop = Node.get<CXXForRangeStmt>();
  if (!Loop) {
    Use.Escapes = true;
    Use.Rewritable = false;
    return;
  }
  Use.Iterates = true;
  Use.Loc = Loop->getForLoc();
  const VarDecl *Element = Loop->getLoopVariable();
  switch (Kind) {
  case ContainerKind::SharedValues:
    Use.Removal |= loopMayReleaseElements(Loop, Ctx);
    Use.Rewritable &= isa<DecompositionDecl>(Element) || declaredAuto(Element);
    return;
  case ContainerKind::SharedElements:
    Use.Removal |= loopMayReleaseElements(Loop, Ctx);
    Use.Notify = callsIntoElement(Loop, Ctx);
    Use.Rewritable &= loopVariableIsPortable(Element);
    return;
  case ContainerKind::WeakElements:
    rewriteWeakLoop(Loop, Use, Ctx);
    return;
  case ContainerKind::IdentityKeys:
    // Totals and ticks over the values leave the keys where they are; a
    // loop that reads the keys hands the objects out.
    Use.Iterates = loopReadsKeys(Loop, Ctx);
    Use.Rewritable = false;
    return;
  case ContainerKind::WeakValues:
    Use.Rewritable = false;
    return;
  }
}

void classifyInsert(const CXXMemberCallExpr *Call, const MemberExpr *Member,
                    StringRef Name, ContainerKind Kind, ContainerUse &Use,
                    ASTContext &Ctx) {
  Use.Insert = Use.Store = true;
  unsigned Args = Call->getNumArgs();
  // Qt's `insert(key, value)` is std's insert_or_assign.
  bool QtInsert = Name == "insert" && Args == 2 &&
                  isQtContainer(Call->getMethodDecl()->getParent());
  bool KeyAndValue = Args == 2 && (Name == "emplace" || Name == "try_emplace" ||
                                   Name == "insert_or_assign" || QtInsert);
  if (isMapKind(Kind)) {
    if (KeyAndValue ||
        (Args >= 1 && Name != "insert" && Name != "emplace_hint" &&
         Name != "append" && Name != "prepend"))
      Use.AddsCallersObject =
          Kind == ContainerKind::IdentityKeys
              ? isKeyHeldElsewhere(Call->getArg(0), Use.Function)
              : isCallersObject(Call->getArg(0), Use.Function);
  } else if (Args) {
    // The element is the last argument (a position may come first); an
    // element made of parts (`{Listener, Priority}`, emplace_back's
    // arguments) is the caller's when one of its pointers is.
    Use.AddsCallersObject =
        isCallersObject(Call->getArg(Args - 1), Use.Function) ||
        holdsCallersPointer(Call, Use.Function);
  }
  const SourceManager &SM = Ctx.getSourceManager();
  switch (Kind) {
  case ContainerKind::SharedValues: {
    // `auto [It, New] = M.try_emplace(K)` looks the key up as it inserts.
    Use.Lookup |= Name != "insert_or_assign" && !isDiscarded(Call, Ctx);
    bool OnePair =
        Args == 1 && Name == "insert" &&
        !isa<CXXStdInitializerListExpr>(Call->getArg(0)->IgnoreImplicit());
    Use.Rewritable &=
        (KeyAndValue || OnePair) && insertResultIsPortable(Call, Ctx);
    return;
  }
  case ContainerKind::IdentityKeys:
    Use.Rewritable &=
        (Args >= 1 && (Name == "emplace" || Name == "try_emplace" ||
                       Name == "insert_or_assign")) ||
        (Args == 1 && Name == "insert");
    return;
  case ContainerKind::WeakValues:
    Use.Rewritable &= KeyAndValue && isSharedPointer(Call->getArg(1)) &&
                      isDiscarded(Call, Ctx);
    return;
  case ContainerKind::SharedElements:
  case ContainerKind::WeakElements: {
    bool OneShared = Args == 1 && isSharedPointer(Call->getArg(0));
    // weakref::set's add(p) for push_back(p) and friends (like them, it
    // returns nothing and makes no iterator); an insert or emplace of a weak
    // element has no counterpart.
    bool Renamable = Kind == ContainerKind::SharedElements ||
                     (Name != "insert" && Name != "emplace");
    Use.Rewritable &= OneShared && Renamable && isDiscarded(Call, Ctx) &&
                      isRewritable(Member->getMemberLoc(), SM);
    if (Use.Rewritable && Name != "insert")
      Use.Rewrites.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Member->getMemberLoc()), "add"));
    return;
  }
  }
}

void classifyLookup(const CXXMemberCallExpr *Call, StringRef Name,
                    ContainerKind Kind, ContainerUse &Use, ASTContext &Ctx) {
  Use.Lookup = true;
  unsigned Args = Call->getNumArgs();
  bool Counts = Name == "count" || Name == "contains";
  switch (Kind) {
  case ContainerKind::SharedValues:
    if (Name == "find") {
      Use.Rewritable &= Args == 1 && iteratorUseIsPortable(Call, Ctx);
    } else if (Name == "at") {
      EntryValueUse Value = classifyEntryValue(Call, Ctx);
      addEntryValueUse(Value, Use);
      // value_map::at returns by value: a store through it would be lost.
      Use.Insert |= Value.Store;
      Use.Store |= Value.Store;
      Use.Rewritable &= Args == 1 && !Value.Store && !Value.NeedsLvalue;
    } else {
      Use.Rewritable &= Args == 1 && Counts;
    }
    return;
  case ContainerKind::IdentityKeys:
    Use.Rewritable &= Name == "find" || Name == "at" || Counts;
    return;
  case ContainerKind::WeakValues:
    // count/contains now see live entries only, which is what such code
    // means.
    Use.Rewritable &= Counts;
    return;
  case ContainerKind::SharedElements:
  case ContainerKind::WeakElements:
    Use.Rewritable = false;
    return;
  }
}

void classifyMemberCall(const CXXMemberCallExpr *Call, const MemberExpr *Member,
                        ContainerKind Kind, ContainerUse &Use,
                        ASTContext &Ctx) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  StringRef Name = Method->getName();
  Use.Loc = Member->getMemberLoc();
  bool Sized = Name == "size" || Name == "empty";
  switch (operationNamed(Name)) {
  case ContainerOperation::Lookup:
    return classifyLookup(Call, Name, Kind, Use, Ctx);
  case ContainerOperation::Read:
    Use.Rewritable &= Sized;
    return;
  case ContainerOperation::Iterate:
  case ContainerOperation::End: {
    bool Begins = operationNamed(Name) == ContainerOperation::Iterate;
    Use.Iterates |= Begins;
    if (Begins && Kind == ContainerKind::SharedElements)
      Use.Notify |= iteratorLoopCallsIntoElements(Call, Ctx);
    if (Kind == ContainerKind::SharedValues)
      Use.Rewritable &= (Name == "begin" || Name == "cbegin" || Name == "end" ||
                         Name == "cend") &&
                        iteratorUseIsPortable(Call, Ctx);
    else if (Kind == ContainerKind::IdentityKeys)
      Use.Rewritable &= Name == "end" || Name == "cend";
    else
      Use.Rewritable = false;
    return;
  }
  case ContainerOperation::Access:
    if (Kind == ContainerKind::SharedElements ||
        Kind == ContainerKind::SharedValues)
      addEntryValueUse(classifyEntryValue(Call, Ctx), Use);
    Use.Rewritable = false;
    return;
  case ContainerOperation::Insert:
    return classifyInsert(Call, Member, Name, Kind, Use, Ctx);
  case ContainerOperation::Removal:
    Use.Removal = true;
    return;
  case ContainerOperation::Unknown:
    Use.Escapes |= !Method->isConst();
    Use.Rewritable = false;
    return;
  }
}

void classifySubscript(const CXXOperatorCallExpr *Subscript, ContainerKind Kind,
                       ContainerUse &Use, ASTContext &Ctx) {
  Use.Loc = Subscript->getBeginLoc();
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  std::string Container =
      sourceText(Subscript->getArg(0)->getSourceRange(), SM, LO);
  std::string Key = sourceText(Subscript->getArg(1)->getSourceRange(), SM, LO);
  switch (Kind) {
  case ContainerKind::SharedValues: {
    EntryValueUse Value = classifyEntryValue(Subscript, Ctx);
    // `M[K] = V` only stores; any other `M[K]` reads the entry first.
    Use.Lookup = !Value.StoreAssign;
    Use.Insert |= Value.Store || Value.NeedsLvalue;
    Use.Store |= Value.Store;
    addEntryValueUse(Value, Use);
    if (Container.empty() || Key.empty() || Value.NeedsLvalue ||
        Value.Escapes) {
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
    // A read: `M[K]` becomes `M.get(K)`, a shared_ptr that is null on a
    // miss like the default-constructed value operator[] would have added.
    Use.Rewrites.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Subscript->getSourceRange()),
        Container + ".get(" + Key + ")"));
    return;
  }
  case ContainerKind::IdentityKeys:
    Use.Insert = true;
    Use.AddsCallersObject =
        isKeyHeldElsewhere(Subscript->getArg(1), Use.Function);
    return;
  case ContainerKind::WeakValues: {
    Use.Insert = true;
    const Expr *Child = nullptr;
    DynTypedNode Parent = meaningfulParent(Subscript, Ctx, Child);
    if (const auto *Assign = Parent.get<CXXOperatorCallExpr>();
        Assign && Assign->getOperator() == OO_Equal &&
        Assign->getArg(0) == Child) {
      Use.Store = true;
      std::string Stored =
          sourceText(Assign->getArg(1)->getSourceRange(), SM, LO);
      Use.Rewritable &= !Container.empty() && !Key.empty() && !Stored.empty() &&
                        isSharedPointer(Assign->getArg(1)) &&
                        isDiscarded(Assign, Ctx);
      if (Use.Rewritable)
        Use.Rewrites.push_back(FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(Assign->getSourceRange()),
            Container + ".insert_or_assign(" + Key + ", " + Stored + ")"));
      return;
    }
    if (const auto *Member = Parent.get<MemberExpr>()) {
      const Expr *CallChild = nullptr;
      const auto *Call =
          meaningfulParent(Member, Ctx, CallChild).get<CXXMemberCallExpr>();
      const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
      StringRef Name =
          Method && Method->getIdentifier() ? Method->getName() : "";
      if (Call && (Name == "lock" || Name == "expired")) {
        // operator[] added an empty weak_ptr on a miss; get() does not.
        Use.Rewritable &= !Container.empty() && !Key.empty();
        if (Use.Rewritable)
          Use.Rewrites.push_back(FixItHint::CreateReplacement(
              CharSourceRange::getTokenRange(Call->getSourceRange()),
              Name == "lock" ? Container + ".get(" + Key + ")"
                             : "!" + Container + ".contains(" + Key + ")"));
        return;
      }
    }
    Use.Rewritable = false; // A reference into the map: anything may be stored.
    return;
  }
  case ContainerKind::SharedElements: {
    // `L[I] = P` drops the observer that was there.
    EntryValueUse Value = classifyEntryValue(Subscript, Ctx);
    addEntryValueUse(Value, Use);
    Use.Removal |= Value.Store;
    Use.Rewritable = false;
    return;
  }
  case ContainerKind::WeakElements:
    Use.Insert = true; // `V[I] = W`: a store this analysis does not follow.
    Use.Rewritable = false;
    return;
  }
}

/// Passed to a function: read through a copy or a const reference, let go
/// by the std functions that empty or take over a container, anything
/// otherwise.
void classifyArgument(const CallExpr *Call, const Expr *Child,
                      ContainerUse &Use) {
  Use.Rewritable = false;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (isStdFunction(Callee, {"swap", "erase", "erase_if", "move", "exchange",
                             "remove_if"})) {
    Use.Removal = true;
    return;
  }
  unsigned Shift =
      isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee);
  for (unsigned I = Shift, N = Call->getNumArgs(); I < N; ++I)
    if (Call->getArg(I) == Child && Callee &&
        I - Shift < Callee->getNumParams() &&
        isConstRefOrValue(Callee->getParamDecl(I - Shift)->getType()))
      return;
  Use.Escapes = true;
}

} // namespace

ContainerUse classifyContainerUse(const Expr *Ref, ContainerKind Kind,
                                  ASTContext &Ctx) {
  ContainerUse Use;
  Use.Ref = Ref;
  Use.Loc = Ref->getExprLoc();
  Use.Function = enclosingFunction(Ref, Ctx);
  Use.Rewritable = isRewritable(Ref->getSourceRange(), Ctx.getSourceManager());

  const Expr *Child = nullptr;
  DynTypedNode Parent = meaningfulParent(Ref, Ctx, Child);

  if (const auto *Member = Parent.get<MemberExpr>()) {
    const Expr *CallChild = nullptr;
    const auto *Call =
        meaningfulParent(Member, Ctx, CallChild).get<CXXMemberCallExpr>();
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    if (!Call || !Method || !Method->getIdentifier()) {
      Use.Escapes = true;
      Use.Rewritable = false;
      return Use;
    }
    classifyMemberCall(Call, Member, Kind, Use, Ctx);
    return Use;
  }
  if (const auto *Op = Parent.get<CXXOperatorCallExpr>()) {
    bool IsFirst = Op->getNumArgs() > 0 && Op->getArg(0) == Child;
    if (Op->getOperator() == OO_Subscript && IsFirst) {
      classifySubscript(Op, Kind, Use, Ctx);
      return Use;
    }
    Use.Rewritable = false;
    switch (Op->getOperator()) {
    case OO_Equal:
      // Assigned to: a new container replaces the old entries. Assigned
      // from: a copy, which reads.
      Use.Removal |= IsFirst;
      return Use;
    case OO_EqualEqual:
    case OO_ExclaimEqual:
      return Use;
    case OO_LessLess:
      // Qt's `List << Element` appends.
      if (IsFirst && Op->getNumArgs() == 2 &&
          isQtContainer(Child->getType()->getAsCXXRecordDecl())) {
        Use.Insert = Use.Store = true;
        Use.AddsCallersObject = isCallersObject(Op->getArg(1), Use.Function);
        return Use;
      }
      classifyArgument(Op, Child, Use);
      return Use;
    default:
      classifyArgument(Op, Child, Use);
      return Use;
    }
  }
  if (const auto *Var = Parent.get<VarDecl>()) {
    if (Var->isImplicit()) { // The hidden __range variable of a range-for.
      classifyRangeFor(Var, Kind, Use, Ctx);
      return Use;
    }
    // A copy (a snapshot to notify from) keeps the originals; a non-const
    // reference is another name for the container.
    Use.Rewritable = false;
    QualType T = Var->getType();
    Use.Escapes |=
        T->isReferenceType() && !T.getNonReferenceType().isConstQualified();
    return Use;
  }
  if (const auto *Call = Parent.get<CallExpr>()) {
    classifyArgument(Call, Child, Use);
    return Use;
  }
  if (const auto *Return = Parent.get<ReturnStmt>()) {
    // Returned by value or const reference, for inspection: a read.
    Use.Rewritable = false;
    const FunctionDecl *F = Use.Function;
    QualType Result = F ? F->getReturnType() : QualType();
    Use.Escapes |= Result.isNull() || Result->isPointerType() ||
                   (Result->isReferenceType() &&
                    !Result.getNonReferenceType().isConstQualified());
    (void)Return;
    return Use;
  }
  if (Parent.get<UnaryExprOrTypeTraitExpr>() || Parent.get<DecltypeType>())
    return Use; // Unevaluated.
  if (const auto *Dependent = Parent.get<CXXDependentScopeMemberExpr>()) {
    Use.Rewritable = false;
    if (operationNamed(Dependent->getMember().getAsString()) ==
        ContainerOperation::Removal)
      Use.Removal = true;
    else
      Use.Escapes = true;
    return Use;
  }
  Use.Escapes = true;
  Use.Rewritable = false;
  return Use;
}

} // namespace weakify
