//===--- CheckGlobs.cpp - clang-tidy style lists of check globs -----------===//

#include "CheckGlobs.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/GlobPattern.h"

namespace weakify {

bool isCheckEnabled(llvm::StringRef Globs, llvm::StringRef Name) {
  bool Enabled = false;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Globs.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    bool Positive = !Part.consume_front("-");
    if (Part.empty())
      continue;
    llvm::Expected<llvm::GlobPattern> Pattern = llvm::GlobPattern::create(Part);
    if (!Pattern) {
      llvm::consumeError(Pattern.takeError());
      continue;
    }
    if (Pattern->match(Name))
      Enabled = Positive;
  }
  return Enabled;
}

std::string validateCheckGlobs(llvm::StringRef Globs) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Globs.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    Part.consume_front("-");
    llvm::Expected<llvm::GlobPattern> Pattern = llvm::GlobPattern::create(Part);
    if (!Pattern)
      return "bad check glob '" + Part.str() +
             "': " + llvm::toString(Pattern.takeError());
  }
  return "";
}

} // namespace weakify
