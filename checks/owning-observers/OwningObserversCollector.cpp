//===--- OwningObserversCollector.cpp - What a unit says about lists ------===//
//
// The container facts (ContainerCollector.h) of every container of
// std::shared_ptr of the configured types; the candidate names the element
// type and its class (for the rules' ObserverTypeNames).
//
//===----------------------------------------------------------------------===//

#include "ContainerCollector.h"
#include "OwningObserversCheck.h"
#include "RuntimeSpelling.h"
#include "TypeFacts.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

static const char DefaultContainerTypes[] =
    "::std::vector;::std::list;::std::deque;::std::set;::std::unordered_set";
// A function whose name says it subscribes someone. Handlers, callbacks and
// sinks are left out on purpose: containers usually own those (a logger owns
// its sinks, a server its connection handlers), and weakening them would
// destroy what the caller handed over.
static const char DefaultSubscribeNames[] =
    "subscribe|listener|observer|watcher|delegate";
// An element type whose name says it is notified.
static const char DefaultObserverTypeNames[] =
    "listener|observer|subscriber|watcher|delegate";

OwningObserversOptions::OwningObserversOptions(const CheckOptions &Options)
    : ContainerTypes(
          splitList(Options.getOr(OwningObserversCheck::Name, "ContainerTypes",
                                  DefaultContainerTypes))),
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

/// L for a container of std::shared_ptr<L>.
std::optional<QualType> elementOf(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return std::nullopt;
  return sharedPtrPointee(Spec->getTemplateArgs()[0].getAsType());
}

class OwningObserversCollector : public ContainerCollector {
public:
  OwningObserversCollector(const OwningObserversOptions &Options,
                           FactBuilder &Builder)
      : ContainerCollector(OwningObserversCheck::Name, Builder),
        ContainerTypes(Options.ContainerTypes) {}

  void registerMatchers(MatchFinder &Finder,
                        MatchFinder::MatchCallback &Callback) override {
    std::vector<StringRef> Names(ContainerTypes.begin(), ContainerTypes.end());
    auto ListType = qualType(hasUnqualifiedDesugaredType(
        recordType(hasDeclaration(classTemplateSpecializationDecl(
            hasAnyName(Names),
            hasTemplateArgument(0, refersToType(sharedPtrType())))))));
    registerContainerMatchers(Finder, Callback, ListType,
                              /*StaticVariablesOnly=*/true);
  }

private:
  std::optional<ContainerKind> kindOf(QualType T) const override {
    if (!elementOf(T))
      return std::nullopt;
    return ContainerKind::SharedElements;
  }

  bool describe(const DeclaratorDecl *D, Fact &Candidate) override {
    std::optional<QualType> Element = elementOf(D->getType());
    if (!Element)
      return false;
    std::string ElementName = typeText(*Element, *Ctx);
    Candidate.set("element", ElementName);
    Candidate.set("suggested", "weakref::set<" + ElementName + ">");
    if (const CXXRecordDecl *Record = (*Element)->getAsCXXRecordDecl())
      if (Record->getIdentifier())
        Candidate.set("element-class", Record->getName());
    return true;
  }

  std::string replacement(const DeclaratorDecl *D,
                          SourceRange &TypeRange) override {
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
