//===--- OwningSideTableCheck.cpp - weakify-owning-side-table -------------===//

#include "OwningSideTableCheck.h"
#include "AstNavigation.h"
#include "ContainerFix.h"
#include "StorageVisibility.h"
#include "TypeFacts.h"
#include "RuntimeSpelling.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

static const char DefaultMapTypes[] = "::std::map;::std::unordered_map";

OwningSideTableCheck::OwningSideTableCheck(StringRef Name, CheckContext &Context)
    : WeakifyCheck(Name, Context),
      MapTypes(splitList(option("MapTypes", DefaultMapTypes))),
      Fix(Name) {}

std::map<std::string, std::string> OwningSideTableCheck::options() const {
  return {{"MapTypes", llvm::join(MapTypes, ";")}};
}

void OwningSideTableCheck::registerMatchers(MatchFinder &Finder,
                                            MatchFinder::MatchCallback &Callback) {
  std::vector<StringRef> Names(MapTypes.begin(), MapTypes.end());
  // Keyed by object identity: a std::shared_ptr<T> or a raw T*.
  auto IdentityKey = anyOf(sharedPtrType(),
                           pointerType(pointee(hasCanonicalType(recordType()))));
  auto TableType = qualType(hasUnqualifiedDesugaredType(recordType(
      hasDeclaration(classTemplateSpecializationDecl(
          hasAnyName(Names), hasTemplateArgument(0, refersToType(IdentityKey)))))));
  auto NotInSystemHeader = unless(isExpansionInSystemHeader());
  Finder.addMatcher(varDecl(hasType(TableType), NotInSystemHeader,
                            unless(parmVarDecl()), hasStaticStorageDuration())
                        .bind("table"),
                    &Callback);
  Finder.addMatcher(fieldDecl(hasType(TableType), NotInSystemHeader).bind("table"),
                    &Callback);
  Finder.addMatcher(declRefExpr(to(varDecl(hasType(TableType)))).bind("use"),
                    &Callback);
  Finder.addMatcher(memberExpr(member(valueDecl(hasType(TableType)))).bind("use"),
                    &Callback);
}

namespace {

bool isParameterOf(const Expr *E, const FunctionDecl *F) {
  if (!E || !F)
    return false;
  E = E->IgnoreImplicit()->IgnoreParens();
  // `Table[this]`: an object files data about itself.
  if (isa<CXXThisExpr>(E))
    return true;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    if (Construct->getNumArgs() == 1)
      E = Construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  return Param && llvm::is_contained(F->parameters(), const_cast<ParmVarDecl *>(Param));
}

OwningSideTableCheck::Use classify(const Expr *Ref, ASTContext &Ctx) {
  static const llvm::StringSet<> Adds = {"emplace", "try_emplace", "insert_or_assign"};
  // end() only to compare with find(); begin() would hand keys out.
  static const llvm::StringSet<> Lookups = {"find", "count", "contains", "at",
                                            "size", "empty", "end", "cend"};
  static const llvm::StringSet<> Removals = {"erase", "clear", "extract", "swap",
                                             "merge"};
  OwningSideTableCheck::Use U;
  U.Loc = Ref->getExprLoc();
  U.Function = enclosingFunction(Ref, Ctx);
  U.Rewritable = isRewritable(Ref->getSourceRange(), Ctx.getSourceManager());
  const Expr *Child = nullptr;
  DynTypedNode Parent = meaningfulParent(Ref, Ctx, Child);
  if (const auto *Member = Parent.get<MemberExpr>()) {
    const Expr *CallChild = nullptr;
    const auto *Call = meaningfulParent(Member, Ctx, CallChild).get<CXXMemberCallExpr>();
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    if (!Call || !Method || !Method->getIdentifier()) {
      U.Escapes = true;
      return U;
    }
    StringRef Name = Method->getName();
    U.Loc = Member->getMemberLoc();
    if (Adds.contains(Name)) {
      U.AddsCallersObject = Call->getNumArgs() >= 1 && isParameterOf(Call->getArg(0), U.Function);
      U.Rewritable &= Call->getNumArgs() >= 1;
    } else if (Removals.contains(Name)) {
      U.Removal = true;
    } else if (!Lookups.contains(Name)) {
      U.Escapes = true; // begin/end/insert(pair)...: keys may be handed out
    }
    return U;
  }
  if (const auto *Op = Parent.get<CXXOperatorCallExpr>()) {
    if (Op->getOperator() == OO_Subscript && Op->getArg(0) == Child) {
      U.Loc = Op->getBeginLoc();
      U.AddsCallersObject = isParameterOf(Op->getArg(1), U.Function);
      return U;
    }
    U.Rewritable = false;
    if (Op->getOperator() == OO_Equal && Op->getArg(0) == Child)
      U.Removal = true;
    else
      U.Escapes = true;
    return U;
  }
  if (const auto *Call = Parent.get<CallExpr>()) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
        (Callee->getName() == "swap" || Callee->getName() == "erase_if" ||
         Callee->getName() == "move" || Callee->getName() == "exchange"))
      U.Removal = true;
    else
      U.Escapes = true;
    return U;
  }
  if (Parent.get<UnaryExprOrTypeTraitExpr>())
    return U;
  U.Escapes = true; // Range-for, references, anything else.
  return U;
}

/// Whether a V (or what V points to) holds a std::shared_ptr to the key
/// type: then the value keeps its key alive, and weak keys free nothing.
bool valueHoldsKey(QualType Value, QualType KeyPointee) {
  KeyPointee = KeyPointee.getCanonicalType().getUnqualifiedType();
  if (std::optional<QualType> Pointee = sharedPtrPointee(Value))
    Value = *Pointee;
  const CXXRecordDecl *Record = Value->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  for (const FieldDecl *Field : Record->getDefinition()->fields()) {
    std::optional<QualType> Held = sharedPtrPointee(Field->getType());
    if (Held && Held->getCanonicalType().getUnqualifiedType() == KeyPointee)
      return true;
  }
  return false;
}

