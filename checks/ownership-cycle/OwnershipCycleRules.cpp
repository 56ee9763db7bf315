//===--- OwnershipCycleRules.cpp - Which cycles leak ----------------------===//
//
// A cycle of members through std::shared_ptr leaks when the facts show every
// use of its members (see facts/Visibility.h; a class defined in a main file
// counts as seen whole) and nothing breaks it: no member of it is reset,
// cleared, swapped, moved out or set to null outside a destructor, and no
// setter that assigns one of them from its parameter is ever called with
// nullptr. The member reported, the one to make weak, is the back reference:
// the one pointing to the owner of a container in the cycle, else the one
// pointing to the class that created its object and handed it
// `shared_from_this()`, else one named like a back reference
// (BackReferenceNames), else the last declared (then
// without a fix-it: it is a guess). A cycle within one class hierarchy is a
// recursive structure (trees, lists) and is reported only through a member
// named as a back reference.
//
//===----------------------------------------------------------------------===//

#include "OwnershipCycleCheck.h"
#include "OwnershipGraph.h"
#include "Visibility.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>
#include <optional>
#include <set>

namespace weakify {
namespace {

/// Why a member of a cycle was chosen as the one to make weak.
enum class Reason {
  PointsToContainerOwner,
  PointsToCreator,
  Named,
  LastDeclared
};
struct BackEdge {
  OwnershipEdge Edge;
  Reason Why;
  /// The container's member (PointsToContainerOwner) or the creating class
  /// (PointsToCreator).
  std::string Other;
};

/// The weak pointer that goes with the owning pointer \p Shared.
std::string weakCounterpart(llvm::StringRef Shared) {
  if (Shared == "std::shared_ptr")
    return "a std::weak_ptr";
  if (Shared == "boost::shared_ptr")
    return "a boost::weak_ptr";
  if (Shared == "QSharedPointer")
    return "a QWeakPointer";
  return "a weak reference";
}

/// The lower-case words of an identifier: `m_ownerWindow` -> m, owner, window.
std::vector<std::string> wordsOf(llvm::StringRef Name) {
  std::vector<std::string> Words;
  std::string Word;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    bool Boundary = C == '_' || llvm::isDigit(C) ||
                    (llvm::isUpper(C) && I > 0 &&
                     (llvm::isLower(Name[I - 1]) ||
                      (I + 1 < Name.size() && llvm::isLower(Name[I + 1]))));
    if (Boundary && !Word.empty()) {
      Words.push_back(Word);
      Word.clear();
    }
    if (C != '_' && !llvm::isDigit(C))
      Word += llvm::toLower(C);
  }
  if (!Word.empty())
    Words.push_back(Word);
  return Words;
}

class CycleRules {
public:
  CycleRules(const FactSet &Facts, const OwnershipCycleOptions &Options,
             const Scope &S, Decisions &Out)
      : Facts(Facts), Options(Options), S(S), Out(Out), Graph(Facts) {
    for (const Fact &Creates : Facts.ofKind(Check, "creates")) {
      std::optional<unsigned> Created = Graph.find(Creates.Subject);
      std::optional<unsigned> Creator = Graph.find(Creates.get("creator"));
      if (Created && Creator)
        Creations.push_back({*Created, *Creator});
    }
  }

  void run() {
    std::vector<std::vector<OwnershipEdge>> Cycles;
    std::set<std::vector<std::string>> Seen;
    for (unsigned Class = 0; Class < Graph.size(); ++Class)
      for (const OwnershipEdge &Closing : Graph.ownEdges(Class)) {
        if (!Closing.Shared)
          continue;
        std::vector<OwnershipEdge> Cycle = Graph.pathBack(Closing);
        if (Cycle.empty() || Cycle.size() + 1 > Options.MaxCycleLength)
          continue;
        Cycle.insert(Cycle.begin(), Closing);
        std::vector<std::string> Key;
        for (const OwnershipEdge &E : Cycle)
          Key.push_back(E.field().str());
        llvm::sort(Key);
        if (Seen.insert(Key).second)
          Cycles.push_back(std::move(Cycle));
      }
    for (std::vector<OwnershipEdge> &Cycle : Cycles)
      analyzeCycle(std::move(Cycle));
  }

private:
  const char *Check = OwnershipCycleCheck::Name;

