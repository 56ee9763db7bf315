//===--- OwnershipGraph.cpp - Which classes own which ---------------------===//

#include "OwnershipGraph.h"
#include "OwnershipCycleCheck.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace weakify {

unsigned OwnershipGraph::node(llvm::StringRef Id) {
  auto [It, New] = Numbers.try_emplace(Id, Nodes.size());
  if (New)
    Nodes.emplace_back();
  return It->second;
}

OwnershipGraph::OwnershipGraph(const FactSet &Facts) {
  const char *Check = OwnershipCycleCheck::Name;
  for (const Fact &N : Facts.ofKind(Check, "node")) {
    unsigned Class = node(N.Subject);
    Node &Info = Nodes[Class];
    if (!Info.Name.empty())
      continue; // Described by another unit already.
    Info.Name = N.get("name").str();
    Info.Abstract = N.has("abstract");
    llvm::SmallVector<llvm::StringRef, 4> Bases;
    N.get("bases").split(Bases, ' ', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Base : Bases) {
      unsigned B = node(Base);
      Nodes[Class].Bases.push_back(B);
      Nodes[B].Derived.push_back(Class);
    }
  }
  for (const Fact &E : Facts.ofKind(Check, "edge")) {
    unsigned From = node(E.get("from"));
    unsigned To = node(E.get("to"));
    llvm::StringRef Hold = E.get("hold");
    Nodes[From].Edges.push_back({&E, From, To, Hold == "shared",
                                 Hold == "value", E.has("many"),
                                 E.has("direct")});
  }
}

bool OwnershipGraph::derivesFrom(unsigned Derived, unsigned Base,
                                 unsigned Depth) const {
  if (Depth > 32)
    return false;
  for (unsigned B : Nodes[Derived].Bases)
    if (B == Base || derivesFrom(B, Base, Depth + 1))
      return true;
  return false;
}

bool OwnershipGraph::sameFamily(unsigned A, unsigned B) const {
  return A == B || derivesFrom(A, B) || derivesFrom(B, A);
}

/// The classes at the top of \p Class's hierarchy (\p Class itself when it
/// has no bases).
void OwnershipGraph::rootsOf(unsigned Class, std::vector<unsigned> &Roots,
                             unsigned Depth) const {
  if (Nodes[Class].Bases.empty() || Depth >= 32) {
    Roots.push_back(Class);
    return;
  }
  for (unsigned B : Nodes[Class].Bases)
    rootsOf(B, Roots, Depth + 1);
}

bool OwnershipGraph::sameHierarchy(unsigned A, unsigned B) const {
  if (sameFamily(A, B))
    return true;
  std::vector<unsigned> RootsA, RootsB;
  rootsOf(A, RootsA);
  rootsOf(B, RootsB);
  return llvm::any_of(
      RootsA, [&](unsigned R) { return llvm::is_contained(RootsB, R); });
}

llvm::ArrayRef<OwnershipEdge> OwnershipGraph::edgesFrom(unsigned Class,
                                                        bool Exact) {
  auto &Cache = FamilyEdges[Exact];
  auto It = Cache.find(Class);
  if (It != Cache.end())
    return It->second;
  // The class and each class derived from it, each with all its bases.
  // Only a pointer to an abstract class is evidence of derived objects: one
  // to a concrete class usually holds that very class.
  bool Derived = !Exact && Nodes[Class].Abstract;
  std::vector<unsigned> Members;
  llvm::DenseSet<unsigned> Seen;
  llvm::SmallVector<unsigned, 8> Down{Class};
  while (!Down.empty() && Members.size() < 256) {
    unsigned C = Down.pop_back_val();
    llvm::SmallVector<unsigned, 8> Up{C};
    while (!Up.empty()) {
      unsigned U = Up.pop_back_val();
      if (!Seen.insert(U).second)
        continue;
      Members.push_back(U);
      Up.append(Nodes[U].Bases.begin(), Nodes[U].Bases.end());
    }
    if (Derived)
      Down.append(Nodes[C].Derived.begin(), Nodes[C].Derived.end());
  }
  std::vector<OwnershipEdge> Edges;
  for (unsigned Member : Members)
    Edges.insert(Edges.end(), Nodes[Member].Edges.begin(),
                 Nodes[Member].Edges.end());
  return Cache[Class] = std::move(Edges);
}

std::vector<OwnershipEdge>
OwnershipGraph::pathBack(const OwnershipEdge &Closing) {
  // Breadth first, so the reported cycle is the shortest one; bounded so a
  // program with thousands of classes stays cheap.
  constexpr unsigned MaxVisited = 2000;
  struct Step {
    unsigned Class;
    bool Exact;        // Held by value, so of this class exactly.
    int Previous;      // Index of the step we came from, -1 at the start.
    OwnershipEdge Via; // The edge taken to get here.
  };
  std::vector<Step> Steps;
  llvm::DenseSet<unsigned> Visited[2]; // Indexed by Exact.
  auto holdsClosing = [&](unsigned C, bool Exact) {
    for (const OwnershipEdge &E : edgesFrom(C, Exact))
      if (E.field() == Closing.field())
        return true;
    return false;
  };
  auto pathTo = [&](int Last) {
    std::vector<OwnershipEdge> Path;
    for (int S = Last; S > 0; S = Steps[S].Previous)
      Path.insert(Path.begin(), Steps[S].Via);
    return Path;
  };
  Steps.push_back({Closing.To, false, -1, Closing});
  Visited[false].insert(Closing.To);
  for (size_t I = 0; I < Steps.size() && Steps.size() < MaxVisited; ++I) {
    std::vector<OwnershipEdge> Leaving =
        edgesFrom(Steps[I].Class, Steps[I].Exact);
    for (const OwnershipEdge &E : Leaving) {
      // The closing member alone only makes chains (a singly linked list).
      if (E.field() == Closing.field())
        continue;
      bool Exact = E.ByValue;
      if (holdsClosing(E.To, Exact)) {
        std::vector<OwnershipEdge> Path = pathTo(I);
        Path.push_back(E);
        return Path;
      }
      if (Visited[Exact].insert(E.To).second)
        Steps.push_back({E.To, Exact, static_cast<int>(I), E});
    }
  }
  return {};
}

} // namespace weakify
