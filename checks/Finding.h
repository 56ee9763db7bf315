//===--- Finding.h - A front-end neutral diagnostic -------------*- C++ -*-===//
//
// Checks never talk to a diagnostics engine directly: they produce Findings,
// and each front end (clang-tidy, the compiler plugin, the weakify tool)
// renders them its own way. That is what keeps the three outputs identical.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_FINDING_H
#define WEAKIFY_CHECKS_FINDING_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include <string>
#include <vector>

namespace weakify {

struct FindingNote {
  clang::SourceLocation Loc;
  std::string Message;
};

struct Finding {
  std::string CheckName;
  clang::SourceLocation Loc;
  std::string Message;
  std::vector<FindingNote> Notes;
  /// Empty when no safe rewrite exists; then the warning comes alone.
  std::vector<clang::FixItHint> Fixes;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_FINDING_H
