//===--- SelfCaptureCollector.cpp - What a unit says about callables ------===//
//
// What one unit says for weakify-self-capture:
//   callable          a lambda or bound function holding shared_from_this(),
//                     made in a member function, and where it is stored:
//                     a path of members from the object ("path"), or as far
//                     as a member function this unit does not define
//                     ("pending" on what it does with the parameter)
//   parameter         what a member function defined here does with each
//                     parameter that can hold a callable: keeps it ("kept",
//                     with its path, maybe pending itself) or not
//   field             each member on a path: its name and where it lives
//   released          code lets go of a member (released-by-name: a call
//                     such as stop() or cancel() is made on it)
//   emptied-through   some call passes an empty value to this function
//
//===----------------------------------------------------------------------===//

#include "AstNavigation.h"
#include "CallableStorage.h"
#include "ReleasedMembers.h"
#include "SelfCaptureCheck.h"
#include "SelfCaptureFix.h"
#include "TypeFacts.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

// Names of functions that keep the callable they are given, for functions
// whose definition is not visible. One-shot operations (async_*, post,
// dispatch, defer, submit, execute) must not match: they run the handler
// once and drop it. `connect` counts only on a signal (see CallableStorage).
static const char DefaultStoringFunctions[] =
    "^(subscribe|[Ss]et_?[A-Za-z_]*([Cc]allback|[Hh]andler|[Ll]istener|"
    "[Oo]bserver|[Hh]ook)|[Aa]dd_?[A-Za-z_]*([Cc]allback|[Hh]andler|"
    "[Ll]istener|[Oo]bserver|[Hh]ook))$";

SelfCaptureOptions::SelfCaptureOptions(const CheckOptions &Options)
    : StoringFunctions(Options.getOr(SelfCaptureCheck::Name, "StoringFunctions",
                                     DefaultStoringFunctions)) {}

std::map<std::string, std::string> SelfCaptureOptions::values() const {
  return {{"StoringFunctions", StoringFunctions}};
}

namespace {

/// The `this->shared_from_this()` call \p E evaluates to, looking through
/// copies, conversions and the std pointer casts.
const CXXMemberCallExpr *sharedFromThis(const Expr *E, bool &ThroughCast) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Full = dyn_cast<FullExpr>(E)) {
      E = Full->getSubExpr();
    } else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Temp->getSubExpr();
    } else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() != 1 ||
          !sharedPtrPointee(Construct->getType()))
        return nullptr;
      E = Construct->getArg(0);
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (!Method || !Method->getIdentifier() ||
          Method->getName() != "shared_from_this" ||
          !isa<CXXThisExpr>(
              Member->getImplicitObjectArgument()->IgnoreParenImpCasts()))
        return nullptr;
      return Member;
    } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier() ||
          Call->getNumArgs() != 1 ||
          !StringRef(Callee->getName()).ends_with("_pointer_cast"))
        return nullptr;
      ThroughCast = true;
      E = Call->getArg(0);
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

/// The member function whose `this` code in \p DC refers to: lambdas are
/// looked through, local classes are not.
const CXXMethodDecl *objectMethod(const DeclContext *DC) {
  while (DC) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(DC)) {
      if (!isLambdaCallOperator(Method))
        return Method;
    } else if (const auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      if (!RD->isLambda())
        return nullptr;
    } else if (!isa<FunctionDecl>(DC)) {
      return nullptr;
    }
    DC = DC->getParent();
  }
  return nullptr;
}

std::optional<StrongSelf> findStrongSelf(const LambdaExpr *Lambda) {
  for (const LambdaCapture &Capture : Lambda->captures()) {
    // By-reference captures do not own anything.
    if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByCopy)
      continue;
    const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (!Var || isa<ParmVarDecl>(Var) || Var->getType()->isReferenceType() ||
        !(Var->isInitCapture() || Var->hasLocalStorage()) ||
        !sharedPtrPointee(Var->getType()) || !Var->getInit())
      continue;
    StrongSelf Self;
    Self.Call = sharedFromThis(Var->getInit(), Self.ThroughCast);
    if (!Self.Call)
      continue;
    Self.Capture = &Capture;
    Self.Var = Var;
    Self.OwnInitCapture = Lambda->isInitCapture(&Capture);
    return Self;
  }
  return std::nullopt;
}

