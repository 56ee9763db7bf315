//===--- ValueMapSpelling.h - Writing weakref::value_map<K, V> -*- C++ -*-===//
//
// The declaration rewrite shared by the checks whose fix-it turns a map into
// weakref::value_map: key, value, hash and equality spelled as the user wrote
// them, or nothing when that is not possible.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_VALUEMAPSPELLING_H
#define WEAKIFY_CHECKS_VALUEMAPSPELLING_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include <string>

namespace weakify {

/// The replacement text `weakref::value_map<K, V[, Hash, Eq]>` for the type
/// of \p Cache (a \p Map of \p KeyType to a smart pointer to \p ValueType),
/// or "" when it cannot be spelled; \p TypeRange receives what to replace.
std::string valueMapSpelling(const clang::DeclaratorDecl *Cache,
                             const clang::ClassTemplateSpecializationDecl *Map,
                             clang::QualType KeyType, clang::QualType ValueType,
                             clang::ASTContext &Ctx,
                             clang::SourceRange &TypeRange);

/// Whether std::hash<K> exists, for keys of a std::map turning into a hash
/// map. Conservative: the standard's own specialisations only.
bool hasStdHash(clang::QualType Key);

/// \p T as user code would name it.
std::string typeText(clang::QualType T, clang::ASTContext &Ctx);

} // namespace weakify

#endif // WEAKIFY_CHECKS_VALUEMAPSPELLING_H
