//===--- Baseline.h - Findings a project has already accepted ----*- C++ -*-===//
//
// Adopting a checker on a large code base starts from today's findings:
// `--write-baseline FILE` records them by fingerprint (Fingerprint.h), and
// `--baseline FILE` reports only the findings it does not hold. Lines move
// without changing a fingerprint, so edits around a known finding do not
// bring it back; a fingerprint recorded N times hides at most N findings.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_TOOL_BASELINE_H
#define WEAKIFY_TOOL_BASELINE_H

#include "FindingRecord.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace weakify {

class Baseline {
public:
  /// Reads a file written by write(); std::nullopt and \p Error when it
  /// cannot be read or is not a weakify baseline.
  static std::optional<Baseline> read(llvm::StringRef Path, std::string &Error);

  /// Writes \p Findings (input problems left out) to \p Path, files named
  /// relative to \p ProjectRoot. Returns an error message or "".
  static std::string write(llvm::StringRef Path,
                           const std::vector<FindingRecord> &Findings,
                           llvm::StringRef ProjectRoot);

  /// Removes from \p Findings those the baseline holds; returns how many.
  size_t removeKnown(std::vector<FindingRecord> &Findings,
                     llvm::StringRef ProjectRoot) const;

private:
  /// Fingerprint -> how many findings had it.
  std::map<std::string, unsigned> Known;
};

} // namespace weakify

#endif // WEAKIFY_TOOL_BASELINE_H
