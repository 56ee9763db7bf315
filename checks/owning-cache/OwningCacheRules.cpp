//===--- OwningCacheRules.cpp - When a cache leaks ------------------------===//
//
// A cache leaks when the facts show all its uses (see facts/Visibility.h)
// and: a function gets or creates through it and hands the stored
// shared_ptr out; nothing ever erases, clears, resets, moves out of or lends
// out its entries; its keys are not a bounded set (enum, bool) and do not
// own objects themselves.
//
//===----------------------------------------------------------------------===//

#include "ContainerCollector.h"
#include "ContainerRules.h"
#include "OwningCacheCheck.h"

namespace weakify {

void OwningCacheCheck::decide(const FactSet &Facts, const OwningCacheOptions &,
                              const Scope &S, Decisions &Out) {
  forEachContainer(
      Facts, Name, S, Out,
      [&](const ContainerFacts &C) -> std::optional<Finding> {
        const Fact &Cache = C.Candidate;
        if (Cache.has("bounded-keys") || Cache.has("owning-key") ||
            Cache.has("template-may-remove"))
          return std::nullopt;
        if (C.anyUse(use_flags::Removal) || C.anyUse(use_flags::Escapes) ||
            C.anyUse(use_flags::Borrowed))
          return std::nullopt;
        if (Facts.first(Name, "entry-released", Cache.Subject) ||
            Facts.first(Name, "entry-lent", Cache.Subject))
          return std::nullopt;
        const Fact *GetOrCreate =
            Facts.first(Name, "get-or-create", Cache.Subject);
        if (!GetOrCreate)
          return std::nullopt;

        std::string CacheName = Cache.get("name").str();
        std::string Replacement = C.replacement();
        std::string Suggested =
            Replacement.empty() ? Cache.get("suggested").str() : Replacement;
        Finding F;
        F.Check = Name;
        F.Loc = Cache.Loc;
        F.Message = "cache '" + CacheName + "' keeps every '" +
                    Cache.get("value").str() + "' it creates alive: its " +
                    Cache.get("entries").str() +
                    " are never erased, so objects outlive their last user; "
                    "use '" +
                    Suggested + "'";
        F.Notes.push_back({GetOrCreate->Loc,
                           "entry created and inserted here on a miss; " +
                               GetOrCreate->get("creator").str() +
                               " hands out a " + Cache.get("pointer").str() +
                               " that shares ownership"});
        F.Notes.push_back(
            {Cache.Loc, "nothing in " + S.where() +
                            " erases, clears or evicts entries of '" +
                            CacheName + "'"});
        describeContainer(Facts, Cache, Cache.get("pointer"),
                          Cache.get("value").str() + " objects", F);
        addContainerFix(C, F);
        return F;
      });
}

} // namespace weakify
