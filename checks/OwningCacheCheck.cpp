//===--- OwningCacheCheck.cpp - weakify-owning-cache ----------------------===//

#include "OwningCacheCheck.h"
#include "AstNavigation.h"
#include "ContainerFix.h"
#include "RuntimeSpelling.h"
#include "SharedHandOut.h"
#include "StorageVisibility.h"
#include "TypeFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

static const char DefaultMapTypes[] = "::std::map;::std::unordered_map";

OwningCacheCheck::OwningCacheCheck(StringRef Name, CheckContext &Context)
    : WeakifyCheck(Name, Context),
      MapTypes(splitList(option("MapTypes", DefaultMapTypes))),
      Fix(Name) {}

std::map<std::string, std::string> OwningCacheCheck::options() const {
  return {{"MapTypes", llvm::join(MapTypes, ";")}};
}

void OwningCacheCheck::registerMatchers(MatchFinder &Finder,
                                        MatchFinder::MatchCallback &Callback) {
  std::vector<StringRef> Names(MapTypes.begin(), MapTypes.end());
  auto CacheType = qualType(hasUnqualifiedDesugaredType(
      recordType(hasDeclaration(classTemplateSpecializationDecl(
          hasAnyName(Names),
          hasTemplateArgument(1, refersToType(sharedPtrType())))))));
  auto NotInSystemHeader = unless(isExpansionInSystemHeader());

  Finder.addMatcher(
      varDecl(hasType(CacheType), NotInSystemHeader, unless(parmVarDecl()))
          .bind("cache"),
      &Callback);
  Finder.addMatcher(
      fieldDecl(hasType(CacheType), NotInSystemHeader).bind("cache"),
      &Callback);
  Finder.addMatcher(declRefExpr(to(varDecl(hasType(CacheType)))).bind("use"),
                    &Callback);
  Finder.addMatcher(
      memberExpr(member(valueDecl(hasType(CacheType)))).bind("use"), &Callback);
  // `It->second` / `Entry.second` of a std::pair<const K, shared_ptr<V>>.
  Finder.addMatcher(
      memberExpr(
          member(fieldDecl(hasName("second"),
                           hasDeclContext(classTemplateSpecializationDecl(
                               hasName("::std::pair"))))),
          hasType(sharedPtrType()), NotInSystemHeader)
          .bind("entry-value"),
      &Callback);
}

void OwningCacheCheck::check(const MatchFinder::MatchResult &R) {
  Ctx = R.Context;
  if (const auto *Cache = R.Nodes.getNodeAs<DeclaratorDecl>("cache")) {
    Containers.addCandidate(Cache);
    return;
  }
  if (const auto *Use = R.Nodes.getNodeAs<Expr>("use")) {
    const ValueDecl *Target = referencedDecl(Use);
    if (Target)
      Containers.addUse(Target, classifyMapUse(Use, *Ctx));
    return;
  }
  if (const auto *Value = R.Nodes.getNodeAs<MemberExpr>("entry-value")) {
    QualType Entry = Value->getBase()->getType();
    if (Value->isArrow())
      Entry = Entry->getPointeeType();
    if (Entry.isNull())
      return;
    const Type *EntryType =
        Entry.getCanonicalType().getUnqualifiedType().getTypePtr();
    if (mayReleaseEntryValue(Value, *Ctx))
      ReleasedEntryTypes.insert(EntryType);
    if (lendsEntryValue(Value, *Ctx))
      LentEntryTypes.insert(EntryType);
  }
}

namespace {

/// The pieces of the declaration `Map<K, std::shared_ptr<V>, ...>`.
struct CacheShape {
  QualType Key;
  QualType Value; // V, the pointee.
  const ClassTemplateSpecializationDecl *Map = nullptr;
};

std::optional<CacheShape> shapeOf(QualType T) {
  const auto *Map = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!Map || Map->getTemplateArgs().size() < 2 ||
      Map->getTemplateArgs()[0].getKind() != TemplateArgument::Type ||
      Map->getTemplateArgs()[1].getKind() != TemplateArgument::Type)
    return std::nullopt;
  CacheShape Shape;
  Shape.Map = Map;
  Shape.Key = Map->getTemplateArgs()[0].getAsType();
  std::optional<QualType> Pointee =
      sharedPtrPointee(Map->getTemplateArgs()[1].getAsType());
  if (!Pointee)
    return std::nullopt;
  Shape.Value = *Pointee;
  return Shape;
}

