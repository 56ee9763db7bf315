//===--- SourceTexts.cpp - The text of the files findings point into ------===//

#include "SourceTexts.h"
#include <algorithm>

namespace weakify {

const std::vector<unsigned> *SourceTexts::lineStarts(llvm::StringRef File) {
  std::optional<llvm::StringRef> Text = text(File);
  if (!Text)
    return nullptr;
  auto [It, New] = LineStarts.try_emplace(File.str());
  std::vector<unsigned> &Starts = It->second;
  if (New) {
    Starts.push_back(0);
    for (size_t I = 0; I < Text->size(); ++I)
      if ((*Text)[I] == '\n')
        Starts.push_back(I + 1);
  }
  return &Starts;
}

std::optional<unsigned> SourceTexts::offset(const Location &L) {
  if (!L.valid() || L.Column == 0)
    return std::nullopt;
  const std::vector<unsigned> *Starts = lineStarts(L.File);
  if (!Starts || L.Line > Starts->size())
    return std::nullopt;
  unsigned Offset = (*Starts)[L.Line - 1] + L.Column - 1;
  if (Offset > text(L.File)->size())
    return std::nullopt;
  return Offset;
}

std::optional<Location> SourceTexts::locationAt(llvm::StringRef File,
                                                unsigned Offset) {
  const std::vector<unsigned> *Starts = lineStarts(File);
  if (!Starts || Offset > text(File)->size())
    return std::nullopt;
  auto After = std::upper_bound(Starts->begin(), Starts->end(), Offset);
  unsigned Line = After - Starts->begin();
  return Location{File.str(), Line, Offset - (*Starts)[Line - 1] + 1};
}

std::optional<llvm::StringRef> DiskSourceTexts::text(llvm::StringRef File) {
  auto [It, New] = Files.try_emplace(File.str());
  if (New) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    if (Buffer)
      It->second = std::move(*Buffer);
  }
  if (!It->second)
    return std::nullopt;
  return It->second->getBuffer();
}

} // namespace weakify
