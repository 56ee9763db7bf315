//===--- ContainerShape.cpp - What a container type holds -----------------===//

#include "ContainerShape.h"
#include "TypeFacts.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace weakify {

const char DefaultMapTemplates[] =
    "::std::map;::std::unordered_map;"
    "::absl::flat_hash_map;::absl::node_hash_map;::absl::btree_map;"
    "::boost::unordered::unordered_map;::boost::unordered::unordered_flat_map;"
    "::boost::unordered::unordered_node_map;::boost::unordered_map;"
    "::boost::container::map;"
    "::boost::container::flat_map;"
    "::tsl::robin_map;::tsl::hopscotch_map;::tsl::sparse_map;"
    "::tsl::ordered_map;"
    "::folly::F14FastMap;::folly::F14NodeMap;::folly::F14ValueMap;"
    "::folly::F14VectorMap;"
    "::QMap;::QHash";

const char DefaultSequenceTemplates[] =
    "::std::vector;::std::list;::std::deque;::std::forward_list;"
    "::std::set;::std::unordered_set;"
    "::absl::InlinedVector;::absl::flat_hash_set;::absl::node_hash_set;"
    "::absl::btree_set;"
    "::boost::container::vector;::boost::container::small_vector;"
    "::boost::container::flat_set;::boost::unordered::unordered_set;"
    "::boost::unordered::unordered_flat_set;::boost::unordered_set;"
    "::llvm::SmallVector;::folly::small_vector;::folly::fbvector;"
    "::folly::F14FastSet;::tsl::robin_set;"
    "::QList;::QVector;::QSet;::QLinkedList";

bool ContainerShape::standard() const {
  return !Derived && Template->isInStdNamespace();
}

static std::optional<ContainerShape>
listedShape(const CXXRecordDecl *RD, llvm::ArrayRef<std::string> Maps,
            llvm::ArrayRef<std::string> Sequences) {
  bool Map = isListedTemplate(RD, Maps);
  if (!Map && !isListedTemplate(RD, Sequences))
    return std::nullopt;
  const auto *Spec = cast<ClassTemplateSpecializationDecl>(RD);
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  unsigned Needed = Map ? 2 : 1;
  if (Args.size() < Needed)
    return std::nullopt;
  for (unsigned I = 0; I < Needed; ++I)
    if (Args[I].getKind() != TemplateArgument::Type)
      return std::nullopt;
  ContainerShape Shape;
  Shape.Template = Spec;
  Shape.Map = Map;
  if (Map)
    Shape.Key = Args[0].getAsType();
  Shape.Entry = Args[Map ? 1 : 0].getAsType();
  return Shape;
}

std::optional<ContainerShape>
containerShape(QualType T, llvm::ArrayRef<std::string> Maps,
               llvm::ArrayRef<std::string> Sequences) {
  if (T.isNull() || T->isDependentType())
    return std::nullopt;
  const CXXRecordDecl *RD = T.getCanonicalType()->getAsCXXRecordDecl();
  if (!RD)
    return std::nullopt;
  if (std::optional<ContainerShape> Shape = listedShape(RD, Maps, Sequences))
    return Shape;
  // A project's own container: `class Registry : public std::vector<...>`.
  if (RD->isInStdNamespace() || !RD->hasDefinition())
    return std::nullopt;
  for (const CXXBaseSpecifier &Base : RD->getDefinition()->bases()) {
    if (Base.getAccessSpecifier() != AS_public)
      continue;
    const CXXRecordDecl *BaseRD = Base.getType()->getAsCXXRecordDecl();
    if (std::optional<ContainerShape> Shape =
            listedShape(BaseRD, Maps, Sequences)) {
      Shape->Derived = true;
      return Shape;
    }
  }
  return std::nullopt;
}

using PointeeFn = std::optional<QualType> (*)(QualType);

