//===--- Suppression.h - NOLINT comments ------------------------*- C++ -*-===//
//
// The syntax clang-tidy reads: NOLINT, NOLINTNEXTLINE, NOLINTBEGIN/NOLINTEND,
// each optionally followed by a parenthesised list of check globs. Findings
// are finished against the source text in every front end (see
// FinishFindings.h), so a silenced finding is silent everywhere, and never
// takes the runtime #include with it.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_FACTS_SUPPRESSION_H
#define WEAKIFY_CHECKS_FACTS_SUPPRESSION_H

#include "llvm/ADT/StringRef.h"

namespace weakify {

/// Whether a NOLINT comment silences \p CheckName at byte \p Offset of
/// \p Buffer. \p MayHaveRegions: false when the text is known to have no
/// NOLINTBEGIN, which spares a scan of the file up to \p Offset.
bool isSuppressedByNolint(llvm::StringRef Buffer, unsigned Offset,
                          llvm::StringRef CheckName,
                          bool MayHaveRegions = true);

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_SUPPRESSION_H
