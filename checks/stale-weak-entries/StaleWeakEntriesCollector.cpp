//===--- StaleWeakEntriesCollector.cpp - What a unit says about weak lists -===//
//
// The container facts (ContainerCollector.h) of maps and sequences whose
// entries are, or hold, a weak pointer (see ContainerShape.h); the candidate
// says which of the two it is, and for maps whether the keys are a bounded set
// (enum, bool).
//
//===----------------------------------------------------------------------===//

#include "ContainerCollector.h"
#include "ContainerShape.h"
#include "RuntimeSpelling.h"
#include "StaleWeakEntriesCheck.h"
#include "TypeFacts.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

StaleWeakEntriesOptions::StaleWeakEntriesOptions(const CheckOptions &Options)
    : MapTypes(splitList(Options.getOr(StaleWeakEntriesCheck::Name, "MapTypes",
                                       DefaultMapTemplates))),
      SequenceTypes(
          splitList(Options.getOr(StaleWeakEntriesCheck::Name, "SequenceTypes",
                                  DefaultSequenceTemplates))) {}

std::map<std::string, std::string> StaleWeakEntriesOptions::values() const {
  return {{"MapTypes", llvm::join(MapTypes, ";")},
          {"SequenceTypes", llvm::join(SequenceTypes, ";")}};
}

namespace {

struct WeakShape {
  ContainerShape Container;
  HeldPointer Entry;
  /// weakref::value_map or weakref::set takes the place of a std:: map or
  /// list of std::weak_ptr.
  bool fixable() const {
    return Container.standard() && Entry.Member.empty() && Entry.Standard;
  }
};

class StaleWeakEntriesCollector : public ContainerCollector {
public:
  StaleWeakEntriesCollector(const StaleWeakEntriesOptions &Options,
                            FactBuilder &Builder)
      : ContainerCollector(StaleWeakEntriesCheck::Name, Builder),
        MapTypes(Options.MapTypes), SequenceTypes(Options.SequenceTypes) {}

  void registerMatchers(MatchFinder &Finder,
                        MatchFinder::MatchCallback &Callback) override {
    registerContainerMatchers(Finder, Callback, /*StaticVariablesOnly=*/true);
  }

private:
  std::optional<WeakShape> shapeOf(QualType T) const {
    std::optional<ContainerShape> Container =
        containerShape(T, MapTypes, SequenceTypes);
    if (!Container)
      return std::nullopt;
    std::optional<HeldPointer> Entry = heldWeakPointer(Container->Entry);
    if (!Entry)
      return std::nullopt;
    return WeakShape{*Container, *Entry};
  }

  std::optional<ContainerKind> kindOf(QualType T) const override {
    std::optional<WeakShape> Shape = shapeOf(T);
    if (!Shape)
      return std::nullopt;
    return Shape->Container.Map ? ContainerKind::WeakValues
                                : ContainerKind::WeakElements;
  }

  bool describe(const DeclaratorDecl *D, Fact &Candidate) override {
    std::optional<WeakShape> Shape = shapeOf(D->getType());
    if (!Shape)
      return false;
    std::string PointeeName = typeText(Shape->Entry.Pointee, *Ctx);
    Candidate.set("pointee", PointeeName);
    Candidate.set("entries", Shape->Entry.describe("entries"));
    Candidate.flag("map", Shape->Container.Map);
    if (Shape->Container.Map) {
      QualType Key = Shape->Container.Key;
      QualType Canonical = Key.getCanonicalType();
      // A map keyed by an enum or bool holds at most one entry per value.
      Candidate.flag("bounded-keys",
                     Canonical->isEnumeralType() || Canonical->isBooleanType());
      std::string KeyName = writtenArgument(D, 0, Key, *Ctx);
      Candidate.set("suggested",
                    "weakref::value_map<" + KeyName + ", " + PointeeName + ">");
    } else {
      Candidate.set("suggested", "weakref::set<" + PointeeName + ">");
    }
    return true;
  }

  std::string replacement(const DeclaratorDecl *D,
                          SourceRange &TypeRange) override {
    std::optional<WeakShape> Shape = shapeOf(D->getType());
    if (!Shape || !Shape->fixable())
      return "";
    if (!Shape->Container.Map)
      return setSpelling(D, *Ctx, TypeRange);
    return valueMapSpelling(D, Shape->Container.Template, Shape->Container.Key,
                            Shape->Entry.Pointee, *Ctx, TypeRange);
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
