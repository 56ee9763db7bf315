//===--- MapUses.h - What the code does with a map of shared_ptr ----*- C++ -*-===//
//
// Classifies one use of a map-like container (a reference to the variable or
// data member holding it): is it a lookup, an insertion, a way for entries to
// leave, or something we cannot follow? Also says whether the fix-it that
// turns the container into weakref::value_map keeps that use compiling, and
// what to rewrite it to when it does not as is.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_MAPUSES_H
#define WEAKIFY_CHECKS_MAPUSES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>
#include <vector>

namespace weakify {

struct MapUse {
  const clang::Expr *Ref = nullptr;
  const clang::FunctionDecl *Function = nullptr;
  bool Lookup = false;
  bool Insert = false;
  /// Entries or their values can leave: erase, clear, reset, move-out...
  bool Removal = false;
  /// The container or an entry escapes by non-const reference or pointer, or
  /// is used in a way this analysis does not follow: anything may happen.
  bool Escapes = false;
  /// Hands out an entry as a reference or raw pointer: the map acts as owner.
  bool HandsOutBorrowed = false;
  /// The rewrite to value_map keeps this use compiling.
  bool Rewritable = true;
  /// Where the evidence is (the call, the subscript) for notes.
  clang::SourceLocation Loc;
  std::vector<clang::FixItHint> Rewrites;
};

/// Classifies the use \p Ref of a container whose mapped type is a
/// std::shared_ptr.
MapUse classifyMapUse(const clang::Expr *Ref, clang::ASTContext &Ctx);

/// Whether an entry's value reached some other way (`It->second`) may be
/// reset, moved out, overwritten or escape: entries may be let go.
bool mayReleaseEntryValue(const clang::Expr *Value, clang::ASTContext &Ctx);

/// Whether an entry's value reached some other way is lent out as a raw
/// pointer or reference (`return It->second.get();`): the map is the owner.
bool lendsEntryValue(const clang::Expr *Value, clang::ASTContext &Ctx);

/// Whether \p E is a null shared_ptr value: nullptr, {}, NULL, shared_ptr().
bool isNullValue(const clang::Expr *E);

} // namespace weakify

#endif // WEAKIFY_CHECKS_MAPUSES_H
