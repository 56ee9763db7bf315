//===--- OwningObserversCollector.cpp - What a unit says about lists ------===//
//
// The container facts (ContainerCollector.h) of every container of the
// configured types whose elements are, or hold, an owning pointer (see
// ContainerShape.h); the candidate names the element type and its class
// (for the rules' ObserverTypeNames).
//
//===----------------------------------------------------------------------===//

#include "ContainerCollector.h"
#include "ContainerShape.h"
#include "OwningObserversCheck.h"
#include "RuntimeSpelling.h"
#include "TypeFacts.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

// A function whose name says it subscribes someone. Handlers, callbacks and
// sinks are left out on purpose: containers usually own those (a logger owns
// its sinks, a server its connection handlers), and weakening them would
// destroy what the caller handed over.
static const char DefaultSubscribeNames[] =
    "subscribe|listener|observer|watcher|delegate|connect";
// An element type whose name says it is notified.
static const char DefaultObserverTypeNames[] =
    "listener|observer|subscriber|watcher|delegate|consumer";

OwningObserversOptions::OwningObserversOptions(const CheckOptions &Options)
    : ContainerTypes(
          splitList(Options.getOr(OwningObserversCheck::Name, "ContainerTypes",
                                  DefaultSequenceTemplates))),
      SubscribeNames(Options.getOr(OwningObserversCheck::Name, "SubscribeNames",
                                   DefaultSubscribeNames)),
      ObserverTypeNames(Options.getOr(OwningObserversCheck::Name,
                                      "ObserverTypeNames",
                                      DefaultObserverTypeNames)) {}

std::map<std::string, std::string> OwningObserversOptions::values() const {
  return {{"ContainerTypes", llvm::join(ContainerTypes, ";")},
          {"SubscribeNames", SubscribeNames},
          {"ObserverTypeNames", ObserverTypeNames}};
}

namespace {

/// The list and its elements, for a container of owning pointers to L
/// (held directly or as a member of each element).
struct ListShape {
  ContainerShape Container;
  HeldPointer Element;
  /// weakref::set takes the place of a std:: list of std::shared_ptr.
  bool fixable() const {
    return Container.standard() && Element.Member.empty() && Element.Standard;
  }
};

class OwningObserversCollector : public ContainerCollector {
public:
  OwningObserversCollector(const OwningObserversOptions &Options,
                           FactBuilder &Builder)
      : ContainerCollector(OwningObserversCheck::Name, Builder),
        ContainerTypes(Options.ContainerTypes) {}

  void registerMatchers(MatchFinder &Finder,
                        MatchFinder::MatchCallback &Callback) override {
    registerContainerMatchers(Finder, Callback, /*StaticVariablesOnly=*/true);
  }

private:
  std::optional<ListShape> shapeOf(QualType T) const {
    std::optional<ContainerShape> Container =
        containerShape(T, {}, ContainerTypes);
    if (!Container)
      return std::nullopt;
    std::optional<HeldPointer> Element = heldOwningPointer(Container->Entry);
    if (!Element)
      return std::nullopt;
    return ListShape{*Container, *Element};
  }

  std::optional<ContainerKind> kindOf(QualType T) const override {
    if (!shapeOf(T))
      return std::nullopt;
    return ContainerKind::SharedElements;
  }

  bool describe(const DeclaratorDecl *D, Fact &Candidate) override {
    std::optional<ListShape> Shape = shapeOf(D->getType());
    if (!Shape)
      return false;
    std::string ElementName = typeText(Shape->Element.Pointee, *Ctx);
    Candidate.set("element", ElementName);
    Candidate.set("elements", Shape->Element.describe("elements"));
    Candidate.set("suggested", "weakref::set<" + ElementName + ">");
    if (const CXXRecordDecl *Record =
            Shape->Element.Pointee->getAsCXXRecordDecl())
      if (Record->getIdentifier())
        Candidate.set("element-class", Record->getName());
    return true;
  }

  std::string replacement(const DeclaratorDecl *D,
                          SourceRange &TypeRange) override {
    std::optional<ListShape> Shape = shapeOf(D->getType());
    if (!Shape || !Shape->fixable())
      return "";
    return setSpelling(D, *Ctx, TypeRange);
  }

  std::vector<std::string> ContainerTypes;
};

} // namespace

std::unique_ptr<Collector>
OwningObserversCheck::collector(const OwningObserversOptions &Options,
                                FactBuilder &Builder) {
  return std::make_unique<OwningObserversCollector>(Options, Builder);
}

} // namespace weakify