/// Code in a constructor or destructor never has a working
/// shared_from_this(); only ordinary member functions are judged.
bool judgedMethod(const CXXMethodDecl *Method) {
  return Method && !isa<CXXConstructorDecl, CXXDestructorDecl>(Method);
}

/// Whether a field can be on the way to a callable: one held by value or by
/// std::unique_ptr (not a pointer or reference), or one whose type a
/// template has yet to decide.
bool mayHoldCallables(const FieldDecl *Field) {
  QualType T = Field->getType();
  return !T->isReferenceType() && (T->isRecordType() || T->isDependentType());
}

class SelfCaptureCollector : public Collector {
public:
  explicit SelfCaptureCollector(FactBuilder &Builder) : Builder(Builder) {}

  void registerMatchers(MatchFinder &Finder,
                        MatchFinder::MatchCallback &Callback) override {
    Finder.addMatcher(
        lambdaExpr(unless(isExpansionInSystemHeader())).bind("callable"),
        &Callback);
    Finder.addMatcher(
        callExpr(unless(isExpansionInSystemHeader()),
                 callee(functionDecl(hasAnyName(
                     "::std::bind", "::std::bind_front", "::boost::bind"))))
            .bind("callable"),
        &Callback);
    Finder.addMatcher(
        cxxMethodDecl(isDefinition(), unless(isExpansionInSystemHeader()))
            .bind("method"),
        &Callback);
  }

  void check(const MatchFinder::MatchResult &R) override {
    Ctx = R.Context;
    if (const auto *Callable = R.Nodes.getNodeAs<Expr>("callable"))
      Callables.push_back(Callable);
    else if (const auto *Method = R.Nodes.getNodeAs<CXXMethodDecl>("method"))
      Methods.push_back(Method);
  }

  void finish() override {
    if (!Ctx)
      return;
    for (const Expr *Callable : Callables) {
      if (const auto *Lambda = dyn_cast<LambdaExpr>(Callable))
        addLambda(Lambda);
      else
        addBind(cast<CallExpr>(Callable));
    }
    for (const CXXMethodDecl *Method : Methods)
      addParameters(Method);
    addReleases();
  }

private:
  const char *Check = SelfCaptureCheck::Name;

  void addField(const FieldDecl *Field) {
    if (!NotedFields.insert(Field))
      return;
    Fact F(Check, "field", Builder.identity(Field));
    F.at(Builder.location(Field->getLocation()));
    F.set("name", Field->getNameAsString());
    Builder.describeStorage(Field, F);
    Builder.add(std::move(F));
  }

  /// Sets the attributes that say where \p Storage is.
  void describeStorage(const CallableStorage &Storage, Fact &F) {
    std::vector<std::string> Path;
    for (const FieldDecl *Field : Storage.Path) {
      Path.push_back(Builder.identity(Field));
      addField(Field);
    }
    F.set("path", llvm::join(Path, " "));
    F.flag("slot-known", Storage.SlotKnown);
    F.set("store-loc", encodeLocation(Builder.location(Storage.StoreLoc)));
    if (Storage.Pending) {
      F.set("pending", Builder.exactIdentity(Storage.Pending) + "#" +
                           std::to_string(Storage.PendingIndex));
      F.set("pending-name", Storage.Pending->getNameAsString());
      F.flag("signal", Storage.PendingOnSignal);
    }
  }

  void addCallable(SourceLocation Loc, llvm::StringRef Class,
                   const CallableStorage &Storage, llvm::StringRef Noun,
                   const std::string &Holder, llvm::StringRef Advice,
                   SourceLocation StrongLoc, const std::string &StrongNote,
                   llvm::ArrayRef<FixItHint> Fixes) {
    Location At = Builder.location(Loc);
    Fact F(Check, "callable", encodeLocation(At));
    F.at(At);
    F.set("class", Class);
    F.set("noun", Noun);
    F.set("holder", Holder);
    F.set("advice", Advice);
    F.set("strong-loc", encodeLocation(Builder.location(StrongLoc)));
    F.set("strong-note", StrongNote);
    describeStorage(Storage, F);
    if (Storage.Callee) {
      F.set("callee", Builder.exactIdentity(Storage.Callee));
      F.set("callee-name", Storage.Callee->getNameAsString());
      F.set("handoff-loc",
            encodeLocation(Builder.location(Storage.HandOffLoc)));
    }
    if (!Builder.edits(Fixes, F.Edits))
      F.Edits.clear();
    Builder.add(std::move(F));
  }

