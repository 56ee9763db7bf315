//===--- RuntimeInclude.h - Where the runtime #include goes -----*- C++ -*-===//

#ifndef WEAKIFY_CHECKS_FACTS_RUNTIMEINCLUDE_H
#define WEAKIFY_CHECKS_FACTS_RUNTIMEINCLUDE_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace weakify {

/// The runtime header every fix-it includes: one line for all checks, so
/// that fixes of several findings in a file insert the same text (applied
/// once) instead of competing insertions at the same offset.
inline constexpr char RuntimeHeader[] = "weakref/weakref.hpp";

struct Insertion {
  unsigned Offset;
  std::string Text;
};

/// Adding `#include <Header>` to \p FileName, whose text is \p Buffer:
/// after its last top-level `#include`, or after its leading comment and
/// include guard when it has none; never inside a conditional block or a
/// comment. Nothing when the file already includes it.
std::optional<Insertion> includeInsertion(llvm::StringRef FileName,
                                          llvm::StringRef Buffer,
                                          llvm::StringRef Header);

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_RUNTIMEINCLUDE_H
