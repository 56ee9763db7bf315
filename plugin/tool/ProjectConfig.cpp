//===--- ProjectConfig.cpp - Settings from a .clang-tidy file -------------===//

#include "ProjectConfig.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

namespace weakify {

namespace {

std::optional<std::string> scalar(llvm::yaml::Node *N) {
  auto *S = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(N);
  if (!S)
    return std::nullopt;
  llvm::SmallString<64> Storage;
  return S->getValue(Storage).str();
}

void addOption(ProjectConfig &Config, const std::string &Key,
               const std::string &Value) {
  if (llvm::StringRef(Key).starts_with("weakify-"))
    Config.Options[Key] = Value;
}

/// CheckOptions as a mapping, or as a list of {key: K, value: V}.
bool readOptions(llvm::yaml::Node *N, ProjectConfig &Config) {
  if (auto *Map = llvm::dyn_cast<llvm::yaml::MappingNode>(N)) {
    for (llvm::yaml::KeyValueNode &Entry : *Map) {
      std::optional<std::string> Key = scalar(Entry.getKey());
      std::optional<std::string> Value = scalar(Entry.getValue());
      if (!Key || !Value)
        return false;
      addOption(Config, *Key, *Value);
    }
    return true;
  }
  auto *List = llvm::dyn_cast<llvm::yaml::SequenceNode>(N);
  if (!List)
    return false;
  for (llvm::yaml::Node &Item : *List) {
    auto *Pair = llvm::dyn_cast<llvm::yaml::MappingNode>(&Item);
    if (!Pair)
      return false;
    std::optional<std::string> Key, Value;
    for (llvm::yaml::KeyValueNode &Entry : *Pair) {
      std::optional<std::string> Name = scalar(Entry.getKey());
      if (Name == "key")
        Key = scalar(Entry.getValue());
      else if (Name == "value")
        Value = scalar(Entry.getValue());
    }
    if (!Key || !Value)
      return false;
    addOption(Config, *Key, *Value);
  }
  return true;
}

/// Checks as one string of globs, or as a list of them.
std::optional<std::string> readChecks(llvm::yaml::Node *N) {
  if (std::optional<std::string> Globs = scalar(N))
    return Globs;
  auto *List = llvm::dyn_cast_or_null<llvm::yaml::SequenceNode>(N);
  if (!List)
    return std::nullopt;
  std::string Globs;
  for (llvm::yaml::Node &Item : *List) {
    std::optional<std::string> Glob = scalar(&Item);
    if (!Glob)
      return std::nullopt;
    Globs += (Globs.empty() ? "" : ",") + *Glob;
  }
  return Globs;
}

} // namespace

std::optional<ProjectConfig> readProjectConfig(llvm::StringRef Path,
                                               std::string &Error) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
      llvm::MemoryBuffer::getFile(Path);
  if (!Text) {
    Error = "cannot read '" + Path.str() + "': " + Text.getError().message();
    return std::nullopt;
  }
  ProjectConfig Config;
  Config.Path = Path.str();
  llvm::SourceMgr SM;
  std::string Diagnostics;
  llvm::raw_string_ostream DiagStream(Diagnostics);
  SM.setDiagHandler(
      [](const llvm::SMDiagnostic &D, void *Out) {
        D.print(nullptr, *static_cast<llvm::raw_ostream *>(Out));
      },
      &DiagStream);
  llvm::yaml::Stream Stream((*Text)->getBuffer(), SM);
  auto Fail = [&](const std::string &Why) {
    Error = "bad configuration file '" + Path.str() + "': " + Why;
    return std::nullopt;
  };
  llvm::yaml::document_iterator Document = Stream.begin();
  if (Document == Stream.end())
    return Config;
  llvm::yaml::Node *Root = Document->getRoot();
  if (llvm::isa_and_nonnull<llvm::yaml::NullNode>(Root))
    return Config;
  auto *Map = llvm::dyn_cast_or_null<llvm::yaml::MappingNode>(Root);
  if (!Map || Stream.failed())
    return Fail(Diagnostics.empty() ? "expected a mapping of settings"
                                    : Diagnostics);
  for (llvm::yaml::KeyValueNode &Entry : *Map) {
    std::optional<std::string> Key = scalar(Entry.getKey());
    if (!Key)
      return Fail("expected a setting name");
    llvm::yaml::Node *Value = Entry.getValue();
    if (*Key == "Checks") {
      std::optional<std::string> Globs = readChecks(Value);
      if (!Globs)
        return Fail("'Checks' must be a string or a list of globs");
      Config.Checks = *Globs;
    } else if (*Key == "CheckOptions") {
      if (!readOptions(Value, Config))
        return Fail("'CheckOptions' must map option names to values");
    } else if (*Key == "HeaderFilterRegex") {
      Config.HeaderFilter = scalar(Value);
    } else if (*Key == "ExcludeHeaderFilterRegex") {
      Config.ExcludeHeaderFilter = scalar(Value);
    } else {
      Entry.skip();
    }
    if (Stream.failed())
      return Fail(Diagnostics);
  }
  if (Stream.failed())
    return Fail(Diagnostics);
  return Config;
}

std::string findProjectConfig(llvm::StringRef Directory) {
  llvm::SmallString<256> Dir(Directory);
  llvm::sys::fs::make_absolute(Dir);
  while (!Dir.empty()) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, ".clang-tidy");
    if (llvm::sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir.resize(Parent.size()); // The parent is a prefix.
  }
  return "";
}

} // namespace weakify
