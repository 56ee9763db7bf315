//===--- OwnershipGraph.h - Which classes own which -------------*- C++ -*-===//
//
// The graph the facts describe: nodes are classes, edges are data members
// that own an object of another class (see OwnershipCycleCollector.cpp). An
// object holds the members of its bases, and a pointer to an abstract class
// points to some class derived from it, so the edges leaving a class are
// those of its family among the classes the facts know.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OWNERSHIPCYCLE_OWNERSHIPGRAPH_H
#define WEAKIFY_CHECKS_OWNERSHIPCYCLE_OWNERSHIPGRAPH_H

#include "Facts.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <vector>

namespace weakify {

struct OwnershipEdge {
  const Fact *Member; ///< The "edge" fact: the member and its location.
  unsigned From, To;  ///< Classes, as graph node numbers.
  bool Shared;        ///< Held through a std::shared_ptr.
  bool ByValue;       ///< Held by value: the object is of class To exactly.
  bool Many;          ///< Inside a container: one object owns many of them.
  bool Direct;        ///< The member is exactly a std::shared_ptr<To>.

  llvm::StringRef field() const { return Member->Subject; }
};

class OwnershipGraph {
public:
  explicit OwnershipGraph(const FactSet &Facts);

  unsigned size() const { return Nodes.size(); }
  llvm::StringRef name(unsigned Class) const { return Nodes[Class].Name; }
  /// The node of the class with identity \p Id, if the facts know it.
  std::optional<unsigned> find(llvm::StringRef Id) const {
    auto It = Numbers.find(Id);
    if (It == Numbers.end())
      return std::nullopt;
    return It->second;
  }

  /// The members \p Class itself declares that own objects of classes.
  llvm::ArrayRef<OwnershipEdge> ownEdges(unsigned Class) const {
    return Nodes[Class].Edges;
  }

  /// The shortest chain of other edges leading from the class \p Closing
  /// owns back to an object holding \p Closing, or empty when there is none:
  /// together with \p Closing it is an ownership cycle.
  std::vector<OwnershipEdge> pathBack(const OwnershipEdge &Closing);

  /// Whether \p A and \p B are the same class or one derives from the other.
  bool sameFamily(unsigned A, unsigned B) const;
  /// Whether \p A and \p B belong to one class hierarchy: they share a base
  /// (siblings like BinaryExpr and CallExpr) or one derives from the other.
  bool sameHierarchy(unsigned A, unsigned B) const;

private:
  struct Node {
    std::string Name;
    bool Abstract = false;
    std::vector<unsigned> Bases, Derived;
    std::vector<OwnershipEdge> Edges;
  };
  unsigned node(llvm::StringRef Id);
  /// The edges leaving an object pointed to as \p Class (see above).
  llvm::ArrayRef<OwnershipEdge> edgesFrom(unsigned Class, bool Exact);
  bool derivesFrom(unsigned Derived, unsigned Base, unsigned Depth = 0) const;
  void rootsOf(unsigned Class, std::vector<unsigned> &Roots,
               unsigned Depth = 0) const;

  std::vector<Node> Nodes;
  llvm::StringMap<unsigned> Numbers;
  llvm::DenseMap<unsigned, std::vector<OwnershipEdge>> FamilyEdges[2];
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_OWNERSHIPCYCLE_OWNERSHIPGRAPH_H
