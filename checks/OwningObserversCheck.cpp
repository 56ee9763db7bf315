//===--- OwningObserversCheck.cpp - weakify-owning-observers --------------===//

#include "OwningObserversCheck.h"
#include "AstNavigation.h"
#include "ContainerFix.h"
#include "StorageVisibility.h"
#include "TypeFacts.h"
#include "RuntimeSpelling.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLExtras.h"
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

OwningObserversCheck::OwningObserversCheck(StringRef Name, CheckContext &Context)
    : WeakifyCheck(Name, Context),
      ContainerTypes(splitList(option("ContainerTypes", DefaultContainerTypes))),
      SubscribeNames(option("SubscribeNames", DefaultSubscribeNames)),
      ObserverTypeNames(option("ObserverTypeNames", DefaultObserverTypeNames)),
      SubscribeRegex(SubscribeNames, llvm::Regex::IgnoreCase),
      ObserverTypeRegex(ObserverTypeNames, llvm::Regex::IgnoreCase),
      Fix(Name) {}

std::map<std::string, std::string> OwningObserversCheck::options() const {
  return {{"ContainerTypes", llvm::join(ContainerTypes, ";")},
          {"SubscribeNames", SubscribeNames},
          {"ObserverTypeNames", ObserverTypeNames}};
}

void OwningObserversCheck::registerMatchers(MatchFinder &Finder,
                                            MatchFinder::MatchCallback &Callback) {
  std::vector<StringRef> Names(ContainerTypes.begin(), ContainerTypes.end());
  auto ListType = qualType(hasUnqualifiedDesugaredType(recordType(
      hasDeclaration(classTemplateSpecializationDecl(
          hasAnyName(Names), hasTemplateArgument(0, refersToType(sharedPtrType())))))));
  auto NotInSystemHeader = unless(isExpansionInSystemHeader());
  Finder.addMatcher(varDecl(hasType(ListType), NotInSystemHeader,
                            unless(parmVarDecl()), hasStaticStorageDuration())
                        .bind("list"),
                    &Callback);
  Finder.addMatcher(fieldDecl(hasType(ListType), NotInSystemHeader).bind("list"),
                    &Callback);
  Finder.addMatcher(declRefExpr(to(varDecl(hasType(ListType)))).bind("use"),
                    &Callback);
  Finder.addMatcher(memberExpr(member(valueDecl(hasType(ListType)))).bind("use"),
                    &Callback);
}

void OwningObserversCheck::check(const MatchFinder::MatchResult &R) {
  Ctx = R.Context;
  if (const auto *List = R.Nodes.getNodeAs<DeclaratorDecl>("list")) {
    Containers.addCandidate(List);
    return;
  }
  const auto *Use = R.Nodes.getNodeAs<Expr>("use");
  const ValueDecl *Target = referencedDecl(Use);
  if (Target)
    Containers.addUse(Target, classifyObserverUse(Use, *Ctx));
}

bool OwningObserversCheck::looksLikeSubscription(const FunctionDecl *F,
                                                 QualType Element) const {
  // `subscribe(...)`, `addListener(...)`: the function says it. A generic
  // `add`/`attach`/`register` counts when the element type says it.
  if (F->getIdentifier() && SubscribeRegex.match(F->getName()))
    return true;
  const CXXRecordDecl *Record = Element->getAsCXXRecordDecl();
  if (!Record || !Record->getIdentifier() ||
      !ObserverTypeRegex.match(Record->getName()))
    return false;
  if (!F->getIdentifier())
    return false;
  std::string Name = F->getName().lower();
  return StringRef(Name).starts_with("add") || StringRef(Name).starts_with("attach") ||
         StringRef(Name).starts_with("register") || StringRef(Name).starts_with("connect") ||
         StringRef(Name).starts_with("watch") || StringRef(Name).starts_with("listen") ||
         StringRef(Name).starts_with("observe") || StringRef(Name).starts_with("on");
}

void OwningObserversCheck::analyze(const DeclaratorDecl *List,
                                   const std::vector<ObserverUse> &ListUses) {
  const SourceManager &SM = Ctx->getSourceManager();
  SourceLocation Loc = List->getLocation();
  if (Loc.isMacroID() || SM.isInSystemHeader(Loc) ||
      !allAccessesVisible(List, SM))
    return;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      List->getType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return;
  std::optional<QualType> Element =
      sharedPtrPointee(Spec->getTemplateArgs()[0].getAsType());
  if (!Element)
    return;
  if (llvm::any_of(ListUses, [](const ObserverUse &U) {
        return U.Removal || U.Escapes;
      }))
    return;
  const ObserverUse *Subscribe = nullptr;
  for (const ObserverUse &U : ListUses)
    if (U.Add && U.AddedParameter && U.Function &&
        looksLikeSubscription(U.Function, *Element)) {
      Subscribe = &U;
      break;
    }
  auto Notify = llvm::find_if(ListUses, [](const ObserverUse &U) { return U.Notify; });
  if (!Subscribe || Notify == ListUses.end())
    return;
  if (!ReportedLocations.insert(Loc.getRawEncoding()).second)
    return;

  std::string ElementName = typeText(*Element, *Ctx);
  std::string ListName = List->getNameAsString();
  std::string SubscribeName = Subscribe->Function->getNameAsString();
  SourceRange TypeRange;
  std::string Replacement = setSpelling(List, *Ctx, TypeRange);
  std::string Suggested =
      Replacement.empty() ? "weakref::set<" + ElementName + ">" : Replacement;

  Finding F;
  F.Loc = Loc;
  F.Message = "observer list '" + ListName + "' keeps every '" + ElementName +
              "' subscribed through '" + SubscribeName +
              "' alive: its std::shared_ptr elements are never removed, so "
              "observers outlive their owners; use '" +
              Suggested + "'";
  F.Notes.push_back({Subscribe->Loc, "the caller's object is added here, "
                                     "sharing ownership with it"});
  F.Notes.push_back({Notify->Loc, "observers are notified here"});
  F.Notes.push_back({Loc, "nothing in this translation unit removes elements "
                          "from '" + ListName + "'"});

  bool Fixable = !Replacement.empty() &&
                 llvm::all_of(ListUses, [](const ObserverUse &U) { return U.Rewritable; });
  if (Fixable)
    Fix.apply(F, SM, {TypeRange}, Replacement, rewritesOf(ListUses));
  report(std::move(F));
}

void OwningObserversCheck::onEndOfTranslationUnit() {
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
