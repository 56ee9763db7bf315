//===--- OwnedMembers.cpp - Which classes a member owns -------------------===//

#include "OwnedMembers.h"
#include "ContainerShape.h"
#include "TypeFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

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
      "vector", "list",     "deque",          "forward_list",
      "set",    "multiset", "unordered_set",  "unordered_multiset",
      "queue",  "stack",    "priority_queue", "array"};
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

struct Owned {
  const CXXRecordDecl *Class;
  Hold How;
  bool Many;
  const CXXRecordDecl *Pointer;
};

/// The owning pointer class of a path: the first shared one met.
const CXXRecordDecl *sharedPointer(const CXXRecordDecl *Known,
                                   const CXXRecordDecl *RD) {
  return Known ? Known : RD;
}

void collectOwned(QualType T, Hold How, bool Many, unsigned Depth,
                  llvm::SmallVectorImpl<Owned> &Out, ASTContext &Ctx,
                  const CXXRecordDecl *Pointer = nullptr) {
  // Deep nesting never comes from hand-written members; stop at it.
  if (Depth > 6 || T.isNull())
    return;
  T = T.getCanonicalType();
  if (const ArrayType *Array = Ctx.getAsArrayType(T))
    return collectOwned(Array->getElementType(), How, true, Depth + 1, Out, Ctx,
                        Pointer);
  // Raw pointers and references own nothing.
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return;
  // A standard template's arguments are known even where it was never
  // instantiated (a std::shared_ptr<T> inside a vector often is not).
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  if (!RD->isInStdNamespace()) {
    // Other libraries' pointers and containers (Boost, Qt, Abseil...) and
    // the project's own wrappers of the standard ones.
    if (std::optional<QualType> Pointee = sharedPtrPointee(T))
      return collectOwned(*Pointee, std::max(How, Hold::Shared), Many,
                          Depth + 1, Out, Ctx, sharedPointer(Pointer, RD));
    if (std::optional<QualType> Pointee = uniquePtrPointee(T))
      return collectOwned(*Pointee, std::max(How, Hold::Unique), Many,
                          Depth + 1, Out, Ctx, Pointer);
    static const std::vector<std::string> Maps = splitList(DefaultMapTemplates);
    static const std::vector<std::string> Sequences =
        splitList(DefaultSequenceTemplates);
    if (std::optional<ContainerShape> Shape =
            containerShape(T, Maps, Sequences);
        Shape && !Shape->Derived) {
      if (Shape->Map)
        collectOwned(Shape->Key, How, true, Depth + 1, Out, Ctx, Pointer);
      return collectOwned(Shape->Entry, How, true, Depth + 1, Out, Ctx,
                          Pointer);
    }
  }
  if (!RD->isInStdNamespace() || !RD->getIdentifier() || !Spec) {
    // Classes of the standard library and other system code are opaque.
    RD = graphClass(RD);
    if (RD && !RD->isInStdNamespace() &&
        !Ctx.getSourceManager().isInSystemHeader(RD->getLocation()))
      Out.push_back({RD, How, Many, How == Hold::Shared ? Pointer : nullptr});
    return;
  }
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  StringRef Name = RD->getName();
  if (Name == "shared_ptr" || Name == "unique_ptr") {
    Hold Kind = Name == "shared_ptr" ? Hold::Shared : Hold::Unique;
    if (Args.size() >= 1 && Args[0].getKind() == TemplateArgument::Type)
      collectOwned(Args[0].getAsType(), std::max(How, Kind), Many, Depth + 1,
                   Out, Ctx,
                   Kind == Hold::Shared ? sharedPointer(Pointer, RD) : Pointer);
    return;
  }
  StdHolder Holder = stdHolder(Name);
  for (unsigned I = 0; I < Args.size() && I < Holder.OwnedArgs; ++I) {
    const TemplateArgument &Arg = Args[I];
    if (Arg.getKind() == TemplateArgument::Type)
      collectOwned(Arg.getAsType(), How, Many || Holder.Many, Depth + 1, Out,
                   Ctx, Pointer);
    else if (Arg.getKind() == TemplateArgument::Pack)
      for (const TemplateArgument &Element : Arg.pack_elements())
        if (Element.getKind() == TemplateArgument::Type)
          collectOwned(Element.getAsType(), How, Many || Holder.Many, Depth + 1,
                       Out, Ctx, Pointer);
  }
}

} // namespace

const CXXRecordDecl *graphClass(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return nullptr;
  RD = RD->getDefinition();
  if (RD->isLambda() || RD->isDependentContext() || RD->isUnion())
    return nullptr;
  return RD;
}

llvm::SmallVector<OwnedClass, 4> ownedByMembers(const CXXRecordDecl *RD) {
  llvm::SmallVector<OwnedClass, 4> Edges;
  ASTContext &Ctx = RD->getASTContext();
  for (const FieldDecl *Field : RD->fields()) {
    llvm::SmallVector<Owned, 2> Found;
    if (isDeletedByDestructor(Field)) // A pimpl: owned like a unique_ptr.
      collectOwned(Field->getType()->getPointeeType(), Hold::Unique, false, 0,
                   Found, Ctx);
    else
      collectOwned(Field->getType(), Hold::Value, false, 0, Found, Ctx);
    for (const Owned &O : Found)
      Edges.push_back(
          {Field, O.Class, O.How, O.Many,
           O.How == Hold::Shared && isStdSharedPtr(Field->getType()),
           O.Pointer});
  }
  return Edges;
}

} // namespace weakify
