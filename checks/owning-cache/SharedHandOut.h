//===--- SharedHandOut.h - Does a function share what a map owns? ----*- C++ -*-===//
//
// A cache leaks through shared ownership only when its getter hands the
// stored shared_ptr itself back to callers. A getter that returns a fresh
// copy of a cached prototype, or something else entirely, leaves the map as
// the only owner: weakening it would destroy every entry at once.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OWNINGCACHE_SHAREDHANDOUT_H
#define WEAKIFY_CHECKS_OWNINGCACHE_SHAREDHANDOUT_H

#include "ContainerUses.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/ArrayRef.h"

namespace weakify {

/// Whether some return statement of \p F returns what the map \p Cache
/// holds: an entry read from it (`M[K]`, `M.at(K)`, `It->second`), or a
/// local variable that \p F also stores into it (\p UsesInF are the uses of
/// the map inside \p F).
bool returnsSharedEntry(const clang::FunctionDecl *F,
                        const clang::ValueDecl *Cache,
                        llvm::ArrayRef<const ContainerUse *> UsesInF,
                        clang::QualType Mapped, clang::ASTContext &Ctx);

} // namespace weakify

#endif // WEAKIFY_CHECKS_OWNINGCACHE_SHAREDHANDOUT_H
