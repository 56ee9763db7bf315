//===--- CallableStorage.cpp - Where does an object keep a callable? ------===//

#include "CallableStorage.h"
#include "AstNavigation.h"
#include "TypeFacts.h"
#include "ValueFacts.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

// Deep enough for a setter that forwards to a member's setter; bounded so
// that mutually recursive functions end.
static constexpr unsigned MaxDepth = 4;

static bool isUniquePtr(QualType T) {
  return uniquePtrPointee(T.getNonReferenceType()).has_value();
}

static bool typeHoldsCallable(QualType T, unsigned Depth);
bool typeHoldsCallable(QualType T) { return typeHoldsCallable(T, 0); }

/// A constructed object that keeps the callable it is made from: one whose
/// type can hold a callable (see typeHoldsCallable). Anything else (a
/// thread, a future, an object that merely runs it in its constructor) is
/// not assumed to.
static bool keepsConstructorArgument(const CXXConstructExpr *Construct) {
  return typeHoldsCallable(Construct->getType());
}

/// Nodes a callable passes through on its way to storage without being
/// consumed: conversions, temporaries, std::move, pairs, braced lists.
static bool isCarrier(const Stmt *S) {
  if (isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
          CXXBindTemporaryExpr, FullExpr, CXXFunctionalCastExpr, InitListExpr,
          CXXStdInitializerListExpr>(S))
    return true;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
    return keepsConstructorArgument(Construct);
  if (const auto *Call = dyn_cast<CallExpr>(S))
    return !isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call) &&
           isStdFunction(Call->getDirectCallee(),
                         {"move", "forward", "make_pair", "make_tuple"});
  return false;
}

const Expr *stripCarriers(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Full = dyn_cast<FullExpr>(E))
      E = Full->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
             Construct && Construct->getNumArgs() == 1 &&
             keepsConstructorArgument(Construct))
      E = Construct->getArg(0);
    else if (const auto *Call = dyn_cast<CallExpr>(E);
             Call && Call->getNumArgs() == 1 &&
             isStdFunction(Call->getDirectCallee(), {"move", "forward"}))
      E = Call->getArg(0);
    else
      return E;
  }
}

/// Fields from `this` down to \p E when the object owns what \p E names:
/// only value members, unique owners (std::unique_ptr and its kin) and raw
/// pointers the destructor deletes (a pimpl); another raw pointer, a
/// reference or a std::shared_ptr member points at something the object may
/// share.
/// The variable \p Var copies its strong pointer from, through copies
/// (`auto Keep = Session;`), or \p Var itself.
static const VarDecl *originalPointer(const VarDecl *Var) {
  for (int Depth = 0; Var && Depth < 4; ++Depth) {
    const Expr *Init = Var->getInit();
    if (!Init)
      break;
    const Expr *E = Init->IgnoreImplicit();
    while (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() != 1)
        break;
      E = Construct->getArg(0)->IgnoreImplicit();
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *From = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!From || !sharedPtrPointee(From->getType().getNonReferenceType()))
      break;
    Var = From;
  }
  return Var;
}

static bool ownedPath(const Expr *E, std::vector<const FieldDecl *> &Path,
                      const VarDecl *Root = nullptr) {
  E = E->IgnoreParenImpCasts();
  if (Root) {
    // The object a strong pointer variable points to: `Root->`, `*Root`.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
        Op->getNumArgs() == 1)
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts()))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
            Var && originalPointer(Var) == originalPointer(Root))
          return true;
  } else if (isa<CXXThisExpr>(E)) {
    return true;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field || Field->getType()->isReferenceType() ||
        (Field->getType()->isPointerType() && !isDeletedByDestructor(Field)))
      return false;
    if (!ownedPath(Member->getBase(), Path, Root))
      return false;
    Path.push_back(Field);
    return true;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if ((Op->getOperator() != OO_Arrow && Op->getOperator() != OO_Star) ||
        Op->getNumArgs() != 1)
      return false;
    const Expr *Pointer = Op->getArg(0)->IgnoreParenImpCasts();
    return isUniquePtr(Pointer->getType()) && ownedPath(Pointer, Path, Root);
  }
  return false;
}

/// Owned storage named by the left side of an assignment: a member, or an
/// element of a member container (`Handlers[Key] = ...`).
static bool ownedAssignee(const Expr *LHS, std::vector<const FieldDecl *> &Path,
                          const VarDecl *Root) {
  LHS = LHS->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(LHS);
      Op && Op->getOperator() == OO_Subscript)
    LHS = Op->getArg(0);
  else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(LHS))
    LHS = Subscript->getBase();
  return ownedPath(LHS, Path, Root) && !Path.empty();
}

