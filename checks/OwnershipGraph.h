//===--- OwnershipGraph.h - Which classes own which -------------*- C++ -*-===//
//
// A graph whose nodes are classes and whose edges are data members that own
// an object of another class: a std::shared_ptr, a std::unique_ptr or a
// member held by value, directly or inside standard containers, optionals,
// variants, pairs and tuples. An object holds the members of its bases, and
// a pointer to an abstract class points to some class derived from it, so
// the edges leaving a class are those of its family seen in the unit.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OWNERSHIPGRAPH_H
#define WEAKIFY_CHECKS_OWNERSHIPGRAPH_H

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <vector>

namespace weakify {

/// How a member holds what it owns; the strongest pointer on the way wins.
enum class Hold { Value, Unique, Shared };

struct OwnershipEdge {
  const clang::FieldDecl *Field; // The member, in the class declaring it.
  const clang::CXXRecordDecl *To;
  Hold How;
  bool Many;   // Inside a container: one object owns many of them.
  bool Direct; // The member's type is exactly std::shared_ptr<To>.

  const clang::CXXRecordDecl *from() const {
    return llvm::cast<clang::CXXRecordDecl>(Field->getParent());
  }
};

class OwnershipGraph {
public:
  /// Makes \p RD known, so that pointers to its bases may reach it.
  void addClass(const clang::CXXRecordDecl *RD);

  /// The members \p RD itself declares that own objects of classes.
  llvm::ArrayRef<OwnershipEdge> ownEdges(const clang::CXXRecordDecl *RD);

  /// The edges leaving an object pointed to as \p RD: the members of \p RD
  /// and of its bases, and when \p RD is abstract, of the classes derived
  /// from it (and their bases). An object held by value (\p Exact) is of
  /// class \p RD exactly.
  llvm::ArrayRef<OwnershipEdge> edgesFrom(const clang::CXXRecordDecl *RD,
                                          bool Exact);

  /// The shortest chain of other edges leading from the class \p Closing
  /// owns back to an object holding \p Closing, or empty when there is none:
  /// together with \p Closing it is an ownership cycle.
  std::vector<OwnershipEdge> pathBack(const OwnershipEdge &Closing);

  /// Whether \p A and \p B are the same class or one derives from the other.
  bool sameFamily(const clang::CXXRecordDecl *A, const clang::CXXRecordDecl *B);

  /// Whether \p A and \p B belong to one class hierarchy: they share a base
  /// (siblings like BinaryExpr and CallExpr) or one derives from the other.
  bool sameHierarchy(const clang::CXXRecordDecl *A,
                     const clang::CXXRecordDecl *B);

private:
  llvm::SmallVector<const clang::CXXRecordDecl *, 8>
  family(const clang::CXXRecordDecl *RD, bool Exact);

  llvm::DenseMap<const clang::CXXRecordDecl *,
                 llvm::SmallVector<OwnershipEdge, 2>>
      OwnEdges;
  llvm::DenseMap<const clang::CXXRecordDecl *, std::vector<OwnershipEdge>>
      FamilyEdges[2]; // Indexed by Exact.
  llvm::DenseMap<const clang::CXXRecordDecl *,
                 llvm::SmallVector<const clang::CXXRecordDecl *, 2>>
      DirectlyDerived;
  llvm::DenseSet<const clang::CXXRecordDecl *> Known;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_OWNERSHIPGRAPH_H
