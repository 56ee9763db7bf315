//===--- IncludeFix.cpp - Insert a runtime #include once ------------------===//

#include "IncludeFix.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace weakify {

/// True for a line holding an #include directive (spaces allowed around '#').
static bool isIncludeLine(llvm::StringRef Line) {
  Line = Line.ltrim();
  if (!Line.consume_front("#"))
    return false;
  return Line.ltrim().starts_with("include");
}

std::optional<clang::FixItHint> includeInsertion(const clang::SourceManager &SM,
                                                 clang::FileID FID,
                                                 llvm::StringRef Header) {
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return std::nullopt;
  std::string Directive = ("#include <" + Header + ">").str();

  size_t InsertAt = 0;
  bool SawInclude = false;
  size_t LineStart = 0;
  while (LineStart < Buffer.size()) {
    size_t LineEnd = Buffer.find('\n', LineStart);
    if (LineEnd == llvm::StringRef::npos)
      LineEnd = Buffer.size();
    llvm::StringRef Line = Buffer.slice(LineStart, LineEnd);
    if (isIncludeLine(Line)) {
      if (Line.contains(("<" + Header + ">").str()) ||
          Line.contains(("\"" + Header + "\"").str()))
        return std::nullopt;
      InsertAt = LineEnd + 1;
      SawInclude = true;
    }
    LineStart = LineEnd + 1;
  }
  if (InsertAt > Buffer.size())
    InsertAt = Buffer.size();
  std::string Text = Directive + "\n";
  if (SawInclude && InsertAt == Buffer.size() && !Buffer.ends_with("\n"))
    Text = "\n" + Directive;
  clang::SourceLocation Loc =
      SM.getLocForStartOfFile(FID).getLocWithOffset(static_cast<int>(InsertAt));
  return clang::FixItHint::CreateInsertion(Loc, Text);
}

void IncludeLedger::dropRepeats(std::vector<clang::FixItHint> &Fixes,
                                const clang::SourceManager &SM) {
  const std::string Line = std::string("#include <") + RuntimeHeader + ">";
  llvm::erase_if(Fixes, [&](const clang::FixItHint &Hint) {
    if (!llvm::StringRef(Hint.CodeToInsert).contains(Line))
      return false;
    clang::FileID File =
        SM.getFileID(SM.getExpansionLoc(Hint.RemoveRange.getBegin()));
    return !Files.insert(File.getHashValue()).second;
  });
}

} // namespace weakify
