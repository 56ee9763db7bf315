//===--- OwnershipGraph.cpp - Which classes own which ---------------------===//

#include "OwnershipGraph.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <deque>

using namespace clang;

namespace weakify {

namespace {

/// What a standard class template does with its type arguments.
struct StdHolder {
  unsigned OwnedArgs = 0; // How many leading type arguments it owns.
  bool Many = false;      // Whether it owns many of them.
};

StdHolder stdHolder(StringRef Name) {
  static const StringRef Containers[] = {
      "vector", "list",          "deque",        "forward_list",
      "set",    "multiset",      "unordered_set", "unordered_multiset",
      "queue",  "stack",         "priority_queue", "array"};
  static const StringRef Maps[] = {"map", "multimap", "unordered_map",
                                   "unordered_multimap"};
  static const StringRef Aggregates[] = {"variant", "pair", "tuple"};
  if (llvm::is_contained(Containers, Name))
    return {1, true};
  if (llvm::is_contained(Maps, Name))
    return {2, true}; // Keys and values; never the comparator or hash.
  if (Name == "optional")
    return {1, false};
  if (llvm::is_contained(Aggregates, Name))
    return {~0u, false};
  return {};
}

/// A class an object of this type owns, found in a member's type.
struct Owned {
  const CXXRecordDecl *Class;
  Hold How;
  bool Many;
};

const CXXRecordDecl *definitionOf(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return nullptr;
  RD = RD->getDefinition();
  if (RD->isLambda() || RD->isDependentContext() || RD->isUnion())
    return nullptr;
  return RD;
}

void collectOwned(QualType T, Hold How, bool Many, unsigned Depth,
                  llvm::SmallVectorImpl<Owned> &Out, ASTContext &Ctx) {
  // Deep nesting never comes from hand-written members; stop at it.
  if (Depth > 6 || T.isNull())
    return;
  T = T.getCanonicalType();
  if (const ArrayType *Array = Ctx.getAsArrayType(T))
    return collectOwned(Array->getElementType(), How, true, Depth + 1, Out, Ctx);
  // Raw pointers and references own nothing.
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return;
  // A standard template's arguments are known even where it was never
  // instantiated (a std::shared_ptr<T> inside a vector often is not).
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  if (!RD->isInStdNamespace() || !RD->getIdentifier() || !Spec) {
    // Classes of the standard library and other system code are opaque.
    RD = definitionOf(RD);
    if (RD && !RD->isInStdNamespace() &&
        !Ctx.getSourceManager().isInSystemHeader(RD->getLocation()))
      Out.push_back({RD, How, Many});
    return;
  }
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  StringRef Name = RD->getName();
  if (Name == "shared_ptr" || Name == "unique_ptr") {
    Hold Pointer = Name == "shared_ptr" ? Hold::Shared : Hold::Unique;
    if (Args.size() >= 1 && Args[0].getKind() == TemplateArgument::Type)
      collectOwned(Args[0].getAsType(), std::max(How, Pointer), Many, Depth + 1,
                   Out, Ctx);
    return;
  }
  StdHolder Holder = stdHolder(Name);
  for (unsigned I = 0; I < Args.size() && I < Holder.OwnedArgs; ++I) {
    const TemplateArgument &Arg = Args[I];
    if (Arg.getKind() == TemplateArgument::Type)
      collectOwned(Arg.getAsType(), How, Many || Holder.Many, Depth + 1, Out, Ctx);
    else if (Arg.getKind() == TemplateArgument::Pack)
      for (const TemplateArgument &Element : Arg.pack_elements())
        if (Element.getKind() == TemplateArgument::Type)
          collectOwned(Element.getAsType(), How, Many || Holder.Many, Depth + 1,
                       Out, Ctx);
  }
}

bool isDirectSharedPtr(QualType T) {
  const auto *RD = T.getCanonicalType()->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         RD->getName() == "shared_ptr";
}

} // namespace

void OwnershipGraph::addClass(const CXXRecordDecl *RD) {
  RD = definitionOf(RD);
  if (!RD || !Known.insert(RD).second)
    return;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (const CXXRecordDecl *B = definitionOf(Base.getType()->getAsCXXRecordDecl()))
      DirectlyDerived[B].push_back(RD);
  // A new derived class changes the cached families: recompute them.
  FamilyEdges[0].clear();
  FamilyEdges[1].clear();
}

llvm::ArrayRef<OwnershipEdge>
OwnershipGraph::ownEdges(const CXXRecordDecl *RD) {
  auto It = OwnEdges.find(RD);
  if (It != OwnEdges.end())
    return It->second;
  llvm::SmallVector<OwnershipEdge, 2> Edges;
  ASTContext &Ctx = RD->getASTContext();
  for (const FieldDecl *Field : RD->fields()) {
    llvm::SmallVector<Owned, 2> Found;
    collectOwned(Field->getType(), Hold::Value, false, 0, Found, Ctx);
    for (const Owned &O : Found)
      Edges.push_back({Field, O.Class, O.How, O.Many,
                       O.How == Hold::Shared && isDirectSharedPtr(Field->getType())});
  }
  return OwnEdges[RD] = std::move(Edges);
}

llvm::SmallVector<const CXXRecordDecl *, 8>
OwnershipGraph::family(const CXXRecordDecl *RD, bool Exact) {
  llvm::SmallVector<const CXXRecordDecl *, 8> Members;
  llvm::DenseSet<const CXXRecordDecl *> Seen;
  // The class and each class derived from it, each with all its bases.
  // Only a pointer to an abstract class is evidence of derived objects: one
  // to a concrete class usually holds that very class.
  bool Derived = !Exact && RD->isAbstract();
  llvm::SmallVector<const CXXRecordDecl *, 8> Down{RD};
  while (!Down.empty() && Members.size() < 256) {
    const CXXRecordDecl *C = Down.pop_back_val();
    llvm::SmallVector<const CXXRecordDecl *, 8> Up{C};
    while (!Up.empty()) {
      const CXXRecordDecl *U = Up.pop_back_val();
      if (!Seen.insert(U).second)
        continue;
      Members.push_back(U);
      for (const CXXBaseSpecifier &Base : U->bases())
        if (const CXXRecordDecl *B = definitionOf(Base.getType()->getAsCXXRecordDecl()))
          Up.push_back(B);
    }
    auto It = DirectlyDerived.find(C);
    if (Derived && It != DirectlyDerived.end())
      Down.append(It->second.begin(), It->second.end());
  }
  return Members;
}

llvm::ArrayRef<OwnershipEdge>
OwnershipGraph::edgesFrom(const CXXRecordDecl *RD, bool Exact) {
  auto &Cache = FamilyEdges[Exact];
  auto It = Cache.find(RD);
  if (It != Cache.end())
    return It->second;
  std::vector<OwnershipEdge> Edges;
  for (const CXXRecordDecl *Member : family(RD, Exact))
    for (const OwnershipEdge &E : ownEdges(Member))
      Edges.push_back(E);
  return Cache[RD] = std::move(Edges);
}

bool OwnershipGraph::sameFamily(const CXXRecordDecl *A, const CXXRecordDecl *B) {
  if (A == B)
    return true;
  return A->isDerivedFrom(B) || B->isDerivedFrom(A);
}

/// The classes at the top of \p RD's hierarchy (\p RD itself when it has
/// no bases).
static void rootsOf(const CXXRecordDecl *RD,
                    llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Roots,
                    unsigned Depth = 0) {
  bool HasBase = false;
  if (Depth < 32)
    for (const CXXBaseSpecifier &Base : RD->bases())
      if (const CXXRecordDecl *B = definitionOf(Base.getType()->getAsCXXRecordDecl())) {
        HasBase = true;
        rootsOf(B, Roots, Depth + 1);
      }
  if (!HasBase)
    Roots.insert(RD);
}

bool OwnershipGraph::sameHierarchy(const CXXRecordDecl *A,
                                   const CXXRecordDecl *B) {
  if (sameFamily(A, B))
    return true;
  llvm::SmallPtrSet<const CXXRecordDecl *, 4> RootsA, RootsB;
  rootsOf(A, RootsA);
  rootsOf(B, RootsB);
  return llvm::any_of(RootsA, [&](const CXXRecordDecl *R) { return RootsB.count(R); });
}

std::vector<OwnershipEdge> OwnershipGraph::pathBack(const OwnershipEdge &Closing) {
  // Breadth first, so the reported cycle is the shortest one; bounded so a
  // unit with thousands of classes stays cheap.
  constexpr unsigned MaxVisited = 2000;
  struct Step {
    const CXXRecordDecl *Class;
    bool Exact;        // Held by value, so of this class exactly.
    int Previous;      // Index of the step we came from, -1 at the start.
    OwnershipEdge Via; // The edge taken to get here.
  };
  std::vector<Step> Steps;
  llvm::DenseSet<const CXXRecordDecl *> Visited[2]; // Indexed by Exact.
  auto holdsClosing = [&](const CXXRecordDecl *C, bool Exact) {
    for (const OwnershipEdge &E : edgesFrom(C, Exact))
      if (E.Field == Closing.Field)
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
    for (const OwnershipEdge &E : edgesFrom(Steps[I].Class, Steps[I].Exact)) {
      // The closing member alone only makes chains (a singly linked list).
      if (E.Field == Closing.Field)
        continue;
      bool Exact = E.How == Hold::Value;
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
