//===--- OwningCacheCollector.cpp - What a unit says about caches ---------===//
//
// Besides the container facts (ContainerCollector.h), a cache's candidate
// says whether its keys are bounded (enum, bool) or own objects themselves,
// and whether its class template mentions a removal anywhere; and the unit
// says:
//   get-or-create   a function that looks a key up, creates an object on a
//                   miss, stores it and hands the stored shared_ptr back
//   entry-released  an entry of this map's type is reset, moved out or
//                   overwritten through `It->second` somewhere in the unit
//   entry-lent      ... or lent out as a raw pointer or reference
//
//===----------------------------------------------------------------------===//

#include "AstNavigation.h"
#include "ContainerCollector.h"
#include "ContainerShape.h"
#include "EntryValueUses.h"
#include "OwningCacheCheck.h"
#include "RuntimeSpelling.h"
#include "SharedHandOut.h"
#include "TypeFacts.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

OwningCacheOptions::OwningCacheOptions(const CheckOptions &Options)
    : MapTypes(splitList(Options.getOr(OwningCacheCheck::Name, "MapTypes",
                                       DefaultMapTemplates))) {}

std::map<std::string, std::string> OwningCacheOptions::values() const {
  return {{"MapTypes", llvm::join(MapTypes, ";")}};
}