/// Whether the unit names std::shared_ptr<T> or std::unique_ptr<T>: then T
/// objects are created and destroyed one by one.
bool ownedBySmartPointers(QualType T, ASTContext &Ctx) {
  T = T.getCanonicalType().getUnqualifiedType();
  // std, and libc++'s inline std::__1.
  llvm::SmallVector<const DeclContext *, 2> Scopes;
  for (const NamedDecl *Std :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("std")))
    if (const auto *NS = dyn_cast<NamespaceDecl>(Std)) {
      Scopes.push_back(NS);
      for (const NamedDecl *Inner : NS->lookup(&Ctx.Idents.get("__1")))
        if (const auto *InnerNS = dyn_cast<NamespaceDecl>(Inner))
          Scopes.push_back(InnerNS);
    }
  for (const DeclContext *Scope : Scopes)
  for (StringRef Name : {"shared_ptr", "unique_ptr"})
    for (const NamedDecl *Found : Scope->lookup(&Ctx.Idents.get(Name)))
      if (const auto *Template = dyn_cast<ClassTemplateDecl>(Found))
        for (const ClassTemplateSpecializationDecl *Spec : Template->specializations()) {
          const TemplateArgumentList &Args = Spec->getTemplateArgs();
          if (Args.size() >= 1 && Args[0].getKind() == TemplateArgument::Type &&
              Args[0].getAsType().getCanonicalType().getUnqualifiedType() == T)
            return true;
        }
  return false;
}

} // namespace

void OwningSideTableCheck::check(const MatchFinder::MatchResult &R) {
  Ctx = R.Context;
  if (const auto *Table = R.Nodes.getNodeAs<DeclaratorDecl>("table")) {
    Containers.addCandidate(Table);
    return;
  }
  const auto *E = R.Nodes.getNodeAs<Expr>("use");
  const ValueDecl *Target = referencedDecl(E);
  if (Target)
    Containers.addUse(Target, classify(E, *Ctx));
}

void OwningSideTableCheck::analyze(const DeclaratorDecl *Table,
                                   const std::vector<Use> &TableUses) {
  const SourceManager &SM = Ctx->getSourceManager();
  SourceLocation Loc = Table->getLocation();
  if (Loc.isMacroID() || SM.isInSystemHeader(Loc) || !allAccessesVisible(Table, SM))
    return;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Table->getType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 2 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type ||
      Spec->getTemplateArgs()[1].getKind() != TemplateArgument::Type)
    return;
  QualType Key = Spec->getTemplateArgs()[0].getAsType();
  std::optional<QualType> KeyPointee = sharedPtrPointee(Key);
  bool RawKey = !KeyPointee && Key->isPointerType();
  if (RawKey)
    KeyPointee = Key->getPointeeType();
  QualType Value = Spec->getTemplateArgs()[1].getAsType();
  if (!KeyPointee || (!RawKey && valueHoldsKey(Value, *KeyPointee)))
    return;
  // A raw key is only a problem for objects that die one by one while the
  // table lives; objects of an arena or a tree that outlives the table are
  // the common, correct use. Smart pointers to the key type are the sign.
  if (RawKey && !ownedBySmartPointers(*KeyPointee, *Ctx))
    return;
  if (llvm::any_of(TableUses, [](const Use &U) { return U.Removal || U.Escapes; }))
    return;
  auto Added = llvm::find_if(TableUses, [](const Use &U) { return U.AddsCallersObject; });
  if (Added == TableUses.end() || !ReportedLocations.insert(Loc.getRawEncoding()).second)
    return;

  std::string Name = Table->getNameAsString();
  std::string KeyName = typeText(KeyPointee->getUnqualifiedType(), *Ctx);
  SourceRange TypeRange;
  std::string Replacement = RawKey ? "" : keyMapSpelling(Table, *Ctx, TypeRange);
  std::string Suggested = Replacement.empty() ? "weakref::key_map<" + KeyName + ", " +
                                                    typeText(Value, *Ctx) + ">"
                                              : Replacement;
  Finding F;
  F.Loc = Loc;
  if (RawKey)
    F.Message = "side table '" + Name + "' keeps an entry for every '" + KeyName +
                "' it was given: its raw '" + typeText(Key, *Ctx) +
                "' keys are never erased, so entries outlive their objects and "
                "a new '" + KeyName + "' at a reused address inherits a dead "
                "one's entry; key it by identity with '" + Suggested + "'";
  else
    F.Message = "side table '" + Name + "' keeps every '" + KeyName +
                "' it holds data about alive: its std::shared_ptr keys own the "
                "objects and entries are never erased; use '" +
                Suggested + "'";
  F.Notes.push_back({Added->Loc, "an entry is made here for the caller's object"});
  F.Notes.push_back({Loc, "nothing in this translation unit erases entries of '" +
                              Name + "'"});
  bool Fixable = !Replacement.empty() &&
                 llvm::all_of(TableUses, [](const Use &U) { return U.Rewritable; });
  if (Fixable)
    Fix.apply(F, SM, {TypeRange}, Replacement, {});
  report(std::move(F));
}

void OwningSideTableCheck::onEndOfTranslationUnit() {
  if (Ctx)
    Containers.forEach([this](const DeclaratorDecl *D, const auto &Uses) {
      analyze(D, Uses);
    });
  Containers.clear();
  ReportedLocations.clear();
  Fix.reset();
  Ctx = nullptr;
}

} // namespace weakify