static bool isInsertName(StringRef Name) {
  static constexpr StringRef Names[] = {
      "push_back",        "emplace_back", "push_front",   "emplace_front",
      "insert",           "emplace",      "emplace_hint", "try_emplace",
      "insert_or_assign", "push",         "push_range"};
  return llvm::is_contained(Names, Name);
}

/// Whether a value of type \p T can keep a callable: a closure, a
/// std::function, a callable wrapper, or an aggregate of those (a pair, a
/// struct with such a member). A std::thread cannot: it drops its function
/// when it returns.
static bool typeHoldsCallable(QualType T, unsigned Depth) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || Depth > 2)
    return false;
  if (RD->isLambda())
    return true;
  if (!RD->getIdentifier())
    return false;
  StringRef Name = RD->getName();
  if (RD->isInStdNamespace()) {
    if (llvm::is_contained(
            {"function", "move_only_function", "copyable_function"}, Name))
      return true;
    if (!llvm::is_contained({"pair", "tuple", "optional", "variant"}, Name))
      return false;
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
    if (!Spec)
      return false;
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
      if (Arg.getKind() == TemplateArgument::Type &&
          typeHoldsCallable(Arg.getAsType(), Depth + 1))
        return true;
      if (Arg.getKind() == TemplateArgument::Pack)
        for (const TemplateArgument &Item : Arg.pack_elements())
          if (Item.getKind() == TemplateArgument::Type &&
              typeHoldsCallable(Item.getAsType(), Depth + 1))
            return true;
    }
    return false;
  }
  std::string Lower = Name.lower();
  for (StringRef Word : {"function", "callback", "handler", "delegate", "slot",
                         "closure", "action", "task", "hook"})
    if (StringRef(Lower).contains(Word))
      return true;
  if (!RD->hasDefinition())
    return false;
  for (const FieldDecl *Field : RD->getDefinition()->fields())
    if (typeHoldsCallable(Field->getType(), Depth + 1))
      return true;
  return false;
}

/// A standard container whose elements can keep a callable.
static bool containerHoldsCallables(const CXXRecordDecl *Container) {
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Container);
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    if (Arg.getKind() == TemplateArgument::Type &&
        typeHoldsCallable(Arg.getAsType()))
      return true;
  return false;
}

static bool receiverIsSignal(const CXXMemberCallExpr *Call) {
  const CXXRecordDecl *RD = Call->getMethodDecl()->getParent();
  return RD->getIdentifier() &&
         RD->getName().lower().find("signal") != std::string::npos;
}

static std::optional<CallableStorage> storageOf(const Expr *Value,
                                                ASTContext &Ctx, unsigned Depth,
                                                const VarDecl *Root = nullptr);

/// Storage of parameter \p Index of \p Callee, relative to the callee's
/// object: what its visible body does with the argument.
static std::optional<CallableStorage>
parameterStorage(const FunctionDecl *Callee, unsigned Index, ASTContext &Ctx,
                 unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (!Callee->hasBody(Def) || Index >= Def->getNumParams())
    return std::nullopt;
  const ParmVarDecl *Param = Def->getParamDecl(Index);
  auto Uses = match(findAll(declRefExpr(to(equalsNode(Param))).bind("use")),
                    *Def->getBody(), Ctx);
  for (const BoundNodes &Use : Uses)
    if (auto Found = storageOf(Use.getNodeAs<Expr>("use"), Ctx, Depth + 1))
      return Found;
  return std::nullopt;
}

std::optional<CallableStorage>
parameterStorage(const CXXMethodDecl *Method, unsigned Index, ASTContext &Ctx) {
  return parameterStorage(Method, Index, Ctx, 0);
}

