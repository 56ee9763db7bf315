//===--- StorageVisibility.h - Does this unit see every access? ----*- C++ -*-===//
//
// A check may only claim "nothing ever removes an entry" when every piece of
// code that could touch the storage is in the translation unit. These rules
// say when that holds for a variable or a data member.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_STORAGEVISIBILITY_H
#define WEAKIFY_CHECKS_STORAGEVISIBILITY_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"

namespace weakify {

/// True when all code that can name \p D is visible in this unit:
/// - a function-local static;
/// - a namespace-scope variable with internal linkage, or one declared only
///   in the main file;
/// - a private data member (static or not; protected in a final class) of a
///   class without friends whose member functions, nested classes' ones
///   included, are all defined in this unit.
bool allAccessesVisible(const clang::ValueDecl *D,
                        const clang::SourceManager &SM);

/// The class template pattern behind \p RD when it is an instantiation,
/// otherwise \p RD itself.
const clang::CXXRecordDecl *patternOf(const clang::CXXRecordDecl *RD);

} // namespace weakify

#endif // WEAKIFY_CHECKS_STORAGEVISIBILITY_H
