//===--- SourceTexts.h - The text of the files findings point into -*- C++ -*-===//
//
// Finishing findings needs the source text: NOLINT comments are read from it,
// the runtime #include goes after a file's last #include, and edits given by
// line and column become byte offsets. In a compiler the text is the
// compilation's own buffers; in the weakify tool and `weakify report` it is
// read from disk.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_FACTS_SOURCETEXTS_H
#define WEAKIFY_CHECKS_FACTS_SOURCETEXTS_H

#include "Facts.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace weakify {

class SourceTexts {
public:
  virtual ~SourceTexts() = default;
  /// The text of \p File, or nothing when it cannot be had.
  virtual std::optional<llvm::StringRef> text(llvm::StringRef File) = 0;

  /// The byte offset of \p L in its file, or nothing.
  std::optional<unsigned> offset(const Location &L);
  /// The line and column of byte \p Offset of \p File, or nothing.
  std::optional<Location> locationAt(llvm::StringRef File, unsigned Offset);

private:
  const std::vector<unsigned> *lineStarts(llvm::StringRef File);

  std::map<std::string, std::vector<unsigned>> LineStarts;
};

/// Files read from disk, each once.
class DiskSourceTexts : public SourceTexts {
public:
  std::optional<llvm::StringRef> text(llvm::StringRef File) override;

private:
  std::map<std::string, std::unique_ptr<llvm::MemoryBuffer>> Files;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_SOURCETEXTS_H
