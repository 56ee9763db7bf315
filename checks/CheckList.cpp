//===--- CheckList.cpp - The catalogue of weakify checks ----------------===//

#include "CheckList.h"
#include "OwningCacheCheck.h"
#include "OwningObserversCheck.h"
#include "OwningSideTableCheck.h"
#include "OwnershipCycleCheck.h"
#include "SelfCaptureCheck.h"
#include "StaleWeakEntriesCheck.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/GlobPattern.h"

namespace weakify {

template <typename CheckT> static CheckEntry entry(const char *Name) {
  return {Name, [Name](CheckContext &Context) {
            return std::make_unique<CheckT>(Name, Context);
          }};
}

llvm::ArrayRef<CheckEntry> allChecks() {
  static const CheckEntry Checks[] = {
      entry<OwningCacheCheck>("weakify-owning-cache"),
      entry<OwningObserversCheck>("weakify-owning-observers"),
      entry<OwningSideTableCheck>("weakify-owning-side-table"),
      entry<OwnershipCycleCheck>("weakify-ownership-cycle"),
      entry<SelfCaptureCheck>("weakify-self-capture"),
      entry<StaleWeakEntriesCheck>("weakify-stale-weak-entries"),
  };
  return Checks;
}

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

std::vector<std::unique_ptr<WeakifyCheck>> createChecks(llvm::StringRef Globs,
                                                        CheckContext &Context) {
  std::vector<std::unique_ptr<WeakifyCheck>> Result;
  for (const CheckEntry &Entry : allChecks())
    if (isCheckEnabled(Globs, Entry.Name))
      Result.push_back(Entry.Create(Context));
  return Result;
}

} // namespace weakify
