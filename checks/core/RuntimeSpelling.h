//===--- RuntimeSpelling.h - Writing weakref container types ----*- C++ -*-===//
//
// The declaration rewrites shared by the checks: the weakref container type
// that replaces a standard one, with its arguments spelled as the user wrote
// them, or nothing when that is not possible.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CORE_RUNTIMESPELLING_H
#define WEAKIFY_CHECKS_CORE_RUNTIMESPELLING_H

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

/// `weakref::set<T>` for `Seq<SmartPtr<T>>` (one template argument: a
/// custom comparator or allocator has no counterpart), or "".
std::string setSpelling(const clang::DeclaratorDecl *Container,
                        clang::ASTContext &Ctx, clang::SourceRange &TypeRange);

/// `weakref::key_map<K, V>` for `Map<std::shared_ptr<K>, V>` (no custom
/// hash, comparator or allocator), or "".
std::string keyMapSpelling(const clang::DeclaratorDecl *Table,
                           clang::ASTContext &Ctx,
                           clang::SourceRange &TypeRange);

/// Whether std::hash<K> exists, for keys of a std::map turning into a hash
/// map. Conservative: the standard's own specialisations only.
bool hasStdHash(clang::QualType Key);

/// Whether the written type \p TypeRange of \p D cannot be rewritten for \p D
/// alone: it comes from a macro, or other declarators share it (`T a, b;`).
bool sharesTypeSpelling(const clang::DeclaratorDecl *D,
                        clang::SourceRange TypeRange,
                        const clang::SourceManager &SM,
                        const clang::LangOptions &LO);

/// Template argument \p Index of the type of \p D as the declaration writes
/// it (`std::string`, not `std::basic_string<char>`); \p Argument, the same
/// argument resolved, as typeText prints it when the type is not written as
/// a template specialization.
std::string writtenArgument(const clang::DeclaratorDecl *D, unsigned Index,
                            clang::QualType Argument, clang::ASTContext &Ctx);

/// \p T as user code would name it.
std::string typeText(clang::QualType T, clang::ASTContext &Ctx);

} // namespace weakify

#endif // WEAKIFY_CHECKS_CORE_RUNTIMESPELLING_H