  /// Where \p Callable is kept, as far as this unit can tell; nothing when
  /// not in something the object owns.
  std::optional<CallableStorage> storageOf(const Expr *Callable) {
    std::optional<CallableStorage> Storage = ownedStorageOf(Callable, *Ctx);
    if (!Storage || (Storage->Path.empty() && !Storage->Pending))
      return std::nullopt;
    return Storage;
  }

  void addLambda(const LambdaExpr *Lambda) {
    const SourceManager &SM = Ctx->getSourceManager();
    SourceLocation Begin = Lambda->getBeginLoc();
    if (Begin.isInvalid() || Begin.isMacroID() || SM.isInSystemHeader(Begin))
      return;
    std::optional<StrongSelf> Self = findStrongSelf(Lambda);
    if (!Self)
      return addCapturedOwner(Lambda);
    // The pointer must be to the very object that keeps the lambda: both
    // `this` are the same member function's.
    const CXXMethodDecl *Method =
        objectMethod(Lambda->getLambdaClass()->getDeclContext());
    if (!judgedMethod(Method) ||
        Method != objectMethod(Self->Var->getDeclContext()))
      return;
    std::optional<CallableStorage> Storage = storageOf(Lambda);
    if (!Storage)
      return;
    // An implicit capture is reported at its `=`, where the lambda says so.
    SourceLocation Loc = Self->Capture->isImplicit()
                             ? Lambda->getCaptureDefaultLoc()
                             : Self->Capture->getLocation();
    if (Loc.isInvalid())
      return;
    std::string Class = Method->getParent()->getNameAsString();
    std::string Var = Self->Var->getNameAsString();
    addCallable(Loc, Method->getParent()->getName(), *Storage, "lambda",
                "its capture '" + Var + "' (shared_from_this())",
                "capture weak_from_this() and lock it inside the lambda",
                Self->Call->getExprLoc(),
                Self->OwnInitCapture
                    ? "the strong reference to the '" + Class + "' is made here"
                    : "'" + Var + "' holds a strong reference to the '" +
                          Class + "', made here",
                lockFix(Lambda, *Self, *Ctx));
  }

