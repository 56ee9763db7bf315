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

/// Adding `#include <Header>` to a file whose text is \p Buffer: after its
/// last `#include` line, or at the top when it has none. Nothing when the
/// file already includes it.
std::optional<Insertion> includeInsertion(llvm::StringRef Buffer,
                                          llvm::StringRef Header);

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_RUNTIMEINCLUDE_H
