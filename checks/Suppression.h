//===--- Suppression.h - NOLINT comments for non-tidy front ends ----*- C++ -*-===//
//
// clang-tidy handles NOLINT itself; the plugin and the weakify tool use this,
// with the same syntax: NOLINT, NOLINTNEXTLINE, NOLINTBEGIN/NOLINTEND, each
// optionally followed by a parenthesised list of check globs.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_SUPPRESSION_H
#define WEAKIFY_CHECKS_SUPPRESSION_H

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"

namespace weakify {

/// \p MayHaveRegions: false when the file is known to have no NOLINTBEGIN,
/// which spares a scan of the file up to \p Loc.
bool isSuppressedByNolint(const clang::SourceManager &SM,
                          clang::SourceLocation Loc, llvm::StringRef CheckName,
                          bool MayHaveRegions = true);

/// Whether the file holding \p Loc mentions NOLINTBEGIN at all.
bool fileMayHaveNolintRegions(const clang::SourceManager &SM,
                              clang::SourceLocation Loc);

} // namespace weakify

#endif // WEAKIFY_CHECKS_SUPPRESSION_H