/// A small struct an entry is made of: public data only, no bases, a few
/// fields. A class with behaviour of its own is not an entry.
static bool isEntryStruct(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition() || RD->isInStdNamespace() || RD->isLambda())
    return false;
  RD = RD->getDefinition();
  if (RD->getNumBases() != 0)
    return false;
  unsigned Fields = 0;
  for (const FieldDecl *Field : RD->fields()) {
    if (Field->getAccess() != AS_public)
      return false;
    ++Fields;
  }
  return Fields >= 1 && Fields <= 4;
}

std::string HeldPointer::describe(llvm::StringRef Noun) const {
  if (Member.empty())
    return Spelling + " " + Noun.str();
  return Noun.str() + " whose '" + Member + "' is a " + Spelling;
}

static std::string classSpelling(QualType T) {
  const CXXRecordDecl *RD = T.getCanonicalType()->getAsCXXRecordDecl();
  return RD ? RD->getQualifiedNameAsString() : T.getAsString();
}

static std::optional<HeldPointer> heldPointer(QualType Entry, PointeeFn Pointee,
                                              bool (*IsStd)(QualType)) {
  if (Entry.isNull() || Entry->isDependentType())
    return std::nullopt;
  if (std::optional<QualType> Direct = Pointee(Entry))
    return HeldPointer{*Direct, "", IsStd(Entry), classSpelling(Entry)};
  const CXXRecordDecl *RD = Entry.getCanonicalType()->getAsCXXRecordDecl();
  if (!RD)
    return std::nullopt;
  std::optional<HeldPointer> Found;
  auto consider = [&](QualType Part, std::string Member) {
    std::optional<QualType> Held = Pointee(Part);
    if (!Held)
      return true;
    if (Found) // Two pointers in one entry: which one matters is unclear.
      return false;
    Found = HeldPointer{*Held, std::move(Member), false, classSpelling(Part)};
    return true;
  };
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  if (Spec && Spec->isInStdNamespace() && Spec->getIdentifier() &&
      (Spec->getName() == "pair" || Spec->getName() == "tuple")) {
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    bool Pair = Spec->getName() == "pair";
    llvm::SmallVector<QualType, 4> Parts;
    for (const TemplateArgument &Arg : Args.asArray()) {
      if (Arg.getKind() == TemplateArgument::Type)
        Parts.push_back(Arg.getAsType());
      else if (Arg.getKind() == TemplateArgument::Pack)
        for (const TemplateArgument &Element : Arg.pack_elements())
          if (Element.getKind() == TemplateArgument::Type)
            Parts.push_back(Element.getAsType());
    }
    for (unsigned I = 0; I < Parts.size(); ++I) {
      std::string Member = Pair ? (I == 0 ? "first" : "second")
                                : "get<" + std::to_string(I) + ">";
      if (!consider(Parts[I], Member))
        return std::nullopt;
    }
    return Found;
  }
  if (!isEntryStruct(RD))
    return std::nullopt;
  for (const FieldDecl *Field : RD->getDefinition()->fields())
    if (!consider(Field->getType(), Field->getNameAsString()))
      return std::nullopt;
  return Found;
}

std::optional<HeldPointer> heldOwningPointer(QualType Entry) {
  return heldPointer(Entry, sharedPtrPointee, isStdSharedPtr);
}

std::optional<HeldPointer> heldWeakPointer(QualType Entry) {
  return heldPointer(Entry, weakPtrPointee, isStdWeakPtr);
}

bool isQtContainer(const CXXRecordDecl *RD) {
  static const std::string Qt[] = {"::QList",       "::QVector", "::QSet",
                                   "::QLinkedList", "::QMap",    "::QHash"};
  if (!RD)
    return false;
  if (isListedTemplate(RD, Qt))
    return true;
  if (!RD->hasDefinition())
    return false;
  for (const CXXBaseSpecifier &Base : RD->getDefinition()->bases())
    if (isListedTemplate(Base.getType()->getAsCXXRecordDecl(), Qt))
      return true;
  return false;
}

} // namespace weakify
