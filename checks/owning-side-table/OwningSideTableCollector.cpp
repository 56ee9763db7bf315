//===--- OwningSideTableCollector.cpp - What a unit says about tables -----===//
//
// Besides the container facts (ContainerCollector.h), a table's candidate
// names its key and value types, says whether the key is a raw pointer and
// whether the value holds a shared_ptr back to the key's object; and a unit
// that shows a raw key's T objects dying one by one while the table lives
// says its class "dies-one-by-one": it names std::shared_ptr<T>, deletes a T,
// keeps a std::unique_ptr<T> of its own (a variable or a member) or frees a
// unique_ptr<T> early (reset, release, erasing it from a container). A
// container of unique_ptr<T> that only grows is an arena: its objects die
// together, with their owner.
//
//===----------------------------------------------------------------------===//

#include "ContainerCollector.h"
#include "ContainerShape.h"
#include "OwningSideTableCheck.h"
#include "RuntimeSpelling.h"
#include "TypeFacts.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include <set>

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

OwningSideTableOptions::OwningSideTableOptions(const CheckOptions &Options)
    : MapTypes(splitList(Options.getOr(OwningSideTableCheck::Name, "MapTypes",
                                       DefaultMapTemplates))) {}

std::map<std::string, std::string> OwningSideTableOptions::values() const {
  return {{"MapTypes", llvm::join(MapTypes, ";")}};
}

namespace {

struct TableShape {
  QualType Key, Value;
  QualType KeyPointee;
  bool RawKey = false;
  /// weakref::key_map takes the place of a std:: map keyed by
  /// std::shared_ptr.
  bool Fixable = false;
  std::string Pointer; // The key's pointer class, for the message.
};

std::optional<TableShape> shapeOf(QualType T,
                                  llvm::ArrayRef<std::string> MapTypes) {
  std::optional<ContainerShape> Map = containerShape(T, MapTypes, {});
  if (!Map || !Map->Map)
    return std::nullopt;
  TableShape Shape;
  Shape.Key = Map->Key;
  Shape.Value = Map->Entry;
  if (std::optional<QualType> Pointee = sharedPtrPointee(Shape.Key)) {
    Shape.KeyPointee = *Pointee;
    Shape.Fixable = Map->standard() && isStdSharedPtr(Shape.Key);
    const CXXRecordDecl *Pointer =
        Shape.Key.getCanonicalType()->getAsCXXRecordDecl();
    Shape.Pointer = Pointer->getQualifiedNameAsString();
  } else if (Shape.Key->isPointerType() &&
             Shape.Key->getPointeeType()->isRecordType()) {
    Shape.KeyPointee = Shape.Key->getPointeeType();
    Shape.RawKey = true;
  } else {
    return std::nullopt;
  }
  return Shape;
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

/// Adds the classes of the unit's std::shared_ptr<T> instances to \p Out:
/// shared objects are destroyed one by one, when their last owner goes.
void addSharedClasses(ASTContext &Ctx, llvm::DenseSet<const Type *> &Out) {
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
    for (const NamedDecl *Found : Scope->lookup(&Ctx.Idents.get("shared_ptr")))
      if (const auto *Template = dyn_cast<ClassTemplateDecl>(Found))
        for (const ClassTemplateSpecializationDecl *Spec :
             Template->specializations()) {
          const TemplateArgumentList &Args = Spec->getTemplateArgs();
          if (Args.size() >= 1 && Args[0].getKind() == TemplateArgument::Type)
            Out.insert(Args[0]
                           .getAsType()
                           .getCanonicalType()
                           .getUnqualifiedType()
                           .getTypePtr());
        }
}

/// The type a unique owner's type \p T owns, as the key of a type set.
const Type *uniquelyOwned(QualType T) {
  std::optional<QualType> Pointee = uniquePtrPointee(T.getNonReferenceType());
  if (!Pointee)
    return nullptr;
  return Pointee->getCanonicalType().getUnqualifiedType().getTypePtr();
}

/// The type the elements of container type \p T own uniquely, if they are
/// unique owners.
const Type *uniquelyOwnedElements(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec)
    return nullptr;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    if (Arg.getKind() == TemplateArgument::Type)
      if (const Type *Owned = uniquelyOwned(Arg.getAsType()))
        return Owned;
  return nullptr;
}

class OwningSideTableCollector : public ContainerCollector {
public:
  OwningSideTableCollector(const OwningSideTableOptions &Options,
                           FactBuilder &Builder)
      : ContainerCollector(OwningSideTableCheck::Name, Builder),
        MapTypes(Options.MapTypes) {}

