//===--- SourceExcerpt.h - Lines of source quoted in a report ---*- C++ -*-===//

#ifndef WEAKIFY_TOOL_SOURCEEXCERPT_H
#define WEAKIFY_TOOL_SOURCEEXCERPT_H

#include "FindingRecord.h"
#include "SourceTexts.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace weakify {

/// The source files a report quotes, as they are on disk now, each read
/// once.
class SourceLines {
public:
  /// The lines of \p File without their ends, or null when it cannot be
  /// read.
  const std::vector<llvm::StringRef> *linesOf(llvm::StringRef File);
  /// The 1-based line holding byte \p Offset of \p File, or 0.
  unsigned lineAt(llvm::StringRef File, unsigned Offset);
  /// The text of \p File, if it can be read.
  std::optional<llvm::StringRef> contents(llvm::StringRef File);

private:
  struct Source {
    llvm::StringRef Text;
    std::vector<llvm::StringRef> Lines;
  };
  const Source *read(llvm::StringRef File);
  /// Reads each file once; Source::Text points into it.
  DiskSourceTexts Texts;
  std::map<std::string, std::optional<Source>, std::less<>> Files;
};

/// Writes \p Around lines either side of \p At's line as a `<pre>` with
/// line numbers, \p At's line highlighted and the word at its column
/// marked; says so when the file cannot be read.
void printExcerpt(SourceLines &Sources, const LocatedText &At, unsigned Around,
                  llvm::raw_ostream &OS);

} // namespace weakify

#endif // WEAKIFY_TOOL_SOURCEEXCERPT_H
