//===--- OwningObserversRules.cpp - When an observer list leaks -----------===//
//
// An observer list leaks when the facts show all its uses (see
// facts/Visibility.h) and: a subscription adds the caller's object to it (a
// function whose name says it subscribes, or a generic add/attach/register
// of an element type named like an observer); a range-for notifies the
// elements; nothing ever removes, resets or swaps elements (a removal in the
// observer's own destructor cannot run while the list owns it), or lets the
// list escape.
//
//===----------------------------------------------------------------------===//

#include "ContainerCollector.h"
#include "ContainerRules.h"
#include "OwningObserversCheck.h"
#include "llvm/Support/Regex.h"

namespace weakify {

namespace {

class SubscriptionNames {
public:
  explicit SubscriptionNames(const OwningObserversOptions &Options)
      : Subscribe(Options.SubscribeNames, llvm::Regex::IgnoreCase),
        ObserverType(Options.ObserverTypeNames, llvm::Regex::IgnoreCase) {}

  /// `subscribe(...)`, `addListener(...)`: the function says it. A generic
  /// `add`/`attach`/`register` counts when the element type says it.
  bool looksLikeSubscription(llvm::StringRef Function,
                             llvm::StringRef ElementClass) const {
    if (Function.empty())
      return false;
    if (Subscribe.match(Function))
      return true;
    if (ElementClass.empty() || !ObserverType.match(ElementClass))
      return false;
    std::string Lower = Function.lower();
    for (llvm::StringRef Prefix : {"add", "attach", "register", "connect",
                                   "watch", "listen", "observe", "on"})
      if (llvm::StringRef(Lower).starts_with(Prefix))
        return true;
    return false;
  }

private:
  llvm::Regex Subscribe, ObserverType;
};

} // namespace

void OwningObserversCheck::decide(const FactSet &Facts,
                                  const OwningObserversOptions &Options,
                                  const Scope &S, Decisions &Out) {
  SubscriptionNames Names(Options);
  forEachContainer(
      Facts, Name, S, Out,
      [&](const ContainerFacts &C) -> std::optional<Finding> {
        const Fact &List = C.Candidate;
        // An observer that unsubscribes in its own destructor never does:
        // the list keeps it alive.
        if (C.removesOutside(List.get("element-class")) ||
            C.anyUse(use_flags::Escapes))
          return std::nullopt;
        const Fact *Subscribe = nullptr;
        for (const Fact &U : C.Uses)
          if (U.has(use_flags::Insert) && U.has(use_flags::CallersObject) &&
              Names.looksLikeSubscription(U.get(use_flags::Function),
                                          List.get("element-class")) &&
              (!Subscribe || U.Loc < Subscribe->Loc))
            Subscribe = &U;
        const Fact *Notify = C.firstUse(use_flags::Notify);
        if (!Subscribe || !Notify)
          return std::nullopt;

        std::string ListName = List.get("name").str();
        std::string Replacement = C.replacement();
        Finding F;
        F.Check = Name;
        F.Loc = List.Loc;
        F.Message =
            "observer list '" + ListName + "' keeps every '" +
            List.get("element").str() + "' subscribed through '" +
            Subscribe->get(use_flags::Function).str() + "' alive: its " +
            List.get("elements").str() +
            " are never removed, so "
            "observers outlive their owners; use '" +
            (Replacement.empty() ? List.get("suggested").str() : Replacement) +
            "'";
        F.Notes.push_back({Subscribe->Loc, "the caller's object is added here, "
                                           "sharing ownership with it"});
        F.Notes.push_back({Notify->Loc, "observers are notified here"});
        F.Notes.push_back({List.Loc, "nothing in " + S.where() +
                                         " removes elements from '" + ListName +
                                         "'"});
        describeContainer(Facts, List, "shared ownership",
                          List.get("element").str() + " observers", F);
        addContainerFix(C, F);
        return F;
      });
}

} // namespace weakify
