//===--- Suppression.h - NOLINT comments ------------------------*- C++ -*-===//
//
// The syntax and meaning clang-tidy gives them: NOLINT, NOLINTNEXTLINE,
// NOLINTBEGIN/NOLINTEND, each optionally followed by a parenthesised list of
// check globs (an unclosed list applies to every check). A NOLINTEND closes
// the latest open NOLINTBEGIN, and only one with the same list; a
// NOLINTBEGIN left open, or a NOLINTEND with nothing to close, silences
// nothing and is an error, so that a typo never hides the rest of a file.
// Findings are finished against the source text in every front end (see
// FinishFindings.h), so a silenced finding is silent everywhere, and never
// takes the runtime #include with it.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_FACTS_SUPPRESSION_H
#define WEAKIFY_CHECKS_FACTS_SUPPRESSION_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace weakify {

/// The NOLINTBEGIN/NOLINTEND regions of one file, and its unmatched ones.
struct NolintRegions {
  struct Region {
    size_t Begin, End; ///< Offsets of the two comments' markers.
    std::string Globs; ///< The list, or "" for every check.
    bool All;
  };
  struct Problem {
    size_t Offset;
    std::string Message; ///< clang-tidy's words.
  };
  std::vector<Region> Regions;
  std::vector<Problem> Problems;
};

/// Reads every NOLINTBEGIN and NOLINTEND of \p Buffer.
NolintRegions findNolintRegions(llvm::StringRef Buffer);

/// Whether a NOLINT comment silences \p CheckName at byte \p Offset of
/// \p Buffer, whose regions are \p Regions.
bool isSuppressedByNolint(llvm::StringRef Buffer, unsigned Offset,
                          llvm::StringRef CheckName,
                          const NolintRegions &Regions);

/// The check name clang-tidy gives NOLINT problems.
inline constexpr const char NolintCheckName[] = "clang-tidy-nolint";

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_SUPPRESSION_H