  void registerMatchers(MatchFinder &Finder,
                        MatchFinder::MatchCallback &Callback) override {
    registerContainerMatchers(Finder, Callback, /*StaticVariablesOnly=*/true);
    // Objects deleted one at a time die while a table may live on.
    Finder.addMatcher(
        cxxDeleteExpr(unless(isExpansionInSystemHeader())).bind("delete"),
        &Callback);
    // A unique owner of its own, or one freed before its container is.
    Finder.addMatcher(
        declaratorDecl(anyOf(varDecl(unless(parmVarDecl())), fieldDecl()),
                       hasType(hasUnqualifiedDesugaredType(recordType())),
                       unless(isExpansionInSystemHeader()))
            .bind("owner"),
        &Callback);
    Finder.addMatcher(
        cxxMemberCallExpr(
            unless(isExpansionInSystemHeader()),
            callee(cxxMethodDecl(hasAnyName(
                "reset", "release", "erase", "pop_back", "pop_front", "clear",
                "remove", "remove_if", "extract", "resize"))))
            .bind("early-free"),
        &Callback);
  }

  void checkOther(const MatchFinder::MatchResult &R) override {
    if (const auto *Owner = R.Nodes.getNodeAs<DeclaratorDecl>("owner")) {
      // A reference (`for (auto &Node : Arena)`) owns nothing.
      if (!Owner->getType()->isReferenceType())
        if (const Type *Owned = uniquelyOwned(Owner->getType()))
          DeletedTypes.insert(Owned);
      return;
    }
    if (const auto *Call = R.Nodes.getNodeAs<CXXMemberCallExpr>("early-free")) {
      QualType Object = Call->getObjectType();
      if (const Type *Owned = uniquelyOwned(Object))
        DeletedTypes.insert(Owned);
      else if (const Type *Elements = uniquelyOwnedElements(Object))
        DeletedTypes.insert(Elements);
      return;
    }
    const auto *Delete = R.Nodes.getNodeAs<CXXDeleteExpr>("delete");
    if (!Delete || Delete->isArrayForm())
      return;
    QualType Deleted = Delete->getDestroyedType();
    if (!Deleted.isNull())
      DeletedTypes.insert(
          Deleted.getCanonicalType().getUnqualifiedType().getTypePtr());
  }

private:
  std::optional<ContainerKind> kindOf(QualType T) const override {
    if (!shapeOf(T, MapTypes))
      return std::nullopt;
    return ContainerKind::IdentityKeys;
  }

  bool describe(const DeclaratorDecl *D, Fact &Candidate) override {
    std::optional<TableShape> Shape = shapeOf(D->getType(), MapTypes);
    if (!Shape)
      return false;
    std::string KeyName =
        typeText(Shape->KeyPointee.getUnqualifiedType(), *Ctx);
    Candidate.set("key", KeyName);
    Candidate.set("key-type", typeText(Shape->Key, *Ctx));
    std::string ValueName = writtenArgument(D, 1, Shape->Value, *Ctx);
    Candidate.set("suggested",
                  "weakref::key_map<" + KeyName + ", " + ValueName + ">");
    Candidate.flag("raw-key", Shape->RawKey);
    if (const CXXRecordDecl *KeyClass = Shape->KeyPointee->getAsCXXRecordDecl();
        Shape->RawKey && KeyClass)
      Candidate.set("key-class", Builder.exactIdentity(KeyClass));
    Candidate.set("pointer", Shape->Pointer);
    Candidate.flag("value-holds-key",
                   !Shape->RawKey &&
                       valueHoldsKey(Shape->Value, Shape->KeyPointee));
    return true;
  }

  std::string replacement(const DeclaratorDecl *D,
                          SourceRange &TypeRange) override {
    std::optional<TableShape> Shape = shapeOf(D->getType(), MapTypes);
    if (!Shape || !Shape->Fixable)
      return "";
    return keyMapSpelling(D, *Ctx, TypeRange);
  }

  /// Says which classes' objects die one by one: a raw-key table of any
  /// unit may be keyed by them.
  void finish() override {
    if (Ctx) {
      addSharedClasses(*Ctx, DeletedTypes);
      std::set<std::string> Classes;
      for (const Type *T : DeletedTypes) {
        const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
        if (RD && !RD->isInStdNamespace() &&
            !Ctx->getSourceManager().isInSystemHeader(RD->getLocation()))
          Classes.insert(Builder.exactIdentity(RD));
      }
      for (const std::string &Class : Classes)
        Builder.add(Fact(CheckName, "dies-one-by-one", Class));
    }
    ContainerCollector::finish();
  }

  std::vector<std::string> MapTypes;
  /// Classes whose objects some code of the unit deletes or frees one by
  /// one.
  llvm::DenseSet<const Type *> DeletedTypes;
};

} // namespace

std::unique_ptr<Collector>
OwningSideTableCheck::collector(const OwningSideTableOptions &Options,
                                FactBuilder &Builder) {
  return std::make_unique<OwningSideTableCollector>(Options, Builder);
}

} // namespace weakify