/// The callable \p Child is argument \p Call's argument; is it kept by the
/// object the call is made on, which the enclosing object owns?
static std::optional<CallableStorage>
handedToMember(const CXXMemberCallExpr *Call, const Expr *Child,
               ASTContext &Ctx, unsigned Depth, const VarDecl *Root) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  if (!Method)
    return std::nullopt;
  std::vector<const FieldDecl *> Receiver;
  if (!ownedPath(Call->getImplicitObjectArgument(), Receiver, Root))
    return std::nullopt;
  unsigned Index = 0;
  while (Index < Call->getNumArgs() && Call->getArg(Index) != Child)
    ++Index;
  if (Index == Call->getNumArgs())
    return std::nullopt;
  StringRef Name = Method->getIdentifier() ? Method->getName() : "";

  CallableStorage Result;
  Result.Callee = Method;
  Result.HandOffLoc = Call->getExprLoc();
  // A standard container keeps what is inserted into it.
  if (Method->getParent()->isInStdNamespace()) {
    if (!isInsertName(Name) || Receiver.empty() ||
        !containerHoldsCallables(Method->getParent()))
      return std::nullopt;
    Result.Path = std::move(Receiver);
    Result.SlotKnown = true;
    Result.Callee = nullptr;
    Result.StoreLoc = Call->getExprLoc();
    return Result;
  }
  // A visible definition decides; system headers (asio, the standard
  // library) are not read: their one-shot operations queue and drop the
  // handler in ways not worth following.
  const FunctionDecl *Def = nullptr;
  const SourceManager &SM = Ctx.getSourceManager();
  if (Method->hasBody(Def) &&
      !SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation()))) {
    auto Inner = parameterStorage(Method, Index, Ctx, Depth);
    if (!Inner)
      return std::nullopt;
    Result.Path = std::move(Receiver);
    Result.Path.insert(Result.Path.end(), Inner->Path.begin(),
                       Inner->Path.end());
    Result.SlotKnown = Inner->SlotKnown;
    Result.StoreLoc = Inner->StoreLoc;
    Result.Pending = Inner->Pending;
    Result.PendingIndex = Inner->PendingIndex;
    Result.PendingOnSignal = Inner->PendingOnSignal;
    return Result;
  }
  // Otherwise what the function does is for the unit defining it to say
  // (or, when none does, its name).
  Result.Path = std::move(Receiver);
  Result.SlotKnown = false;
  Result.StoreLoc = Call->getExprLoc();
  Result.Pending = Method;
  Result.PendingIndex = Index;
  Result.PendingOnSignal = receiverIsSignal(Call);
  return Result;
}

static std::optional<CallableStorage> storageOf(const Expr *Value,
                                                ASTContext &Ctx, unsigned Depth,
                                                const VarDecl *Root) {
  if (Depth > MaxDepth)
    return std::nullopt;
  DynTypedNode Node = DynTypedNode::create(*Value);
  const Expr *Child = Value;
  DynTypedNode Parent = parentOf(Node, Ctx);
  while (const auto *S = Parent.get<Stmt>()) {
    if (!isCarrier(S))
      break;
    Child = cast<Expr>(S);
    Parent = parentOf(Parent, Ctx);
  }

  // `Member = callable`, `Map[Key] = callable`.
  const Expr *LHS = nullptr, *RHS = nullptr;
  SourceLocation AssignLoc;
  if (const auto *Op = Parent.get<CXXOperatorCallExpr>();
      Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
    LHS = Op->getArg(0);
    RHS = Op->getArg(1);
    AssignLoc = Op->getOperatorLoc();
  } else if (const auto *Bin = Parent.get<BinaryOperator>();
             Bin && Bin->getOpcode() == BO_Assign) {
    LHS = Bin->getLHS();
    RHS = Bin->getRHS();
    AssignLoc = Bin->getOperatorLoc();
  }
  if (RHS && RHS == Child) {
    CallableStorage Result;
    if (!ownedAssignee(LHS, Result.Path, Root))
      return std::nullopt;
    Result.SlotKnown = true;
    Result.StoreLoc = AssignLoc;
    return Result;
  }

  if (const auto *Call = Parent.get<CXXMemberCallExpr>())
    return handedToMember(Call, Child, Ctx, Depth, Root);

  // `auto Callback = [self] {...};` then `Callbacks.push_back(Callback)`.
  if (const auto *Var = Parent.get<VarDecl>()) {
    if (!Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
        Var->getType()->isReferenceType() || Var->getInit() == nullptr)
      return std::nullopt;
    const auto *Function = dyn_cast<FunctionDecl>(Var->getDeclContext());
    if (!Function || !Function->getBody())
      return std::nullopt;
    auto Uses = match(findAll(declRefExpr(to(equalsNode(Var))).bind("use")),
                      *Function->getBody(), Ctx);
    for (const BoundNodes &Use : Uses)
      if (auto Found =
              storageOf(Use.getNodeAs<Expr>("use"), Ctx, Depth + 1, Root))
        return Found;
  }
  return std::nullopt;
}

std::optional<CallableStorage>
ownedStorageOf(const Expr *Value, ASTContext &Ctx, const VarDecl *Root) {
  return storageOf(Value, Ctx, 0, Root);
}

bool isBindCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier())
    return false;
  StringRef Name = Callee->getName();
  if (Callee->isInStdNamespace())
    return Name == "bind" || Name == "bind_front";
  const auto *NS = dyn_cast<NamespaceDecl>(Callee->getDeclContext());
  return Name == "bind" && NS && NS->getIdentifier() &&
         NS->getName() == "boost" && NS->getParent()->isTranslationUnit();
}

} // namespace weakify
