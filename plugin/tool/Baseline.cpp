//===--- Baseline.cpp - Findings a project has already accepted -----------===//

#include "Baseline.h"
#include "Fingerprint.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace weakify {

static constexpr int64_t FormatVersion = 1;

std::optional<Baseline> Baseline::read(llvm::StringRef Path,
                                       std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer) {
    Error = "cannot read baseline '" + Path.str() +
            "': " + Buffer.getError().message();
    return std::nullopt;
  }
  auto Bad = [&](llvm::StringRef Why) {
    Error = "'" + Path.str() + "' is not a weakify baseline: " + Why.str();
    return std::nullopt;
  };
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return Bad(llvm::toString(Parsed.takeError()));
  const llvm::json::Object *Top = Parsed->getAsObject();
  if (!Top || Top->getString("tool") != "weakify")
    return Bad("no \"tool\": \"weakify\"");
  if (Top->getInteger("version") != FormatVersion)
    return Bad("unknown version (this weakify reads version " +
               std::to_string(FormatVersion) + ")");
  const llvm::json::Array *Findings = Top->getArray("findings");
  if (!Findings)
    return Bad("no \"findings\" array");
  Baseline B;
  for (const llvm::json::Value &Entry : *Findings) {
    const llvm::json::Object *Finding = Entry.getAsObject();
    std::optional<llvm::StringRef> Print =
        Finding ? Finding->getString("fingerprint") : std::nullopt;
    if (!Print)
      return Bad("a finding without a \"fingerprint\"");
    ++B.Known[Print->str()];
  }
  return B;
}

std::string Baseline::write(llvm::StringRef Path,
                            const std::vector<FindingRecord> &Findings,
                            llvm::StringRef ProjectRoot) {
  llvm::json::Array Entries;
  for (const FindingRecord &R : Findings) {
    if (R.Error)
      continue;
    // The rest is for the people reading the file; only the fingerprint
    // is compared.
    Entries.push_back(
        llvm::json::Object{{"fingerprint", fingerprint(R, ProjectRoot)},
                           {"check", R.Check},
                           {"file", relativeToRoot(R.Main.File, ProjectRoot)},
                           {"declaration", R.Declaration},
                           {"message", R.Main.Text}});
  }
  llvm::json::Object Top{{"tool", "weakify"},
                         {"version", FormatVersion},
                         {"findings", std::move(Entries)}};
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return "cannot write baseline '" + Path.str() + "': " + EC.message();
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Top))) << '\n';
  OS.close();
  if (OS.has_error())
    return "cannot write baseline '" + Path.str() +
           "': " + OS.error().message();
  return "";
}

size_t Baseline::removeKnown(std::vector<FindingRecord> &Findings,
                             llvm::StringRef ProjectRoot) const {
  std::map<std::string, unsigned> Left = Known;
  size_t Before = Findings.size();
  llvm::erase_if(Findings, [&](const FindingRecord &R) {
    if (R.Error)
      return false;
    auto It = Left.find(fingerprint(R, ProjectRoot));
    if (It == Left.end() || It->second == 0)
      return false;
    --It->second;
    return true;
  });
  return Before - Findings.size();
}

} // namespace weakify
