//===--- Fingerprint.h - A finding's name that survives edits ----*- C++ -*-===//
//
// Baselines and SARIF's partialFingerprints need to know a finding again
// after the code around it moved: the check, the file relative to the
// project and the flagged declaration's qualified name; never a line.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_TOOL_FINGERPRINT_H
#define WEAKIFY_TOOL_FINGERPRINT_H

#include "FindingRecord.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace weakify {

/// \p File relative to \p Root when it lies under it (and \p Root is not
/// empty), otherwise \p File unchanged. Separators are '/'.
std::string relativeToRoot(llvm::StringRef File, llvm::StringRef Root);

/// `check|relative file|declaration`. A finding without a declaration
/// (an input problem) uses its message instead.
std::string fingerprint(const FindingRecord &R, llvm::StringRef ProjectRoot);

} // namespace weakify

#endif // WEAKIFY_TOOL_FINGERPRINT_H
