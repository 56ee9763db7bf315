//===--- WeakEntryUses.h - What the code does with weak entries -*- C++ -*-===//
//
// Classifies one use of a hand-rolled container of std::weak_ptr (a map
// whose mapped type is weak_ptr, or a sequence of weak_ptr): does it add an
// entry, erase entries, or escape? For maps it also says how the use reads
// once the container is a weakref::value_map.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_WEAKENTRYUSES_H
#define WEAKIFY_CHECKS_WEAKENTRYUSES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/Diagnostic.h"
#include <vector>

namespace weakify {

struct WeakEntryUse {
  const clang::Expr *Ref = nullptr;
  const clang::FunctionDecl *Function = nullptr;
  clang::SourceLocation Loc;
  /// An entry is added or (for maps) stored under a key.
  bool Add = false;
  /// The addition is explicit (insert, push_back, `M[K] = P`), not the
  /// empty entry a `M[K].lock()` leaves behind.
  bool Store = false;
  /// Entries can leave: erase, remove_if, clear, swap, assignment...
  bool Removal = false;
  /// The container escapes in a way not followed here.
  bool Escapes = false;
  /// The rewrite to weakref::value_map keeps this use compiling.
  bool Rewritable = true;
  std::vector<clang::FixItHint> Rewrites;
};

/// \p IsMap: the container maps keys to weak_ptr (otherwise it holds
/// weak_ptr elements).
WeakEntryUse classifyWeakEntryUse(const clang::Expr *Ref, bool IsMap,
                                  clang::ASTContext &Ctx);

} // namespace weakify

#endif // WEAKIFY_CHECKS_WEAKENTRYUSES_H
