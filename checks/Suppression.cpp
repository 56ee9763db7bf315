//===--- Suppression.cpp - NOLINT comments for non-tidy front ends --------===//

#include "Suppression.h"
#include "CheckList.h"

namespace weakify {

/// Looks for \p Marker in \p Line; if found, returns whether it applies to
/// \p CheckName (a bare marker applies to every check).
static bool markerApplies(llvm::StringRef Line, llvm::StringRef Marker,
                          llvm::StringRef CheckName) {
  size_t Pos = Line.find(Marker);
  while (Pos != llvm::StringRef::npos) {
    llvm::StringRef Rest = Line.substr(Pos + Marker.size());
    // "NOLINT" must not match the start of "NOLINTNEXTLINE".
    if (Rest.empty() || !(llvm::isAlnum(Rest.front()) || Rest.front() == '_')) {
      if (!Rest.consume_front("("))
        return true;
      llvm::StringRef Globs = Rest.take_until([](char C) { return C == ')'; });
      if (isCheckEnabled(Globs, CheckName))
        return true;
    }
    Pos = Line.find(Marker, Pos + Marker.size());
  }
  return false;
}

/// Whether \p Offset lies inside an open NOLINTBEGIN ... NOLINTEND region.
static bool insideNolintRegion(llvm::StringRef Buffer, size_t Offset,
                               llvm::StringRef CheckName) {
  int Open = 0;
  size_t LineStart = 0;
  while (LineStart < Offset) {
    size_t LineEnd = Buffer.find('\n', LineStart);
    if (LineEnd == llvm::StringRef::npos)
      LineEnd = Buffer.size();
    llvm::StringRef Line = Buffer.slice(LineStart, LineEnd);
    if (markerApplies(Line, "NOLINTBEGIN", CheckName))
      ++Open;
    else if (markerApplies(Line, "NOLINTEND", CheckName) && Open > 0)
      --Open;
    LineStart = LineEnd + 1;
  }
  return Open > 0;
}

bool fileMayHaveNolintRegions(const clang::SourceManager &SM,
                              clang::SourceLocation Loc) {
  if (Loc.isInvalid())
    return false;
  bool Invalid = false;
  llvm::StringRef Buffer =
      SM.getBufferData(SM.getFileID(SM.getExpansionLoc(Loc)), &Invalid);
  return !Invalid && Buffer.contains("NOLINTBEGIN");
}

bool isSuppressedByNolint(const clang::SourceManager &SM,
                          clang::SourceLocation Loc, llvm::StringRef CheckName,
                          bool MayHaveRegions) {
  if (Loc.isInvalid())
    return false;
  Loc = SM.getExpansionLoc(Loc);
  auto [FID, Offset] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return false;
  size_t LineStart = Buffer.rfind('\n', Offset ? Offset - 1 : 0);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  if (Offset == 0)
    LineStart = 0;
  size_t LineEnd = Buffer.find('\n', Offset);
  llvm::StringRef Line = Buffer.slice(LineStart, LineEnd);
  if (markerApplies(Line, "NOLINT", CheckName))
    return true;
  if (LineStart > 0) {
    size_t PrevStart = Buffer.rfind('\n', LineStart - 1);
    PrevStart = PrevStart == llvm::StringRef::npos ? 0 : PrevStart + 1;
    llvm::StringRef Prev = Buffer.slice(PrevStart, LineStart - 1);
    if (markerApplies(Prev, "NOLINTNEXTLINE", CheckName))
      return true;
  }
  return MayHaveRegions && insideNolintRegion(Buffer, LineStart, CheckName);
}

} // namespace weakify
