//===--- StaleWeakEntriesRules.cpp - When weak entries go stale -----------===//
//
// A container of std::weak_ptr accumulates dead entries when the facts show
// all its uses (see facts/Visibility.h) and: entries are added while the
// program runs (not only in a constructor, which bounds them); nothing ever
// erases, clears or swaps entries, or lets the container escape; a map's
// keys are not a bounded set (enum, bool).
//
//===----------------------------------------------------------------------===//

#include "ContainerCollector.h"
#include "ContainerRules.h"
#include "StaleWeakEntriesCheck.h"

namespace weakify {

void StaleWeakEntriesCheck::decide(const FactSet &Facts,
                                   const StaleWeakEntriesOptions &,
                                   const Scope &S, Decisions &Out) {
  forEachContainer(
      Facts, Name, S, Out,
      [&](const ContainerFacts &C) -> std::optional<Finding> {
        const Fact &Container = C.Candidate;
        bool Map = Container.has("map");
        if (Container.has("bounded-keys"))
          return std::nullopt;
        if (C.anyUse(use_flags::Removal) || C.anyUse(use_flags::Escapes))
          return std::nullopt;
        // The first explicit store, for the note; an empty entry left by a
        // lookup (`M[K].lock()`) when there is none.
        const Fact *Added = nullptr;
        for (const Fact &U : C.Uses) {
          if (!U.has(use_flags::Insert) || !U.has(use_flags::InFunction) ||
              U.has(use_flags::InConstructor))
            continue;
          bool Better =
              !Added ||
              (U.has(use_flags::Store) && !Added->has(use_flags::Store)) ||
              (U.has(use_flags::Store) == Added->has(use_flags::Store) &&
               U.Loc < Added->Loc);
          if (Better)
            Added = &U;
        }
        if (!Added)
          return std::nullopt;

        std::string ContainerName = Container.get("name").str();
        std::string Replacement = C.replacement();
        std::string Suggested = Map && !Replacement.empty()
                                    ? Replacement
                                    : Container.get("suggested").str();
        Finding F;
        F.Check = Name;
        F.Loc = Container.Loc;
        F.Message =
            "'" + ContainerName + "' keeps an entry for every '" +
            Container.get("pointee").str() + "' it ever referenced: expired " +
            Container.get("entries").str() +
            " are never erased, so dead entries accumulate and pin their "
            "objects' control blocks; use '" +
            Suggested + "'";
        F.Notes.push_back({Added->Loc, "entries are added here"});
        F.Notes.push_back({Container.Loc, "nothing in " + S.where() +
                                              " erases expired entries of '" +
                                              ContainerName + "'"});
        describeContainer(Facts, Container, "expired weak_ptr entries",
                          "control blocks of dead " +
                              Container.get("pointee").str() + " objects",
                          F);
        addContainerFix(C, F);
        return F;
      });
}

} // namespace weakify
