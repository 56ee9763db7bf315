//===--- Suppression.cpp - NOLINT comments --------------------------------===//

#include "Suppression.h"
#include "CheckGlobs.h"
#include "llvm/ADT/StringExtras.h"

namespace weakify {

namespace {

/// One marker found in the text: where, and its check list.
struct Marker {
  size_t Offset;
  bool HasList;
  bool Closed; ///< The list has its ')'.
  llvm::StringRef List;
};

/// The occurrences of \p Name in \p Text (from \p Base on) that are whole
/// markers: "NOLINT" is not the start of "NOLINTNEXTLINE".
std::vector<Marker> markersIn(llvm::StringRef Text, llvm::StringRef Name,
                              size_t Base = 0) {
  std::vector<Marker> Found;
  for (size_t Pos = Text.find(Name); Pos != llvm::StringRef::npos;
       Pos = Text.find(Name, Pos + Name.size())) {
    llvm::StringRef Rest = Text.substr(Pos + Name.size());
    if (!Rest.empty() && (llvm::isAlnum(Rest.front()) || Rest.front() == '_'))
      continue;
    Marker M{Base + Pos, false, false, ""};
    if (Rest.consume_front("(")) {
      M.HasList = true;
      llvm::StringRef Line = Rest.take_until([](char C) { return C == '\n'; });
      size_t Close = Line.find(')');
      M.Closed = Close != llvm::StringRef::npos;
      M.List = Line.take_front(Close);
    }
    Found.push_back(M);
  }
  return Found;
}

/// Whether marker \p M applies to \p CheckName: no list (or an unclosed
/// one) means every check.
bool applies(const Marker &M, llvm::StringRef CheckName) {
  return !M.HasList || !M.Closed || isCheckEnabled(M.List, CheckName);
}

bool lineHas(llvm::StringRef Line, llvm::StringRef Name,
             llvm::StringRef CheckName) {
  for (const Marker &M : markersIn(Line, Name))
    if (applies(M, CheckName))
      return true;
  return false;
}

} // namespace

NolintRegions findNolintRegions(llvm::StringRef Buffer) {
  NolintRegions Result;
  if (!Buffer.contains("NOLINTBEGIN") && !Buffer.contains("NOLINTEND"))
    return Result;
  struct Directive {
    Marker M;
    bool Begin;
  };
  std::vector<Directive> Directives;
  for (const Marker &M : markersIn(Buffer, "NOLINTBEGIN"))
    Directives.push_back({M, true});
  for (const Marker &M : markersIn(Buffer, "NOLINTEND"))
    Directives.push_back({M, false});
  llvm::sort(Directives, [](const Directive &A, const Directive &B) {
    return A.M.Offset < B.M.Offset;
  });
  std::vector<Marker> Open;
  auto SameList = [](const Marker &A, const Marker &B) {
    return A.HasList == B.HasList && A.List.trim() == B.List.trim();
  };
  for (const Directive &D : Directives) {
    if (D.Begin) {
      Open.push_back(D.M);
    } else if (!Open.empty() && SameList(Open.back(), D.M)) {
      const Marker &B = Open.back();
      Result.Regions.push_back(
          {B.Offset, D.M.Offset, B.List.str(), !B.HasList || !B.Closed});
      Open.pop_back();
    } else {
      Result.Problems.push_back(
          {D.M.Offset, "unmatched 'NOLINTEND' comment without a previous "
                       "'NOLINTBEGIN' comment"});
    }
  }
  for (const Marker &B : Open)
    Result.Problems.push_back(
        {B.Offset, "unmatched 'NOLINTBEGIN' comment without a subsequent "
                   "'NOLINTEND' comment"});
  return Result;
}

bool isSuppressedByNolint(llvm::StringRef Buffer, unsigned Offset,
                          llvm::StringRef CheckName,
                          const NolintRegions &Regions) {
  if (Offset > Buffer.size())
    return false;
  size_t LineStart = Offset == 0 ? 0 : Buffer.rfind('\n', Offset - 1);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  if (Offset == 0)
    LineStart = 0;
  size_t LineEnd = Buffer.find('\n', Offset);
  llvm::StringRef Line = Buffer.slice(LineStart, LineEnd);
  if (lineHas(Line, "NOLINT", CheckName))
    return true;
  if (LineStart > 0) {
    size_t PrevStart = Buffer.rfind('\n', LineStart - 1);
    PrevStart = PrevStart == llvm::StringRef::npos ? 0 : PrevStart + 1;
    llvm::StringRef Prev = Buffer.slice(PrevStart, LineStart - 1);
    if (lineHas(Prev, "NOLINTNEXTLINE", CheckName))
      return true;
  }
  for (const NolintRegions::Region &R : Regions.Regions)
    if (R.Begin < Offset && Offset < R.End &&
        (R.All || isCheckEnabled(R.Globs, CheckName)))
      return true;
  return false;
}

} // namespace weakify
