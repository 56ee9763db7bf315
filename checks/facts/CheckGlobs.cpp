//===--- CheckGlobs.cpp - clang-tidy style lists of check globs -----------===//
//
// The same language as clang-tidy's --checks: globs separated by commas or
// newlines, surrounding blanks ignored, a leading '-' disables, later globs
// win, and '*' is the only wildcard (every other character, '?' and '['
// included, stands for itself).
//
//===----------------------------------------------------------------------===//

#include "CheckGlobs.h"
#include "llvm/ADT/SmallVector.h"

namespace weakify {

namespace {

struct Glob {
  llvm::StringRef Pattern;
  bool Positive;
};

llvm::SmallVector<Glob, 8> globsOf(llvm::StringRef Globs) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  llvm::SmallVector<Glob, 8> Result;
  Globs.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Part : Parts) {
    llvm::SmallVector<llvm::StringRef, 2> Lines;
    Part.split(Lines, '\n', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Line : Lines) {
      Line = Line.trim();
      bool Positive = !Line.consume_front("-");
      Line = Line.trim();
      if (!Line.empty())
        Result.push_back({Line, Positive});
    }
  }
  return Result;
}

/// Whether \p Name matches \p Pattern, where '*' matches any run.
bool matches(llvm::StringRef Pattern, llvm::StringRef Name) {
  size_t Star = Pattern.find('*');
  if (Star == llvm::StringRef::npos)
    return Pattern == Name;
  if (!Name.starts_with(Pattern.take_front(Star)))
    return false;
  Pattern = Pattern.drop_front(Star + 1);
  Name = Name.drop_front(Star);
  for (size_t Skip = 0; Skip <= Name.size(); ++Skip)
    if (matches(Pattern, Name.drop_front(Skip)))
      return true;
  return false;
}

} // namespace

bool isCheckEnabled(llvm::StringRef Globs, llvm::StringRef Name) {
  bool Enabled = false;
  for (const Glob &G : globsOf(Globs))
    if (matches(G.Pattern, Name))
      Enabled = G.Positive;
  return Enabled;
}

std::string validateCheckGlobs(llvm::StringRef Globs,
                               llvm::ArrayRef<llvm::StringRef> Known) {
  for (const Glob &G : globsOf(Globs)) {
    if (!G.Positive || Known.empty())
      continue;
    bool Any = false;
    for (llvm::StringRef Name : Known)
      Any |= matches(G.Pattern, Name);
    if (!Any)
      return "check glob '" + G.Pattern.str() +
             "' matches no weakify check (--list-checks lists them)";
  }
  return "";
}

} // namespace weakify
