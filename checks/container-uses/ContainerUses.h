//===--- ContainerUses.h - What code does with a container --------*- C++ -*-===//
//
// The one classifier of container uses that the four container checks
// share (weakify-owning-cache, -owning-observers, -owning-side-table,
// -stale-weak-entries). A use is an expression naming the variable or data
// member that holds the container; the classifier says whether it looks an
// entry up, adds one, lets entries go, iterates, or does something the
// analysis cannot follow, and whether the fix-it that swaps the container
// for its weakref counterpart keeps the use compiling (and how to rewrite
// it when it does not as written).
//
// Member functions are classified by name, the same way for every kind of
// container (see operationNamed); what differs between kinds is how the
// element or value reached through a use is read and how uses are
// rewritten.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CONTAINERUSES_CONTAINERUSES_H
#define WEAKIFY_CHECKS_CONTAINERUSES_CONTAINERUSES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/StringRef.h"
#include <vector>

namespace weakify {

/// What a container holds; it decides how uses read and are rewritten.
enum class ContainerKind {
  SharedValues,   ///< Map<K, shared_ptr<V>>, becomes weakref::value_map.
  IdentityKeys,   ///< Map<shared_ptr<K> or K*, V>, becomes weakref::key_map.
  SharedElements, ///< Sequence or set of shared_ptr<L>, becomes weakref::set.
  WeakValues,     ///< Map<K, weak_ptr<V>>, becomes weakref::value_map.
  WeakElements,   ///< Sequence of weak_ptr<V>, becomes weakref::set.
};

/// What a member function of a container does, by its name.
enum class ContainerOperation {
  Lookup,  ///< find, count, contains, at, equal_range, lower/upper_bound
  Read,    ///< size, empty, capacity, reserve, bucket_count, ...
  Iterate, ///< begin, cbegin, rbegin, crbegin: elements are handed out
  End,     ///< end, cend, rend, crend: only compared against
  Access,  ///< front, back, data: one element by reference
  Insert,  ///< push_back, emplace, insert, try_emplace, merge, splice, ...
  Removal, ///< erase, clear, extract, swap, pop_*, remove, resize, ...
  Unknown,
};
ContainerOperation operationNamed(llvm::StringRef Name);

struct ContainerUse {
  const clang::Expr *Ref = nullptr;
  const clang::FunctionDecl *Function = nullptr;
  /// Where the evidence is (the call, the subscript, the loop) for notes.
  clang::SourceLocation Loc;
  bool Lookup = false;
  /// An entry or element is added: inserted, pushed, or made by `M[K]`.
  bool Insert = false;
  /// The addition is explicit (insert, push_back, `M[K] = V`), not the
  /// empty entry that `M[K]` leaves behind on a miss.
  bool Store = false;
  /// Entries, or what they own, can leave: erase, clear, reset, move-out...
  bool Removal = false;
  /// The container or an entry escapes by non-const reference or pointer,
  /// or is used in a way this analysis does not follow.
  bool Escapes = false;
  /// An entry's owner is lent out as a reference or raw pointer.
  bool Borrowed = false;
  /// The elements are visited (range-for, begin()).
  bool Iterates = false;
  /// A range-for whose body calls into each element.
  bool Notify = false;
  /// The key (maps) or the element (sequences) added is one the caller
  /// passed in (a parameter of Function), or `this`.
  bool AddsCallersObject = false;
  /// The rewrite to the weakref container keeps this use compiling, once
  /// Rewrites are applied.
  bool Rewritable = true;
  std::vector<clang::FixItHint> Rewrites;
};

/// Classifies \p Ref, an expression naming a container of \p Kind.
ContainerUse classifyContainerUse(const clang::Expr *Ref, ContainerKind Kind,
                                  clang::ASTContext &Ctx);

} // namespace weakify

#endif // WEAKIFY_CHECKS_CONTAINERUSES_CONTAINERUSES_H