  bool namedAsBackReference(llvm::StringRef Name) const {
    // Plurals too: `m_parents`, `owners_`, `parentNodes`.
    for (const std::string &Word : wordsOf(Name)) {
      llvm::StringRef Singular(Word);
      if (llvm::is_contained(Options.BackReferenceNames, Word) ||
          (Singular.consume_back("s") &&
           llvm::is_contained(Options.BackReferenceNames, Singular.str())))
        return true;
    }
    return false;
  }

  /// Whether code lets go of the member \p E somewhere: the program breaks
  /// cycles through it by hand.
  bool breaksCycles(const OwnershipEdge &E) const {
    if (Facts.first(Check, "breaks", E.field()))
      return true;
    for (const Fact &Assigned : Facts.about(Check, "assigned-from", E.field()))
      if (Facts.first(Check, "given-null", Assigned.get("parameter")))
        return true;
    return false;
  }

  /// The class that created \p E's object handing it `shared_from_this()`,
  /// when \p E points to it.
  std::optional<unsigned> creatorOf(const OwnershipEdge &E) const {
    for (const auto &[Created, Creator] : Creations)
      if (Graph.sameFamily(E.From, Created) && Graph.sameFamily(E.To, Creator))
        return Creator;
    return std::nullopt;
  }

  std::optional<BackEdge>
  chooseBackEdge(const std::vector<OwnershipEdge> &Cycle) {
    // A cycle inside one class hierarchy (Node -> Node) is a recursive data
    // structure; trees and lists are legitimate there, so only a member
    // named as a back reference says which way is "up".
    unsigned First = Cycle.front().From;
    bool Recursive = llvm::all_of(Cycle, [&](const OwnershipEdge &E) {
      return Graph.sameHierarchy(First, E.From) &&
             Graph.sameHierarchy(First, E.To);
    });
    // One shared pointer in the loop, and a container of handles on the
    // way (an expectation's set of prerequisite expectations): a node that
    // owns many other nodes of its class, a graph like a tree's children.
    // Unless the pointer leads back to the container's owner (below), it is
    // as recursive as Node -> Node.
    bool NodesOfOneClass =
        llvm::count_if(Cycle,
                       [](const OwnershipEdge &E) { return E.Shared; }) == 1 &&
        llvm::any_of(
            Cycle, [](const OwnershipEdge &E) { return E.Many && !E.Shared; });
    if (!Recursive)
      for (const OwnershipEdge &E : Cycle) {
        if (!E.Shared || E.Many)
          continue;
        for (const OwnershipEdge &C : Cycle)
          if (C.Many && C.field() != E.field() &&
              Graph.sameFamily(E.To, C.From))
            return BackEdge{E, Reason::PointsToContainerOwner,
                            C.Member->get("name").str()};
      }
    for (const OwnershipEdge &E : Cycle)
      if (E.Shared && !E.Many)
        if (std::optional<unsigned> Creator = creatorOf(E))
          return BackEdge{E, Reason::PointsToCreator,
                          Graph.name(*Creator).str()};
    for (const OwnershipEdge &E : Cycle)
      if (E.Shared && namedAsBackReference(E.Member->get("name")))
        return BackEdge{E, Reason::Named, ""};
    if (Recursive || NodesOfOneClass)
      return std::nullopt;
    const OwnershipEdge *Last = nullptr;
    for (const OwnershipEdge &E : Cycle)
      if (E.Shared && (!Last || Last->Member->Loc < E.Member->Loc))
        Last = &E;
    if (!Last)
      return std::nullopt;
    return BackEdge{*Last, Reason::LastDeclared, ""};
  }

  /// The edits that make \p Back a std::weak_ptr, locking it where it is
  /// read; none unless every use, constructor and declaration allows it.
  std::vector<Edit> weakMemberFix(const OwnershipEdge &Back) const {
    const Fact *Member = Facts.first(Check, "weak-member", Back.field());
    if (!Back.Direct || !Member || Member->Edits.empty() ||
        !missingUses(Facts, *Back.Member, S).empty() ||
        Facts.first(Check, "member-init", Back.field()))
      return {};
    std::vector<Edit> Fixes = Member->Edits;
    for (const Fact &Use : Facts.about(Check, "member-use", Back.field())) {
      if (Use.has("unsafe"))
        return {};
      Fixes.insert(Fixes.end(), Use.Edits.begin(), Use.Edits.end());
    }
    return Fixes;
  }

