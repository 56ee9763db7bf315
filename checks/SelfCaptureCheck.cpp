//===--- SelfCaptureCheck.cpp - weakify-self-capture ----------------------===//

#include "SelfCaptureCheck.h"
#include "AstNavigation.h"
#include "StorageVisibility.h"
#include "TypeFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

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

SelfCaptureCheck::SelfCaptureCheck(StringRef Name, CheckContext &Context)
    : WeakifyCheck(Name, Context),
      StoringFunctions(option("StoringFunctions", DefaultStoringFunctions)),
      StoringRegex(StoringFunctions) {}

std::map<std::string, std::string> SelfCaptureCheck::options() const {
  return {{"StoringFunctions", StoringFunctions}};
}

void SelfCaptureCheck::registerMatchers(MatchFinder &Finder,
                                        MatchFinder::MatchCallback &Callback) {
  Finder.addMatcher(
      lambdaExpr(unless(isExpansionInSystemHeader())).bind("callable"),
      &Callback);
  Finder.addMatcher(
      callExpr(unless(isExpansionInSystemHeader()),
               callee(functionDecl(hasAnyName("::std::bind", "::std::bind_front",
                                              "::boost::bind"))))
          .bind("callable"),
      &Callback);
}

void SelfCaptureCheck::check(const MatchFinder::MatchResult &R) {
  Ctx = R.Context;
  if (const auto *Callable = R.Nodes.getNodeAs<Expr>("callable"))
    Callables.push_back(Callable);
}

namespace {
/// A by-copy capture holding a std::shared_ptr to the enclosing object.
struct StrongSelf {
  const LambdaCapture *Capture = nullptr;
  const VarDecl *Var = nullptr;
  /// The shared_from_this() call the variable is initialised from.
  const CXXMemberCallExpr *Call = nullptr;
  /// Through std::static_pointer_cast and friends: no fix-it then.
  bool ThroughCast = false;
  /// `[self = shared_from_this()]` in this very lambda.
  bool OwnInitCapture = false;
};
} // namespace