/// Whether a std::pair<const K, shared_ptr<V>> is this map's value_type.
bool isEntryTypeOf(const Type *Pair, const CacheShape &Shape) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Pair->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() != 2 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type ||
      Spec->getTemplateArgs()[1].getKind() != TemplateArgument::Type)
    return false;
  QualType First = Spec->getTemplateArgs()[0].getAsType();
  QualType Second = Spec->getTemplateArgs()[1].getAsType();
  QualType Mapped = Shape.Map->getTemplateArgs()[1].getAsType();
  return First.getCanonicalType().getUnqualifiedType() ==
             Shape.Key.getCanonicalType().getUnqualifiedType() &&
         Second.getCanonicalType() == Mapped.getCanonicalType();
}

/// Keys of an enum or bool type: the cache holds at most one object per
/// enumerator, a bounded set kept on purpose, not a leak that grows.
bool hasBoundedKeySpace(QualType Key) {
  Key = Key.getCanonicalType().getUnqualifiedType();
  return Key->isEnumeralType() || Key->isBooleanType();
}

/// A std::shared_ptr key owns an object of its own: weak values alone would
/// not let such an entry go (that is weakify-owning-side-table's case).
bool hasOwningKey(QualType Key) { return sharedPtrPointee(Key).has_value(); }

/// A function that looks the key up, creates and stores on a miss, and hands
/// a shared_ptr (by value) back to its caller.
struct GetOrCreate {
  const FunctionDecl *Function = nullptr;
  SourceLocation InsertLoc;
};

bool createsObject(const FunctionDecl *FD, ASTContext &Ctx) {
  if (!FD->getBody())
    return false;
  auto Creations = match(
      findAll(
          expr(anyOf(cxxNewExpr(),
                     callExpr(callee(functionDecl(hasAnyName(
                         "::std::make_shared", "::std::allocate_shared")))),
                     callExpr(callee(functionDecl(returns(sharedPtrType())))),
                     cxxConstructExpr(hasType(sharedPtrType()),
                                      hasArgument(0, cxxNewExpr()))))
              .bind("new")),
      *FD->getBody(), Ctx);
  return !Creations.empty();
}

std::optional<GetOrCreate> findGetOrCreate(const DeclaratorDecl *Cache,
                                           const std::vector<MapUse> &Uses,
                                           QualType Mapped, ASTContext &Ctx) {
  llvm::MapVector<const FunctionDecl *, std::vector<const MapUse *>>
      PerFunction;
  for (const MapUse &Use : Uses)
    if (Use.Function)
      PerFunction[Use.Function].push_back(&Use);
  for (const auto &[Function, InFunction] : PerFunction) {
    bool Lookup =
        llvm::any_of(InFunction, [](const MapUse *U) { return U->Lookup; });
    auto Insert =
        llvm::find_if(InFunction, [](const MapUse *U) { return U->Insert; });
    QualType Returned = Function->getReturnType();
    if (Lookup && Insert != InFunction.end() && !Returned->isReferenceType() &&
        sharedPtrPointee(Returned) && createsObject(Function, Ctx) &&
        returnsSharedEntry(Function, Cache, InFunction, Mapped, Ctx))
      return GetOrCreate{Function, (*Insert)->Loc};
  }
  return std::nullopt;
}

} // namespace

static bool isRemovalName(StringRef Name) {
  return Name == "erase" || Name == "clear" || Name == "extract" ||
         Name == "swap" || Name == "reset";
}

/// Removal of entries spelled in a class template that may not be
/// instantiated in this unit: name-based, and conservative.
static bool templatePatternMayRemove(const DeclaratorDecl *Cache,
                                     ASTContext &Ctx) {
  const auto *RD = dyn_cast<CXXRecordDecl>(Cache->getDeclContext());
  if (!RD || !isa<ClassTemplateSpecializationDecl>(RD))
    return false;
  const CXXRecordDecl *Pattern = patternOf(RD);
  auto Found = match(
      findAll(expr(anyOf(cxxDependentScopeMemberExpr(),
                         memberExpr(member(namedDecl(hasAnyName(
                             "erase", "clear", "extract", "swap", "reset")))),
                         unresolvedMemberExpr()))
                  .bind("e")),
      *Pattern, Ctx);
  for (const BoundNodes &Node : Found) {
    const Expr *E = Node.getNodeAs<Expr>("e");
    if (const auto *Dep = dyn_cast<CXXDependentScopeMemberExpr>(E)) {
      if (isRemovalName(Dep->getMember().getAsString()))
        return true;
      continue;
    }
    if (const auto *Unresolved = dyn_cast<UnresolvedMemberExpr>(E)) {
      if (isRemovalName(Unresolved->getMemberName().getAsString()))
        return true;
      continue;
    }
    return true;
  }
  return false;
}

