//===--- TypeFacts.h - Recognising smart pointers and templates ---*- C++ -*-===//
//
// The owning and weak smart pointers every check follows. Real code owns
// through more than std::shared_ptr: Boost's, Qt's, and its own aliases and
// wrappers of them. Each is recognised through type sugar (aliases), through
// public derivation (`class Handle : public std::shared_ptr<T>`) and through
// wrapping (a class whose one data member is such a pointer). Fix-its rewrite
// to the weakref runtime, which is written for the std:: pointers; they ask
// isStdSharedPtr / isStdWeakPtr.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_TYPEFACTS_H
#define WEAKIFY_CHECKS_TYPEFACTS_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>
#include <vector>

namespace weakify {

/// The owning smart pointer templates, as the docs list them.
extern const char OwningPointerTemplates[];
/// The weak smart pointer templates, as the docs list them.
extern const char WeakPointerTemplates[];

/// T for an owning smart pointer to T (std::shared_ptr<T>,
/// boost::shared_ptr<T>, boost::intrusive_ptr<T>, QSharedPointer<T>, ...),
/// through sugar, derivation and one-member wrappers; otherwise nothing.
std::optional<clang::QualType> sharedPtrPointee(clang::QualType T);

/// T for a weak smart pointer to T (std::weak_ptr<T>, boost::weak_ptr<T>,
/// QWeakPointer<T>), the same way; otherwise nothing.
std::optional<clang::QualType> weakPtrPointee(clang::QualType T);

/// T for a unique owner of T: std::unique_ptr<T>, boost::movelib's, and
/// derived classes and one-member wrappers of them (`unique_impl_ptr<T>`).
std::optional<clang::QualType> uniquePtrPointee(clang::QualType T);

/// Whether \p Field, a raw pointer member, is deleted by its class's
/// destructor (`delete Impl;`): the class owns what it points to, as through
/// std::unique_ptr (a pimpl). Only a destructor defined in this unit can
/// say so.
bool isDeletedByDestructor(const clang::FieldDecl *Field);

/// Whether \p T is exactly std::shared_ptr<...> (through sugar only): what
/// the weakref runtime's fix-its take.
bool isStdSharedPtr(clang::QualType T);

/// Whether \p T is exactly std::weak_ptr<...> (through sugar only).
bool isStdWeakPtr(clang::QualType T);

/// Matches the types sharedPtrPointee recognises.
clang::ast_matchers::internal::Matcher<clang::QualType> sharedPtrType();

/// Matches the types weakPtrPointee recognises.
clang::ast_matchers::internal::Matcher<clang::QualType> weakPtrType();

/// Whether \p RD is a specialization of one of the class templates
/// \p QualifiedNames lists ("::std::map", "QHash"), seen through inline
/// namespaces.
bool isListedTemplate(const clang::CXXRecordDecl *RD,
                      llvm::ArrayRef<std::string> QualifiedNames);

/// Splits a ';'- or ','-separated option value, dropping blanks.
std::vector<std::string> splitList(llvm::StringRef List);

} // namespace weakify

#endif // WEAKIFY_CHECKS_TYPEFACTS_H
