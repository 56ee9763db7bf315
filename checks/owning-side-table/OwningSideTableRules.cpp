//===--- OwningSideTableRules.cpp - When a side table leaks ---------------===//
//
// A side table leaks when the facts show all its uses (see
// facts/Visibility.h) and: entries are made for objects the caller passes in
// (a parameter, or `this`); nothing ever erases, clears or iterates it (an
// iterated table hands its keys out as owners), and it does not escape; a
// value does not hold its own key (weak keys would free nothing). A raw
// pointer key is only a problem for objects that die one by one while the
// table lives: some unit must show the key's class dying so.
//
//===----------------------------------------------------------------------===//

#include "ContainerCollector.h"
#include "ContainerRules.h"
#include "OwningSideTableCheck.h"

namespace weakify {

void OwningSideTableCheck::decide(const FactSet &Facts,
                                  const OwningSideTableOptions &,
                                  const Scope &S, Decisions &Out) {
  forEachContainer(
      Facts, Name, S, Out,
      [&](const ContainerFacts &C) -> std::optional<Finding> {
        const Fact &Table = C.Candidate;
        bool RawKey = Table.has("raw-key");
        if (Table.has("value-holds-key"))
          return std::nullopt;
        // Objects of an arena or a tree that outlives the table are the common,
        // correct use of raw keys.
        if (RawKey &&
            !Facts.first(Name, "dies-one-by-one", Table.get("key-class")))
          return std::nullopt;
        if (C.anyUse(use_flags::Removal) || C.anyUse(use_flags::Escapes) ||
            C.anyUse(use_flags::Iterates))
          return std::nullopt;
        const Fact *Added = C.firstUse(use_flags::CallersObject);
        if (!Added)
          return std::nullopt;

        std::string TableName = Table.get("name").str();
        std::string KeyName = Table.get("key").str();
        std::string Replacement = RawKey ? "" : C.replacement();
        std::string Suggested =
            Replacement.empty() ? Table.get("suggested").str() : Replacement;
        Finding F;
        F.Check = Name;
        F.Loc = Table.Loc;
        if (RawKey)
          F.Message =
              "side table '" + TableName + "' keeps an entry for every '" +
              KeyName + "' it was given: its raw '" +
              Table.get("key-type").str() +
              "' keys are never erased, so entries outlive their objects "
              "and a new '" +
              KeyName +
              "' at a reused address inherits a "
              "dead one's entry; key it by identity with '" +
              Suggested + "'";
        else
          F.Message =
              "side table '" + TableName + "' keeps every '" + KeyName +
              "' it holds data about alive: its " + Table.get("pointer").str() +
              " keys own the objects and entries are never erased; use '" +
              Suggested + "'";
        F.Notes.push_back(
            {Added->Loc, "an entry is made here for the caller's object"});
        F.Notes.push_back({Table.Loc, "nothing in " + S.where() +
                                          " erases entries of '" + TableName +
                                          "'"});
        if (RawKey)
          describeContainer(Facts, Table,
                            "raw '" + Table.get("key-type").str() + "' keys",
                            "entries of dead " + KeyName + " objects", F);
        else
          describeContainer(Facts, Table, Table.get("pointer").str() + " keys",
                            KeyName + " objects", F);
        if (!RawKey)
          addContainerFix(C, F);
        return F;
      });
}

} // namespace weakify
