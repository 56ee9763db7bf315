//===--- FindingRecord.h - A finding that outlives its unit -----*- C++ -*-===//
//
// Findings name places by file, line and column; clang-tidy's YAML and
// clang-apply-replacements want byte offsets. A record is a finished
// finding with both, made against the source texts the finding was
// finished with.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_PLUGIN_COMMON_FINDINGRECORD_H
#define WEAKIFY_PLUGIN_COMMON_FINDINGRECORD_H

#include "Finding.h"
#include "SourceTexts.h"
#include "clang/Tooling/Core/Replacement.h"
#include <string>
#include <tuple>
#include <vector>

namespace weakify {

struct LocatedText {
  std::string File;
  unsigned Offset = 0;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Text;

  auto key() const { return std::tie(File, Offset, Text); }
};

struct FindingRecord {
  std::string Check;
  LocatedText Main;
  std::vector<LocatedText> Notes;
  std::vector<clang::tooling::Replacement> Fixes;
  /// A problem with the input (see Finding::Error): always an error.
  bool Error = false;
  /// See Finding::Declaration and Finding::Ownership.
  std::string Declaration;
  OwnershipPicture Ownership;

  /// Sorting key: file, position, check, message.
  bool operator<(const FindingRecord &O) const {
    return std::tie(Main.File, Main.Offset, Check, Main.Text) <
           std::tie(O.Main.File, O.Main.Offset, O.Check, O.Main.Text);
  }
  bool operator==(const FindingRecord &O) const {
    return !(*this < O) && !(O < *this);
  }
};

/// Records the finished finding \p F; fixes that do not land in a file
/// are dropped with all the others (a partial fix would not compile).
FindingRecord recordFinding(const Finding &F, SourceTexts &Texts);

/// \p Records as clang-tidy's export-fixes YAML text.
std::string toFixesYaml(llvm::StringRef MainFile,
                        const std::vector<FindingRecord> &Records);

/// Writes \p Records as clang-tidy's export-fixes YAML, which
/// clang-apply-replacements reads. Returns an error message or "".
std::string writeFixesYaml(llvm::StringRef Path, llvm::StringRef MainFile,
                           const std::vector<FindingRecord> &Records);

/// `file:line:col: warning: message [check]` and its notes, like clang.
std::string formatAsText(const FindingRecord &R, bool AsError);

} // namespace weakify

#endif // WEAKIFY_PLUGIN_COMMON_FINDINGRECORD_H