/// The `this->shared_from_this()` call \p E evaluates to, looking through
/// copies, conversions and the std pointer casts.
static const CXXMemberCallExpr *sharedFromThis(const Expr *E,
                                               bool &ThroughCast) {
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
static const CXXMethodDecl *objectMethod(const DeclContext *DC) {
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

static std::optional<StrongSelf> findStrongSelf(const LambdaExpr *Lambda) {
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

static std::string joinPath(const std::vector<const FieldDecl *> &Path) {
  std::string Text;
  for (const FieldDecl *Field : Path) {
    if (!Text.empty())
      Text += ".";
    Text += Field->getNameAsString();
  }
  return Text;
}

//===----------------------------------------------------------------------===//
// The fix-it
//===----------------------------------------------------------------------===//

/// `weak_self` for `self`, `WeakSelf` for `Self`, `weakMe` for `me`... not
/// spelled anywhere in the lambda.
static std::string weakName(StringRef Name, StringRef LambdaText) {
  std::string Base;
  if (!Name.empty() && isUppercase(Name[0]))
    Base = "Weak" + Name.str();
  else if (Name.contains('_') || Name.lower() == Name)
    Base = "weak_" + Name.str();
  else
    Base = "weak" + std::string(1, toUppercase(Name[0])) + Name.drop_front().str();
  llvm::StringSet<> Spelled;
  for (size_t I = 0; I < LambdaText.size();) {
    if (isAsciiIdentifierStart(LambdaText[I])) {
      size_t J = I;
      while (J < LambdaText.size() && isAsciiIdentifierContinue(LambdaText[J]))
        ++J;
      Spelled.insert(LambdaText.slice(I, J));
      I = J;
    } else {
      ++I;
    }
  }
  std::string Candidate = Base;
  for (unsigned N = 2; Spelled.count(Candidate); ++N)
    Candidate = Base + std::to_string(N);
  return Candidate;
}

/// Whether the lambda returns nothing, so an early `return;` is its whole
/// answer when the object is gone.
static bool returnsVoid(const LambdaExpr *Lambda, ASTContext &Ctx) {
  const CXXMethodDecl *Call = Lambda->getCallOperator();
  QualType Result = Call->getReturnType();
  if (Result->isVoidType())
    return true;
  // A generic lambda's deduced result: void when no return has a value
  // (nested lambdas' returns count too, which only costs a fix-it).
  if (Lambda->hasExplicitResultType() || !Result->isUndeducedAutoType())
    return false;
  return match(findAll(returnStmt(has(expr()))), *Lambda->getBody(), Ctx)
      .empty();
}

/// The token at \p Loc, when it is written in a file and spells \p Text.
static bool tokenIs(SourceLocation Loc, StringRef Text, const SourceManager &SM,
                    const LangOptions &LO) {
  if (Loc.isInvalid() || Loc.isMacroID())
    return false;
  return sourceText(SourceRange(Loc, Loc), SM, LO) == Text;
}

static std::vector<FixItHint> lockFix(const LambdaExpr *Lambda,
                                      const StrongSelf &Self, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  if (!LO.CPlusPlus17 || Self.ThroughCast || Self.Capture->isImplicit() ||
      !returnsVoid(Lambda, Ctx) || !isRewritable(Lambda->getSourceRange(), SM))
    return {};
  // weak_from_this() (C++17) must exist and give back the same type.
  const CXXRecordDecl *Base = Self.Call->getMethodDecl()->getParent();
  if (!Base->isInStdNamespace() || !Base->getIdentifier() ||
      Base->getName() != "enable_shared_from_this" ||
      Base->lookup(&Ctx.Idents.get("weak_from_this")).empty())
    return {};
  if (Ctx.getCanonicalType(Self.Var->getType().getUnqualifiedType()) !=
      Ctx.getCanonicalType(Self.Call->getType().getUnqualifiedType()))
    return {};
  // `weak_from_this()` in a new init-capture needs `this` where the lambda
  // is written: directly in the member function.
  if (!Self.OwnInitCapture) {
    const auto *Method =
        dyn_cast<CXXMethodDecl>(Lambda->getLambdaClass()->getDeclContext());
    if (!Method || isLambdaCallOperator(Method))
      return {};
  }
  const CompoundStmt *Body = Lambda->getCompoundStmtBody();
  if (!Body || Body->body_empty())
    return {};
  SourceLocation First = (*Body->body_begin())->getBeginLoc();
  if (First.isInvalid() || First.isMacroID())
    return {};

  std::string Name = Self.Var->getNameAsString();
  std::string Weak = weakName(
      Name, sourceText(Lambda->getSourceRange(), SM, LO));
  SourceLocation NameLoc = Self.Capture->getLocation();
  if (!tokenIs(NameLoc, Name, SM, LO))
    return {};

  std::vector<FixItHint> Fixes;
  if (Self.OwnInitCapture) {
    const auto *Callee = dyn_cast<MemberExpr>(Self.Call->getCallee());
    if (!Callee || !tokenIs(Callee->getMemberLoc(), "shared_from_this", SM, LO))
      return {};
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(NameLoc), Weak));
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Callee->getMemberLoc()),
        "weak_from_this"));
  } else {
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(NameLoc),
        Weak + " = weak_from_this()"));
  }

  // Match the body's layout: one line stays one line.
  std::string Lock = "auto " + Name + " = " + Weak + ".lock();";
  std::string Text;
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(SM.getFileID(First), &Invalid);
  unsigned Offset = SM.getFileOffset(First);
  size_t LineStart = Buffer.rfind('\n', Offset);
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  StringRef Indent = Buffer.slice(LineStart, Offset);
  bool OwnLine = !Invalid && Indent.find_first_not_of(" \t") == StringRef::npos &&
                 SM.getSpellingLineNumber(Body->getLBracLoc()) !=
                     SM.getSpellingLineNumber(First);
  if (OwnLine)
    Text = Lock + "\n" + Indent.str() + "if (!" + Name + ")\n" + Indent.str() +
           "  return;\n" + Indent.str();
  else
    Text = Lock + " if (!" + Name + ") return; ";
  Fixes.push_back(FixItHint::CreateInsertion(First, Text));
  return Fixes;
}

//===----------------------------------------------------------------------===//
// Analysis
//===----------------------------------------------------------------------===//

std::optional<CallableStorage>
SelfCaptureCheck::keptStorage(const Expr *Callable) {
  const SourceManager &SM = Ctx->getSourceManager();
  std::optional<CallableStorage> Storage =
      ownedStorageOf(Callable, *Ctx, StoringRegex);
  if (!Storage || Storage->Path.empty())
    return std::nullopt;
  // "Never released" is a claim about every access to each member on the
  // way: all of them must be in this unit.
  for (const FieldDecl *Field : Storage->Path)
    if (!allAccessesVisible(Field, SM))
      return std::nullopt;
  if (!Releases.built())
    Releases.build(*Ctx);
  for (const FieldDecl *Field : Storage->Path)
    if (Releases.isReleased(Field, /*ByName=*/!Storage->SlotKnown))
      return std::nullopt;
  if (Storage->Callee && Releases.isEmptiedThrough(Storage->Callee))
    return std::nullopt;
  return Storage;
}

