//===--- StaleWeakEntriesCollector.cpp - What a unit says about weak lists -===//
//
// The container facts (ContainerCollector.h) of maps to std::weak_ptr and
// sequences of it; the candidate says which of the two it is, and for maps
// whether the keys are a bounded set (enum, bool).
//
//===----------------------------------------------------------------------===//

#include "ContainerCollector.h"
#include "RuntimeSpelling.h"
#include "StaleWeakEntriesCheck.h"
#include "TypeFacts.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

static const char DefaultMapTypes[] = "::std::map;::std::unordered_map";
static const char DefaultSequenceTypes[] =
    "::std::vector;::std::list;::std::deque;::std::forward_list";

StaleWeakEntriesOptions::StaleWeakEntriesOptions(const CheckOptions &Options)
    : MapTypes(splitList(Options.getOr(StaleWeakEntriesCheck::Name, "MapTypes",
                                       DefaultMapTypes))),
      SequenceTypes(
          splitList(Options.getOr(StaleWeakEntriesCheck::Name, "SequenceTypes",
                                  DefaultSequenceTypes))) {}

std::map<std::string, std::string> StaleWeakEntriesOptions::values() const {
  return {{"MapTypes", llvm::join(MapTypes, ";")},
          {"SequenceTypes", llvm::join(SequenceTypes, ";")}};
}

namespace {

struct WeakShape {
  const ClassTemplateSpecializationDecl *Spec = nullptr;
  bool Map = false;
  QualType Pointee;
};

std::optional<WeakShape> shapeOf(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 1)
    return std::nullopt;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  WeakShape Shape;
  Shape.Spec = Spec;
  Shape.Map = Args.size() >= 2 && Args[1].getKind() == TemplateArgument::Type &&
              weakPtrPointee(Args[1].getAsType()).has_value();
  const TemplateArgument &Weak = Args[Shape.Map ? 1 : 0];
  if (Weak.getKind() != TemplateArgument::Type)
    return std::nullopt;
  std::optional<QualType> Pointee = weakPtrPointee(Weak.getAsType());
  if (!Pointee)
    return std::nullopt;
  if (Shape.Map && Args[0].getKind() != TemplateArgument::Type)
    return std::nullopt;
  Shape.Pointee = *Pointee;
  return Shape;
}

class StaleWeakEntriesCollector : public ContainerCollector {
public:
  StaleWeakEntriesCollector(const StaleWeakEntriesOptions &Options,
                            FactBuilder &Builder)
      : ContainerCollector(StaleWeakEntriesCheck::Name, Builder),
        MapTypes(Options.MapTypes), SequenceTypes(Options.SequenceTypes) {}

  void registerMatchers(MatchFinder &Finder,
                        MatchFinder::MatchCallback &Callback) override {
    std::vector<StringRef> Maps(MapTypes.begin(), MapTypes.end());
    std::vector<StringRef> Sequences(SequenceTypes.begin(),
                                     SequenceTypes.end());
    auto Container = qualType(hasUnqualifiedDesugaredType(
        recordType(hasDeclaration(classTemplateSpecializationDecl(anyOf(
            allOf(hasAnyName(Maps),
                  hasTemplateArgument(1, refersToType(weakPtrType()))),
            allOf(hasAnyName(Sequences),
                  hasTemplateArgument(0, refersToType(weakPtrType())))))))));
    registerContainerMatchers(Finder, Callback, Container,
                              /*StaticVariablesOnly=*/true);
  }

private:
  std::optional<ContainerKind> kindOf(QualType T) const override {
    std::optional<WeakShape> Shape = shapeOf(T);
    if (!Shape)
      return std::nullopt;
    return Shape->Map ? ContainerKind::WeakValues : ContainerKind::WeakElements;
  }

  bool describe(const DeclaratorDecl *D, Fact &Candidate) override {
    std::optional<WeakShape> Shape = shapeOf(D->getType());
    if (!Shape)
      return false;
    std::string PointeeName = typeText(Shape->Pointee, *Ctx);
    Candidate.set("pointee", PointeeName);
    Candidate.flag("map", Shape->Map);
    if (Shape->Map) {
      QualType Key = Shape->Spec->getTemplateArgs()[0].getAsType();
      QualType Canonical = Key.getCanonicalType();
      // A map keyed by an enum or bool holds at most one entry per value.
      Candidate.flag("bounded-keys",
                     Canonical->isEnumeralType() || Canonical->isBooleanType());
      Candidate.set("suggested", "weakref::value_map<" + typeText(Key, *Ctx) +
                                     ", " + PointeeName + ">");
    } else {
      Candidate.set("suggested", "weakref::set<" + PointeeName + ">");
    }
    return true;
  }

  std::string replacement(const DeclaratorDecl *D,
                          SourceRange &TypeRange) override {
    std::optional<WeakShape> Shape = shapeOf(D->getType());
    if (!Shape)
      return "";
    if (!Shape->Map)
      return setSpelling(D, *Ctx, TypeRange);
    return valueMapSpelling(D, Shape->Spec,
                            Shape->Spec->getTemplateArgs()[0].getAsType(),
                            Shape->Pointee, *Ctx, TypeRange);
  }

  std::vector<std::string> MapTypes, SequenceTypes;
};

} // namespace

std::unique_ptr<Collector>
StaleWeakEntriesCheck::collector(const StaleWeakEntriesOptions &Options,
                                 FactBuilder &Builder) {
  return std::make_unique<StaleWeakEntriesCollector>(Options, Builder);
}

} // namespace weakify