namespace {

/// The pieces of the declaration `Map<K, std::shared_ptr<V>, ...>`.
struct CacheShape {
  QualType Key;
  QualType Value; // V, the pointee.
  const ClassTemplateSpecializationDecl *Map = nullptr;
  /// weakref::value_map takes the place of a std:: map of std::shared_ptr.
  bool Fixable = false;
  std::string Entries; // "std::shared_ptr entries", for the message.
  std::string Pointer; // "std::shared_ptr".
};

std::optional<CacheShape> shapeOf(QualType T,
                                  llvm::ArrayRef<std::string> MapTypes) {
  std::optional<ContainerShape> Container = containerShape(T, MapTypes, {});
  if (!Container)
    return std::nullopt;
  // The value itself owns: what a cache entry's `second` hands out.
  std::optional<HeldPointer> Value = heldOwningPointer(Container->Entry);
  if (!Value || !Value->Member.empty())
    return std::nullopt;
  return CacheShape{Container->Key,
                    Value->Pointee,
                    Container->Template,
                    Container->standard() && Value->Standard,
                    Value->describe("entries"),
                    Value->Spelling};
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
/// value, a bounded set kept on purpose.
bool hasBoundedKeySpace(QualType Key) {
  Key = Key.getCanonicalType().getUnqualifiedType();
  return Key->isEnumeralType() || Key->isBooleanType();
}

AST_MATCHER(QualType, uniqueOwnerType) {
  return uniquePtrPointee(Node.getNonReferenceType()).has_value();
}

bool createsObject(const FunctionDecl *FD, ASTContext &Ctx) {
  if (!FD->getBody())
    return false;
  auto Creations = match(
      findAll(
          expr(anyOf(
                   cxxNewExpr(),
                   callExpr(callee(functionDecl(hasAnyName(
                       "::std::make_shared", "::std::allocate_shared")))),
                   callExpr(callee(functionDecl(returns(sharedPtrType())))),
                   // Made from a new object, or from a unique owner of
                   // one (`std::shared_ptr<T> Shared(std::move(Unique))`).
                   cxxConstructExpr(
                       hasType(sharedPtrType()),
                       hasArgument(0, ignoringImplicit(anyOf(
                                          cxxNewExpr(),
                                          expr(hasType(uniqueOwnerType()))))))))
              .bind("new")),
      *FD->getBody(), Ctx);
  return !Creations.empty();
}

bool isRemovalName(StringRef Name) {
  return Name == "erase" || Name == "clear" || Name == "extract" ||
         Name == "swap" || Name == "reset";
}

/// Removal of entries spelled in a class template that may not be
/// instantiated in this unit: name-based, and conservative.
bool templatePatternMayRemove(const DeclaratorDecl *Cache, ASTContext &Ctx) {
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

class OwningCacheCollector : public ContainerCollector {
public:
  OwningCacheCollector(const OwningCacheOptions &Options, FactBuilder &Builder)
      : ContainerCollector(OwningCacheCheck::Name, Builder),
        MapTypes(Options.MapTypes) {}

  void registerMatchers(MatchFinder &Finder,
                        MatchFinder::MatchCallback &Callback) override {
    registerContainerMatchers(Finder, Callback, /*StaticVariablesOnly=*/true);
    // `It->second` / `Entry.second` of a std::pair<const K, shared_ptr<V>>.
    Finder.addMatcher(
        memberExpr(
            member(fieldDecl(hasName("second"),
                             hasDeclContext(classTemplateSpecializationDecl(
                                 hasName("::std::pair"))))),
            hasType(sharedPtrType()), unless(isExpansionInSystemHeader()))
            .bind("entry-value"),
        &Callback);
  }

private:
  std::optional<ContainerKind> kindOf(QualType T) const override {
    if (!shapeOf(T, MapTypes))
      return std::nullopt;
    return ContainerKind::SharedValues;
  }

  bool describe(const DeclaratorDecl *D, Fact &Candidate) override {
    std::optional<CacheShape> Shape = shapeOf(D->getType(), MapTypes);
    if (!Shape)
      return false;
    std::string KeyName = writtenArgument(D, 0, Shape->Key, *Ctx);
    std::string ValueName = typeText(Shape->Value, *Ctx);
    Candidate.set("value", ValueName);
    Candidate.set("entries", Shape->Entries);
    Candidate.set("pointer", Shape->Pointer);
    Candidate.set("suggested",
                  "weakref::value_map<" + KeyName + ", " + ValueName + ">");
    Candidate.flag("bounded-keys", hasBoundedKeySpace(Shape->Key));
    // A shared_ptr key owns an object of its own: weak values alone would
    // not let such an entry go (weakify-owning-side-table's case).
    Candidate.flag("owning-key", sharedPtrPointee(Shape->Key).has_value());
    Candidate.flag("template-may-remove", templatePatternMayRemove(D, *Ctx));
    return true;
  }

  std::string replacement(const DeclaratorDecl *D,
                          SourceRange &TypeRange) override {
    std::optional<CacheShape> Shape = shapeOf(D->getType(), MapTypes);
    if (!Shape || !Shape->Fixable)
      return "";
    return valueMapSpelling(D, Shape->Map, Shape->Key, Shape->Value, *Ctx,
                            TypeRange);
  }

  void checkOther(const MatchFinder::MatchResult &R) override {
    const auto *Value = R.Nodes.getNodeAs<MemberExpr>("entry-value");
    if (!Value)
      return;
    QualType Entry = Value->getBase()->getType();
    if (Value->isArrow())
      Entry = Entry->getPointeeType();
    if (Entry.isNull())
      return;
    const Type *EntryType =
        Entry.getCanonicalType().getUnqualifiedType().getTypePtr();
    EntryValueUse Use = classifyEntryValue(Value, *Ctx);
    // Storing a new owner in an entry (`It->second = make_shared<V>()`)
    // lets go of nothing the map keeps.
    if (Use.Removal || Use.Escapes)
      ReleasedEntryTypes.insert(EntryType);
    if (Use.Borrowed)
      LentEntryTypes.insert(EntryType);
  }

  void finishCandidate(const DeclaratorDecl *D, ArrayRef<ContainerUse> Uses,
                       const std::string &Id) override {
    std::optional<CacheShape> Shape = shapeOf(D->getType(), MapTypes);
    for (const auto &[Types, Kind] :
         {std::pair(&ReleasedEntryTypes, "entry-released"),
          std::pair(&LentEntryTypes, "entry-lent")})
      for (const Type *Entry : *Types)
        if (isEntryTypeOf(Entry, *Shape)) {
          Builder.add(Fact(CheckName, Kind, Id));
          break;
        }
    addGetOrCreate(D, Uses, Shape->Map->getTemplateArgs()[1].getAsType(), Id);
  }

  /// A function that looks the key up, creates and stores on a miss, and
  /// hands a shared_ptr (by value) back to its caller.
  void addGetOrCreate(const DeclaratorDecl *Cache, ArrayRef<ContainerUse> Uses,
                      QualType Mapped, const std::string &Id) {
    llvm::MapVector<const FunctionDecl *, std::vector<const ContainerUse *>>
        PerFunction;
    for (const ContainerUse &Use : Uses)
      if (Use.Function)
        PerFunction[Use.Function].push_back(&Use);
    for (const auto &[Function, InFunction] : PerFunction) {
      bool Lookup = llvm::any_of(
          InFunction, [](const ContainerUse *U) { return U->Lookup; });
      auto Insert = llvm::find_if(
          InFunction, [](const ContainerUse *U) { return U->Insert; });
      QualType Returned = Function->getReturnType();
      if (!Lookup || Insert == InFunction.end() ||
          Returned->isReferenceType() || !sharedPtrPointee(Returned) ||
          !createsObject(Function, *Ctx) ||
          !returnsSharedEntry(Function, Cache, InFunction, Mapped, *Ctx))
        continue;
      Fact Evidence(CheckName, "get-or-create", Id);
      Evidence.at(Builder.location((*Insert)->Loc));
      Evidence.set("creator", Function->getDeclName().isIdentifier()
                                  ? "'" + Function->getNameAsString() + "'"
                                  : "this function");
      Builder.add(std::move(Evidence));
    }
  }

  std::vector<std::string> MapTypes;
  /// Canonical std::pair<const K, shared_ptr<V>> types whose `.second` is
  /// reset, moved out or overwritten somewhere, or lent out.
  llvm::DenseSet<const Type *> ReleasedEntryTypes, LentEntryTypes;
};

} // namespace

std::unique_ptr<Collector>
OwningCacheCheck::collector(const OwningCacheOptions &Options,
                            FactBuilder &Builder) {
  return std::make_unique<OwningCacheCollector>(Options, Builder);
}

} // namespace weakify
