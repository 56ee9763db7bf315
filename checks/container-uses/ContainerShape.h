//===--- ContainerShape.h - What a container type holds ----------*- C++ -*-===//
//
// The container checks follow the map and sequence templates their options
// list (std::, Abseil, Boost, tsl, folly, Qt by default), and classes derived
// from them. An entry holds the smart pointer they look for either directly
// or as one member of a pair, a tuple or a small struct
// (`std::vector<std::pair<std::weak_ptr<T>, std::string>>`, a struct entry
// with a `std::shared_ptr` field). Fix-its swap the container for its weakref
// counterpart only where the container is a std:: one, its entries are the
// std:: pointer itself, and the declared type is the template itself.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CONTAINERUSES_CONTAINERSHAPE_H
#define WEAKIFY_CHECKS_CONTAINERUSES_CONTAINERSHAPE_H

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>

namespace weakify {

/// The default map templates of the container checks' `MapTypes`.
extern const char DefaultMapTemplates[];
/// The default sequence and set templates (`ContainerTypes`,
/// `SequenceTypes`).
extern const char DefaultSequenceTemplates[];

struct ContainerShape {
  /// The listed template: the declared type, or a public base of it.
  const clang::ClassTemplateSpecializationDecl *Template = nullptr;
  /// The declared type is a class derived from Template.
  bool Derived = false;
  bool Map = false;
  clang::QualType Key;   ///< Maps: the key type.
  clang::QualType Entry; ///< The mapped type (maps) or the element type.

  /// A std:: container used as declared: weakref's containers stand in
  /// for it in a fix-it.
  bool standard() const;
};

/// The shape of \p T when it is, or publicly derives from, one of \p Maps
/// (key and mapped type are its first two arguments) or \p Sequences
/// (element type first).
std::optional<ContainerShape>
containerShape(clang::QualType T, llvm::ArrayRef<std::string> Maps,
               llvm::ArrayRef<std::string> Sequences);

/// A smart pointer inside an entry.
struct HeldPointer {
  clang::QualType Pointee;
  /// "" when the entry is the pointer; otherwise the member of the entry
  /// that holds it ("first", "second", a field's name, "get<I>").
  std::string Member;
  /// The entry is exactly a std:: pointer.
  bool Standard = false;
  /// The pointer class, qualified ("std::shared_ptr", "QSharedPointer").
  std::string Spelling;

  /// "std::shared_ptr elements" or "elements whose 'listener' is a
  /// std::shared_ptr", for messages.
  std::string describe(llvm::StringRef Noun) const;
};

/// The owning smart pointer \p Entry is or holds (see the file comment).
std::optional<HeldPointer> heldOwningPointer(clang::QualType Entry);

/// The weak smart pointer \p Entry is or holds.
std::optional<HeldPointer> heldWeakPointer(clang::QualType Entry);

/// Whether \p RD is a Qt container: `insert(key, value)`, `append`,
/// `remove`, `take` and `list << element` instead of the std names.
bool isQtContainer(const clang::CXXRecordDecl *RD);

} // namespace weakify

#endif // WEAKIFY_CHECKS_CONTAINERUSES_CONTAINERSHAPE_H