  void analyzeCycle(std::vector<OwnershipEdge> Cycle) {
    // Code that resets or clears a member of the cycle breaks it by hand.
    if (llvm::any_of(Cycle,
                     [&](const OwnershipEdge &E) { return breaksCycles(E); }))
      return;
    std::optional<BackEdge> Back = chooseBackEdge(Cycle);
    if (!Back || Back->Edge.Member->has("macro"))
      return;
    // "Nothing breaks the cycle" needs every use of its members; checked
    // last, so that --explain only speaks of cycles that would be reported.
    for (const OwnershipEdge &E : Cycle)
      if (std::string Why = missingUses(Facts, *E.Member, S,
                                        /*MainFileClassesAreClosed=*/true);
          !Why.empty()) {
        Out.Explanations.push_back({Check, Back->Edge.Member->Loc,
                                    "the ownership cycle through '" +
                                        E.Member->get("name").str() +
                                        "' is not reported: " + Why});
        return;
      }
    const Fact &Field = *Back->Edge.Member;
    std::string MemberName = Field.get("name").str();

    // Walk the cycle from the object the back edge points to.
    auto BackIt = llvm::find_if(Cycle, [&](const OwnershipEdge &E) {
      return E.field() == Back->Edge.field();
    });
    std::rotate(Cycle.begin(), std::next(BackIt), Cycle.end());
    std::string Chain = Graph.name(Back->Edge.To).str();
    for (const OwnershipEdge &E : Cycle)
      Chain +=
          " --" + E.Member->get("name").str() + "--> " + Graph.name(E.To).str();

    Finding F;
    F.Check = Check;
    F.Loc = Field.Loc;
    llvm::StringRef Pointer = Field.get("pointer");
    if (Pointer.empty())
      Pointer = "std::shared_ptr";
    F.Message = "'" + MemberName + "' closes an ownership cycle (" + Chain +
                "): the objects keep each other alive through " +
                Pointer.str() + " and are never destroyed; make '" +
                MemberName + "' " + weakCounterpart(Pointer);
    for (const OwnershipEdge &E : Cycle)
      if (E.field() != Back->Edge.field())
        F.Notes.push_back(
            {E.Member->Loc, "'" + Graph.name(E.From).str() + "' owns '" +
                                Graph.name(E.To).str() + "' through '" +
                                E.Member->get("name").str() + "'"});
    switch (Back->Why) {
    case Reason::PointsToContainerOwner:
      F.Notes.push_back(
          {Field.Loc, "'" + MemberName + "' points back to the owner of '" +
                          Back->Other +
                          "', so it is the reference to make weak"});
      break;
    case Reason::PointsToCreator:
      F.Notes.push_back(
          {Field.Loc, "'" + MemberName + "' points back to '" + Back->Other +
                          "', which creates its object and hands it "
                          "shared_from_this(), so it is the reference to make "
                          "weak"});
      break;
    case Reason::Named:
      F.Notes.push_back({Field.Loc, "'" + MemberName +
                                        "' is named as a back reference, so it "
                                        "is the reference to make weak"});
      break;
    case Reason::LastDeclared:
      F.Notes.push_back(
          {Field.Loc,
           "no member of the cycle points back to a container's owner or is "
           "named as a back reference; '" +
               MemberName +
               "' is the last declared, so decide which reference is the "
               "back one before changing it"});
      break;
    }
    F.Declaration = Graph.name(Back->Edge.From).str() + "::" + MemberName;
    // The whole cycle, starting where the back edge points.
    for (const OwnershipEdge &E : Cycle) {
      using Role = OwnershipPicture::Role;
      unsigned From = F.Ownership.node(Graph.name(E.From), Role::Owner);
      unsigned To = F.Ownership.node(Graph.name(E.To), Role::Owner);
      std::string Label = E.Member->get("name").str();
      if (E.Many)
        Label += " (each element)";
      F.Ownership.edge(From, To, Label, E.field() == Back->Edge.field());
    }
    // The choice by declaration order is a guess: never rewrite on a guess.
    if (Back->Why != Reason::LastDeclared)
      F.Fixes = weakMemberFix(Back->Edge);
    Out.Findings.push_back(std::move(F));
  }

  const FactSet &Facts;
  const OwnershipCycleOptions &Options;
  const Scope &S;
  Decisions &Out;
  OwnershipGraph Graph;
  /// The "creates" facts as graph nodes: (created class, creating class).
  std::vector<std::pair<unsigned, unsigned>> Creations;
};

} // namespace

void OwnershipCycleCheck::decide(const FactSet &Facts,
                                 const OwnershipCycleOptions &Options,
                                 const Scope &S, Decisions &Out) {
  CycleRules(Facts, Options, S, Out).run();
}

} // namespace weakify