/// The warning and its notes, for a lambda or a bound function (\p Noun)
/// that holds the object through \p Holder.
static Finding describe(SourceLocation Loc, StringRef Class, StringRef Noun,
                        StringRef Holder, StringRef Advice,
                        const CallableStorage &Storage,
                        FindingNote StrongNote) {
  std::string Path = joinPath(Storage.Path);
  std::string CalleeName =
      Storage.Callee ? Storage.Callee->getNameAsString() : std::string();
  Finding F;
  F.Loc = Loc;
  std::string Owns =
      Storage.SlotKnown
          ? "'" + Class.str() + "' owns the " + Noun.str() + " stored in '" +
                Path + "'"
          : "'" + Class.str() + "' owns '" + Path + "', which keeps the " +
                Noun.str() + " handed to its '" + CalleeName + "'";
  F.Message = Owns + ", and the " + Noun.str() + " owns the '" + Class.str() +
              "' through " + Holder.str() +
              ": neither is ever destroyed; " + Advice.str();
  F.Notes.push_back(std::move(StrongNote));
  if (Storage.Callee)
    F.Notes.push_back({Storage.HandOffLoc, "the " + Noun.str() +
                                               " is handed to '" + CalleeName +
                                               "' here"});
  if (Storage.SlotKnown) {
    const FieldDecl *Slot = Storage.Path.back();
    F.Notes.push_back({Storage.StoreLoc, "the " + Noun.str() +
                                             " is stored in '" +
                                             Slot->getNameAsString() +
                                             "' here"});
    F.Notes.push_back({Slot->getLocation(),
                       "nothing releases '" + Slot->getNameAsString() +
                           "' before the destructor (no reset, clear, erase, "
                           "move or reassignment)"});
  } else {
    const FieldDecl *Receiver = Storage.Path.back();
    F.Notes.push_back({Receiver->getLocation(),
                       "'" + CalleeName + "' is taken to keep its argument "
                       "(by its name), and nothing stops, clears, resets or "
                       "disconnects '" + Receiver->getNameAsString() +
                           "' before the destructor"});
  }
  return F;
}

/// Code in a constructor or destructor never has a working
/// shared_from_this(); only ordinary member functions are judged.
static bool judgedMethod(const CXXMethodDecl *Method) {
  return Method && !isa<CXXConstructorDecl, CXXDestructorDecl>(Method);
}

void SelfCaptureCheck::analyzeLambda(const LambdaExpr *Lambda) {
  const SourceManager &SM = Ctx->getSourceManager();
  SourceLocation Begin = Lambda->getBeginLoc();
  if (Begin.isInvalid() || Begin.isMacroID() || SM.isInSystemHeader(Begin))
    return;
  std::optional<StrongSelf> Self = findStrongSelf(Lambda);
  if (!Self)
    return;
  // The pointer must be to the very object that keeps the lambda: both
  // `this` are the same member function's.
  const CXXMethodDecl *Method =
      objectMethod(Lambda->getLambdaClass()->getDeclContext());
  if (!judgedMethod(Method) ||
      Method != objectMethod(Self->Var->getDeclContext()))
    return;
  std::optional<CallableStorage> Storage = keptStorage(Lambda);
  if (!Storage)
    return;
  // An implicit capture is reported at its `=`, where the lambda says so.
  SourceLocation Loc = Self->Capture->isImplicit()
                           ? Lambda->getCaptureDefaultLoc()
                           : Self->Capture->getLocation();
  if (Loc.isInvalid() || !ReportedLocations.insert(Loc.getRawEncoding()).second)
    return;

  std::string Class = Method->getParent()->getNameAsString();
  std::string Var = Self->Var->getNameAsString();
  FindingNote Strong{
      Self->Call->getExprLoc(),
      Self->OwnInitCapture
          ? "the strong reference to the '" + Class + "' is made here"
          : "'" + Var + "' holds a strong reference to the '" + Class +
                "', made here"};
  Finding F = describe(Loc, Class, "lambda",
                       "its capture '" + Var + "' (shared_from_this())",
                       "capture weak_from_this() and lock it inside the lambda",
                       *Storage, std::move(Strong));
  F.Fixes = lockFix(Lambda, *Self, *Ctx);
  report(std::move(F));
}

void SelfCaptureCheck::analyzeBind(const CallExpr *Bind) {
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
  std::optional<CallableStorage> Storage = keptStorage(Bind);
  if (!Storage)
    return;
  SourceLocation Loc = Strong->getBeginLoc();
  if (Loc.isInvalid() || !ReportedLocations.insert(Loc.getRawEncoding()).second)
    return;

  std::string Class = Method->getParent()->getNameAsString();
  std::string Holder =
      Var ? "its bound argument '" + Var->getNameAsString() + "'"
          : std::string("its bound argument shared_from_this()");
  FindingNote StrongNote{
      Call->getExprLoc(),
      Var ? "'" + Var->getNameAsString() + "' holds a strong reference to "
                "the '" + Class + "', made here"
          : "the strong reference to the '" + Class + "' is made here"};
  report(describe(Loc, Class, "bound function", Holder,
                  "bind a lambda that captures weak_from_this() and locks it "
                  "instead",
                  *Storage, std::move(StrongNote)));
}

void SelfCaptureCheck::onEndOfTranslationUnit() {
  if (Ctx)
    for (const Expr *Callable : Callables) {
      if (const auto *Lambda = dyn_cast<LambdaExpr>(Callable))
        analyzeLambda(Lambda);
      else
        analyzeBind(cast<CallExpr>(Callable));
    }
  Callables.clear();
  Releases.reset();
  ReportedLocations.clear();
  Ctx = nullptr;
}

} // namespace weakify