  /// A lambda that copies a strong pointer to some object X (`[Session]`)
  /// and is stored in X, or in something X owns:
  /// `Session->OnMessage = [Session] {...};`, wherever that code is.
  void addCapturedOwner(const LambdaExpr *Lambda) {
    for (const LambdaCapture &Capture : Lambda->captures()) {
      if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByCopy)
        continue;
      const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
      std::optional<QualType> Pointee =
          Var ? sharedPtrPointee(Var->getType().getNonReferenceType())
              : std::nullopt;
      const CXXRecordDecl *Class =
          Pointee ? (*Pointee)->getAsCXXRecordDecl() : nullptr;
      if (!Class || !Class->getIdentifier() ||
          (!Var->hasLocalStorage() && !Var->isInitCapture()))
        continue;
      std::optional<CallableStorage> Storage =
          ownedStorageOf(Lambda, *Ctx, Var);
      if (!Storage || (Storage->Path.empty() && !Storage->Pending))
        continue;
      SourceLocation Loc = Capture.isImplicit() ? Lambda->getCaptureDefaultLoc()
                                                : Capture.getLocation();
      if (Loc.isInvalid())
        return;
      std::string Name = Var->getNameAsString();
      addCallable(Loc, Class->getName(), *Storage, "lambda",
                  "its capture '" + Name + "'",
                  "capture a std::weak_ptr to it and lock it inside the "
                  "lambda",
                  Capture.getLocation(),
                  "'" + Name + "' holds a strong reference to the '" +
                      Class->getName().str() + "'",
                  {});
      return;
    }
  }

  void addBind(const CallExpr *Bind) {
    const SourceManager &SM = Ctx->getSourceManager();
    SourceLocation Begin = Bind->getBeginLoc();
    if (Begin.isInvalid() || Begin.isMacroID() || SM.isInSystemHeader(Begin) ||
        !isBindCall(Bind))
      return;
    const FunctionDecl *Function = enclosingFunction(Bind, *Ctx);
    const CXXMethodDecl *Method = Function ? objectMethod(Function) : nullptr;
    if (!judgedMethod(Method))
      return;
    // A bound argument is a copy: shared_from_this() itself, or a local
    // initialised from it (std::ref(self) is not a copy and is not matched).
    const Expr *Strong = nullptr;
    const CXXMemberCallExpr *Call = nullptr;
    const VarDecl *Var = nullptr;
    for (unsigned I = 1; I < Bind->getNumArgs() && !Call; ++I) {
      const Expr *Arg = Bind->getArg(I);
      bool ThroughCast = false;
      if ((Call = sharedFromThis(Arg, ThroughCast))) {
        Strong = Arg;
        break;
      }
      const auto *Ref = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
      const auto *Local = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      if (!Local || isa<ParmVarDecl>(Local) || !Local->hasLocalStorage() ||
          Local->getType()->isReferenceType() ||
          !sharedPtrPointee(Local->getType()) || !Local->getInit())
        continue;
      if ((Call = sharedFromThis(Local->getInit(), ThroughCast)) &&
          objectMethod(Local->getDeclContext()) == Method) {
        Strong = Arg;
        Var = Local;
      } else {
        Call = nullptr;
      }
    }
    if (!Call)
      return;
    std::optional<CallableStorage> Storage = storageOf(Bind);
    if (!Storage)
      return;
    std::string Class = Method->getParent()->getNameAsString();
    std::string Holder =
        Var ? "its bound argument '" + Var->getNameAsString() + "'"
            : std::string("its bound argument shared_from_this()");
    addCallable(
        Strong->getBeginLoc(), Class, *Storage, "bound function", Holder,
        "bind a lambda that captures weak_from_this() and locks it "
        "instead",
        Call->getExprLoc(),
        Var ? "'" + Var->getNameAsString() +
                  "' holds a strong reference to the '" + Class + "', made here"
            : "the strong reference to the '" + Class + "' is made here",
        {});
  }

  /// What \p Method does with each parameter that can hold a callable, for
  /// the callables other units hand to it.
  void addParameters(const CXXMethodDecl *Method) {
    if (Method->isDependentContext() || !Method->hasBody())
      return;
    for (unsigned I = 0; I < Method->getNumParams(); ++I) {
      if (!typeHoldsCallable(Method->getParamDecl(I)->getType()))
        continue;
      Fact F(Check, "parameter",
             Builder.exactIdentity(Method) + "#" + std::to_string(I));
      if (std::optional<CallableStorage> Storage =
              parameterStorage(Method, I, *Ctx)) {
        F.flag("kept");
        describeStorage(*Storage, F);
      }
      Builder.add(std::move(F));
    }
  }

  void addReleases() {
    ReleasedMembers Released = findReleasedMembers(*Ctx);
    for (const FieldDecl *Field : Released.Released)
      if (mayHoldCallables(Field))
        Builder.add(Fact(Check, "released", Builder.identity(Field)));
    for (const FieldDecl *Field : Released.ReleasedByName)
      if (mayHoldCallables(Field))
        Builder.add(Fact(Check, "released-by-name", Builder.identity(Field)));
    for (const FunctionDecl *Function : Released.EmptiedThrough)
      if (llvm::any_of(Function->parameters(), [](const ParmVarDecl *P) {
            return typeHoldsCallable(P->getType());
          }))
        Builder.add(
            Fact(Check, "emptied-through", Builder.exactIdentity(Function)));
  }

  FactBuilder &Builder;
  ASTContext *Ctx = nullptr;
  std::vector<const Expr *> Callables;
  std::vector<const CXXMethodDecl *> Methods;
  llvm::SetVector<const FieldDecl *> NotedFields;
};

} // namespace

std::unique_ptr<Collector>
SelfCaptureCheck::collector(const SelfCaptureOptions &, FactBuilder &Builder) {
  return std::make_unique<SelfCaptureCollector>(Builder);
}

} // namespace weakify