void OwningCacheCheck::analyze(const DeclaratorDecl *Cache,
                               const std::vector<MapUse> &CacheUses) {
  const SourceManager &SM = Ctx->getSourceManager();
  SourceLocation Loc = Cache->getLocation();
  if (Loc.isMacroID() || SM.isInSystemHeader(Loc))
    return;
  if (!allAccessesVisible(Cache, SM))
    return;
  std::optional<CacheShape> Shape = shapeOf(Cache->getType());
  if (!Shape || hasBoundedKeySpace(Shape->Key) || hasOwningKey(Shape->Key))
    return;
  for (const MapUse &Use : CacheUses)
    if (Use.Removal || Use.Escapes || Use.HandsOutBorrowed)
      return;
  for (const auto *Types : {&ReleasedEntryTypes, &LentEntryTypes})
    for (const Type *Entry : *Types)
      if (isEntryTypeOf(Entry, *Shape))
        return;
  if (templatePatternMayRemove(Cache, *Ctx))
    return;
  std::optional<GetOrCreate> Evidence = findGetOrCreate(
      Cache, CacheUses, Shape->Map->getTemplateArgs()[1].getAsType(), *Ctx);
  if (!Evidence)
    return;
  if (!ReportedLocations.insert(Loc.getRawEncoding()).second)
    return;

  std::string ValueName = typeText(Shape->Value, *Ctx);
  SourceRange TypeRange;
  std::string Replacement = valueMapSpelling(Cache, Shape->Map, Shape->Key, Shape->Value, *Ctx, TypeRange);
  // A static member or extern variable is declared more than once: every
  // declaration changes type, or none does.
  std::vector<SourceRange> OtherDeclarations;
  if (const auto *Var = dyn_cast<VarDecl>(Cache))
    for (const VarDecl *Redecl : Var->redecls()) {
      if (Redecl == Var || Replacement.empty())
        continue;
      SourceRange Range;
      if (valueMapSpelling(Redecl, Shape->Map, Shape->Key, Shape->Value, *Ctx, Range) != Replacement)
        Replacement.clear();
      OtherDeclarations.push_back(Range);
    }
  std::string Suggested = !Replacement.empty()
                              ? Replacement
                              : "weakref::value_map<" +
                                    typeText(Shape->Key, *Ctx) + ", " +
                                    ValueName + ">";

  Finding F;
  F.Loc = Loc;
  F.Message = "cache '" + Cache->getNameAsString() + "' keeps every '" +
              ValueName +
              "' it creates alive: its std::shared_ptr entries are never "
              "erased, so objects outlive their last user; use '" +
              Suggested + "'";
  std::string Creator = Evidence->Function->getDeclName().isIdentifier()
                            ? "'" + Evidence->Function->getNameAsString() + "'"
                            : "this function";
  F.Notes.push_back({Evidence->InsertLoc,
                     "entry created and inserted here on a miss; " + Creator +
                         " hands out a std::shared_ptr that shares ownership"});
  F.Notes.push_back({Loc, "nothing in this translation unit erases, clears or "
                          "evicts entries of '" +
                              Cache->getNameAsString() + "'"});

  bool Fixable =
      !Replacement.empty() &&
      llvm::all_of(CacheUses, [](const MapUse &U) { return U.Rewritable; });
  if (Fixable) {
    std::vector<SourceRange> Declarations = {TypeRange};
    Declarations.insert(Declarations.end(), OtherDeclarations.begin(),
                        OtherDeclarations.end());
    Fix.apply(F, SM, Declarations, Replacement, rewritesOf(CacheUses));
  }
  report(std::move(F));
}

void OwningCacheCheck::onEndOfTranslationUnit() {
  if (Ctx)
    Containers.forEach([this](const DeclaratorDecl *D, const auto &Uses) {
      analyze(D, Uses);
    });
  Containers.clear();
  ReleasedEntryTypes.clear();
  LentEntryTypes.clear();
  ReportedLocations.clear();
  Fix.reset();
  Ctx = nullptr;
}

} // namespace weakify
