//===--- OwnedMembers.h - Which classes a member owns ------------*- C++ -*-===//
//
// A data member owns an object of another class when its type holds one by
// value, or through an owning pointer (std::shared_ptr, std::unique_ptr and
// their kin, see TypeFacts.h; a raw pointer the destructor deletes), directly
// or inside containers (standard ones and those of types.md), optionals,
// variants, pairs and tuples. Other raw pointers and references own nothing;
// other classes of the standard library and system code are opaque.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OWNERSHIPCYCLE_OWNEDMEMBERS_H
#define WEAKIFY_CHECKS_OWNERSHIPCYCLE_OWNEDMEMBERS_H

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace weakify {

/// How a member holds what it owns; the strongest pointer on the way wins.
enum class Hold { Value, Unique, Shared };

struct OwnedClass {
  const clang::FieldDecl *Field;
  const clang::CXXRecordDecl *Class;
  Hold How;
  bool Many;   ///< Inside a container: one object owns many of them.
  bool Direct; ///< The member's type is exactly std::shared_ptr<Class>.
  /// The shared pointer class it owns through (std::shared_ptr<...>,
  /// boost::shared_ptr<...>, a wrapper); null when not shared.
  const clang::CXXRecordDecl *Pointer;
};

/// The classes the members \p RD itself declares own.
llvm::SmallVector<OwnedClass, 4> ownedByMembers(const clang::CXXRecordDecl *RD);

/// \p RD's definition when it is a class the graph follows: not a lambda,
/// a union or a template pattern.
const clang::CXXRecordDecl *graphClass(const clang::CXXRecordDecl *RD);

} // namespace weakify

#endif // WEAKIFY_CHECKS_OWNERSHIPCYCLE_OWNEDMEMBERS_H
