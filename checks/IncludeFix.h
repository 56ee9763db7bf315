//===--- IncludeFix.h - Insert a runtime #include once ----------*- C++ -*-===//

#ifndef WEAKIFY_CHECKS_INCLUDEFIX_H
#define WEAKIFY_CHECKS_INCLUDEFIX_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace weakify {

/// The runtime header every fix-it includes: one line for all checks, so
/// that fixes of several findings in a file insert the same text (applied
/// once) instead of competing insertions at the same offset.
inline constexpr char RuntimeHeader[] = "weakref/weakref.hpp";

/// A fix-it adding `#include <Header>` to the file \p FID: after its last
/// `#include` line, or at the top when it has none. Nothing when the file
/// already includes it.
std::optional<clang::FixItHint> includeInsertion(const clang::SourceManager &SM,
                                                 clang::FileID FID,
                                                 llvm::StringRef Header);

} // namespace weakify

#endif // WEAKIFY_CHECKS_INCLUDEFIX_H
