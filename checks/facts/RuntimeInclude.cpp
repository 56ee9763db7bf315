//===--- RuntimeInclude.cpp - Where the runtime #include goes -------------===//

#include "RuntimeInclude.h"
#include "llvm/ADT/Twine.h"

namespace weakify {

/// True for a line holding an #include directive (spaces allowed around '#').
static bool isIncludeLine(llvm::StringRef Line) {
  Line = Line.ltrim();
  if (!Line.consume_front("#"))
    return false;
  return Line.ltrim().starts_with("include");
}

std::optional<Insertion> includeInsertion(llvm::StringRef Buffer,
                                          llvm::StringRef Header) {
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
  return Insertion{static_cast<unsigned>(InsertAt), Text};
}

} // namespace weakify
