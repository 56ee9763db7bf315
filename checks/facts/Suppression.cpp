//===--- Suppression.cpp - NOLINT comments --------------------------------===//

#include "Suppression.h"
#include "CheckGlobs.h"
#include "llvm/ADT/StringExtras.h"

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

bool isSuppressedByNolint(llvm::StringRef Buffer, unsigned Offset,
                          llvm::StringRef CheckName, bool MayHaveRegions) {
  if (Offset > Buffer.size())
    return false;
  size_t LineStart = Offset == 0 ? 0 : Buffer.rfind('\n', Offset - 1);
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
