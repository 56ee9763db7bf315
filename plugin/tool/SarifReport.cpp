//===--- SarifReport.cpp - Findings as SARIF 2.1.0 ------------------------===//
//
// The log must pass the SARIF multitool's validation and suit code-scanning
// consumers (GitHub, VS Code's SARIF viewer, CodeChecker): absolute,
// percent-encoded file URIs (or URIs relative to PROJECTROOT), a rule with
// descriptions for every result, fingerprints that survive edits above a
// finding, and units that could not be analysed as tool notifications.
//
//===----------------------------------------------------------------------===//

#include "CheckList.h"
#include "Fingerprint.h"
#include "ReportFormats.h"
#include "SourceTexts.h"
#include "Suppression.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include <map>
#include <memory>
#include <set>

namespace weakify {

namespace {

/// Where the docs/ folder is published, if the build was told
/// (-DWEAKIFY_DOCS_URL=...); there is no public site to assume.
#ifdef WEAKIFY_DOCS_URL
constexpr llvm::StringLiteral DocsUrl = WEAKIFY_DOCS_URL;
#else
constexpr llvm::StringLiteral DocsUrl = "";
#endif

constexpr llvm::StringLiteral ProjectRootId = "PROJECTROOT";

/// \p Path as a URI path (RFC 3986): unreserved characters and '/' stay,
/// every other byte is %XX. Encoding ':' too keeps a relative path from
/// reading as a scheme.
std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/') {
      Out += C;
      continue;
    }
    Out += '%';
    Out += llvm::hexdigit(C >> 4);
    Out += llvm::hexdigit(C & 15);
  }
  return Out;
}

/// \p File made absolute against the working directory, without `.` or
/// `..`: the inputs of `weakify report` are named as on its command line.
std::string absolutePath(llvm::StringRef File) {
  llvm::SmallString<256> Path(File);
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

std::string fileUri(llvm::StringRef AbsolutePath) {
  return "file://" + percentEncode(AbsolutePath);
}

/// A message ends with a period, as SARIF asks of plain-text messages.
std::string sentence(llvm::StringRef Text) {
  Text = Text.rtrim();
  if (Text.ends_with(".") || Text.ends_with("?") || Text.ends_with("!"))
    return Text.str();
  return Text.str() + ".";
}

llvm::json::Object message(llvm::StringRef Text) {
  return llvm::json::Object{{"text", sentence(Text)}};
}

/// The language SARIF names for a source file, or "" (an object file, an
/// archive). weakify analyses C++, so a header is C++ too.
llvm::StringRef sourceLanguage(llvm::StringRef File) {
  llvm::StringRef Extension = llvm::sys::path::extension(File);
  if (Extension == ".c")
    return "c";
  for (llvm::StringRef Cxx : {".cpp", ".cc", ".cxx", ".c++", ".C", ".h", ".hh",
                              ".hpp", ".hxx", ".h++", ".inl", ".ipp"})
    if (Extension == Cxx)
      return "cplusplus";
  return "";
}

/// The run's files (run.artifacts), each named once, in path order, with
/// their roles: a result's file, or a unit that could not be analysed.
/// Results refer to them by index. Files under the project root are named
/// relative to PROJECTROOT, so the log reads the same on every checkout.
class ArtifactTable {
public:
  explicit ArtifactTable(llvm::StringRef ProjectRoot)
      : Root(ProjectRoot.rtrim('/')) {}

  void add(llvm::StringRef File, llvm::StringRef Role) {
    Roles[absolutePath(File)].insert(Role.str());
  }

  /// Call once every file was added.
  void number() {
    for (const auto &[Path, Unused] : Roles)
      Index.emplace(Path, Index.size());
  }

  /// An artifactLocation naming \p File and its index in the artifacts.
  llvm::json::Object location(llvm::StringRef File) const {
    std::string Path = absolutePath(File);
    llvm::json::Object Location = named(Path);
    Location["index"] = int64_t(Index.at(Path));
    return Location;
  }

  llvm::json::Array artifacts() const {
    llvm::json::Array Artifacts;
    for (const auto &[Path, PathRoles] : Roles) {
      llvm::json::Array RoleNames;
      for (const std::string &Role : PathRoles)
        RoleNames.push_back(Role);
      llvm::json::Object Artifact{{"location", named(Path)},
                                  {"roles", std::move(RoleNames)}};
      if (llvm::StringRef Language = sourceLanguage(Path); !Language.empty())
        Artifact["sourceLanguage"] = Language;
      Artifacts.push_back(std::move(Artifact));
    }
    return Artifacts;
  }

  /// PROJECTROOT as an absolute URI ending in '/', which a relative URI
  /// resolves against; nothing without a root.
  std::optional<llvm::json::Object> baseIds() const {
    if (Root.empty())
      return std::nullopt;
    return llvm::json::Object{
        {ProjectRootId,
         llvm::json::Object{
             {"uri", fileUri(Root) + "/"},
             {"description", message("The project root (--project-root)")}}}};
  }

private:
  llvm::json::Object named(llvm::StringRef Path) const {
    std::string Relative = relativeToRoot(Path, Root);
    if (Root.empty() || Relative == Path)
      return llvm::json::Object{{"uri", fileUri(Path)}};
    return llvm::json::Object{{"uri", percentEncode(Relative)},
                              {"uriBaseId", ProjectRootId}};
  }

  std::string Root;
  std::map<std::string, std::set<std::string>> Roles;
  std::map<std::string, size_t> Index;
};

/// Clang counts columns in bytes; SARIF's default, and what consumers that
/// ignore columnKind assume (VS Code, browsers), is UTF-16 code units. The
/// line's text before the column is read from the file; when it cannot be
/// (a file gone or changed since the build), the byte column stays, which
/// is exact for ASCII lines.
class Utf16Columns {
public:
  unsigned column(const LocatedText &L) {
    unsigned Bytes = L.Column - 1;
    std::optional<llvm::StringRef> File = Texts.text(L.File);
    if (L.Column == 0 || !File || L.Offset < Bytes || L.Offset > File->size())
      return L.Column;
    llvm::StringRef Text = *File;
    llvm::StringRef Before = Text.slice(L.Offset - Bytes, L.Offset);
    bool AtLineStart = L.Offset == Bytes || Text[L.Offset - Bytes - 1] == '\n';
    if (!AtLineStart || Before.contains('\n') || !isUtf8(Before))
      return L.Column;
    return utf16Units(Before) + 1;
  }

private:
  static bool isUtf8(llvm::StringRef Text) {
    const auto *Begin = reinterpret_cast<const llvm::UTF8 *>(Text.begin());
    const auto *End = reinterpret_cast<const llvm::UTF8 *>(Text.end());
    return llvm::isLegalUTF8String(&Begin, End);
  }

  /// Every code point is one unit, those beyond the BMP (4-byte UTF-8
  /// sequences) two.
  static unsigned utf16Units(llvm::StringRef Utf8) {
    unsigned Units = 0;
    for (unsigned char C : Utf8) {
      if ((C & 0xC0) != 0x80)
        ++Units;
      if (C >= 0xF0)
        ++Units;
    }
    return Units;
  }

  DiskSourceTexts Texts;
};

/// The rules of the run (tool.driver.rules); a result names its rule by id
/// and index.
class RuleTable {
public:
  void add(llvm::json::Object Rule) {
    Index.emplace(*Rule.getString("id"), Rules.size());
    Rules.push_back(std::move(Rule));
  }
  bool has(llvm::StringRef Id) const { return Index.count(Id.str()); }
  int64_t index(llvm::StringRef Id) const { return Index.at(Id.str()); }
  llvm::json::Array take() { return std::move(Rules); }

private:
  llvm::json::Array Rules;
  std::map<std::string, size_t> Index;
};

/// `weakify-owning-cache` as `OwningCache`: SARIF wants rule names that
/// read as identifiers.
std::string ruleName(llvm::StringRef Id) {
  Id.consume_front("weakify-");
  std::string Name;
  for (llvm::StringRef Part : llvm::split(Id, llvm::StringRef("-")))
    for (llvm::StringRef P : llvm::split(Part, llvm::StringRef("/")))
      if (!P.empty())
        Name += llvm::toUpper(P.front()) + P.drop_front().str();
  return Name;
}

llvm::json::Object rule(llvm::StringRef Id, llvm::StringRef Summary,
                        llvm::StringRef Description, llvm::StringRef DocPage,
                        llvm::StringRef Level) {
  llvm::json::Object Rule{
      {"id", Id.str()},
      {"name", ruleName(Id)},
      {"shortDescription", message(Summary)},
      {"fullDescription", message(Description)},
      {"help", message(sentence(Description) + " See " + DocPage.str() +
                       " in the weakify documentation")},
      {"defaultConfiguration", llvm::json::Object{{"level", Level.str()}}}};
  if (!DocsUrl.empty())
    Rule["helpUri"] = (DocsUrl + "/" + DocPage).str();
  return Rule;
}

llvm::json::Object checkRule(const CheckEntry &Entry) {
  return rule(Entry.Name, Entry.Summary, Entry.Description,
              std::string("checks/") + Entry.Name + ".md", "warning");
}

llvm::json::Object runTimeOnlyRuleOf(llvm::StringRef Check) {
  return rule(runTimeOnlyRule(Check),
              ("A leak an instrumented run saw through a field of " + Check +
               " that no static finding covers")
                  .str(),
              ("The audit written by a program built with weakify's "
               "instrumentation found objects still kept alive at exit "
               "through this field, a site of " +
               Check +
               ", and the static analysis reported nothing there (its "
               "evidence lies outside the analysed units, or the check "
               "cannot see it). The result names the site's line; the "
               "retained, peak and total counts are its properties")
                  .str(),
              "tool.md#run-time-audit", "warning");
}

/// A rule for a result that names no weakify check: an input problem, such
/// as an unmatched NOLINTBEGIN, which every front end reports as an error.
llvm::json::Object inputProblemRule(llvm::StringRef Id) {
  if (Id == NolintCheckName)
    return rule(Id, "A NOLINTBEGIN or NOLINTEND comment without its partner",
                "A NOLINTBEGIN comment that no NOLINTEND closes, or a "
                "NOLINTEND with nothing to close, silences nothing; like "
                "clang-tidy, weakify reports it as an error so that no "
                "finding is hidden by accident",
                "tool.md#nolint", "error");
  return rule(Id, "A problem with the input", "A problem with the input",
              "tool.md", "error");
}

/// Every check weakify ships, then what the results need beyond them.
RuleTable makeRules(const std::vector<FindingRecord> &Findings,
                    const AuditResults &Audit) {
  RuleTable Rules;
  for (const CheckEntry &Entry : allChecks())
    Rules.add(checkRule(Entry));
  std::set<std::string> Others;
  for (const FindingRecord &R : Findings)
    if (!Rules.has(R.Check))
      Others.insert(R.Check);
  for (const std::string &Id : Others)
    Rules.add(inputProblemRule(Id));
  std::set<std::string> RunTimeOnly;
  for (const FindingRecord &R : Audit.RunTimeOnly)
    RunTimeOnly.insert(R.Check);
  for (const std::string &Check : RunTimeOnly)
    Rules.add(runTimeOnlyRuleOf(Check));
  return Rules;
}

/// The audit's word on \p R, as SARIF properties.
std::optional<llvm::json::Object> sarifAudit(const AuditResults &Audit,
                                             const FindingRecord &R) {
  const AuditVerdict *V = Audit.verdictOf(R);
  if (!V)
    return std::nullopt;
  llvm::json::Object Properties{{"weakifyAudit", verdictKindName(V->Kind)}};
  if (V->Site) {
    Properties["weakifyAuditSite"] = V->Site->Name;
    Properties["retained"] = int64_t(V->Site->Retained);
    Properties["peak"] = int64_t(V->Site->Peak);
    Properties["total"] = int64_t(V->Site->Total);
  }
  return Properties;
}

/// Fingerprints that name a result again after the code around it moved:
/// `weakify/v1` is a hash of the rule, the file relative to the project
/// root and the flagged declaration (never a line), then `:N` for the N-th
/// result with that hash, as GitHub numbers its own.
class Fingerprints {
public:
  Fingerprints(const AuditResults &Audit, llvm::StringRef ProjectRoot)
      : Audit(Audit), Root(ProjectRoot) {}

  llvm::json::Object of(FindingRecord R, llvm::StringRef Rule) {
    // A run-time-only result has no declaration, and its message holds
    // counts that change from run to run: the site's name stands in.
    if (R.Declaration.empty())
      if (const AuditVerdict *V = Audit.verdictOf(R); V && V->Site)
        R.Declaration = V->Site->Name;
    R.Check = Rule.str();
    std::string Key = fingerprint(R, Root);
    std::array<uint8_t, 32> Hash = llvm::SHA256::hash(llvm::ArrayRef(
        reinterpret_cast<const uint8_t *>(Key.data()), Key.size()));
    std::string Hex = llvm::toHex(llvm::ArrayRef(Hash).take_front(16),
                                  /*LowerCase=*/true);
    unsigned Occurrence = ++Seen[Hex];
    return llvm::json::Object{
        {"weakify/v1", Hex + ":" + std::to_string(Occurrence)}};
  }

private:
  const AuditResults &Audit;
  std::string Root;
  std::map<std::string, unsigned> Seen;
};

/// Writes the results and what they refer to.
class SarifWriter {
public:
  SarifWriter(const std::vector<FindingRecord> &Findings,
              const AuditResults &Audit, const ReportContext &Context)
      : Findings(Findings), Audit(Audit), Context(Context),
        Artifacts(Context.ProjectRoot), Rules(makeRules(Findings, Audit)),
        Prints(Audit, Context.ProjectRoot) {
    collectArtifacts();
  }

  llvm::json::Object log() {
    llvm::json::Array Results;
    for (const FindingRecord &R : Findings)
      Results.push_back(result(R, R.Check));
    for (const FindingRecord &R : Audit.RunTimeOnly)
      Results.push_back(result(R, runTimeOnlyRule(R.Check)));
    llvm::json::Object Run{{"tool", llvm::json::Object{{"driver", driver()}}},
                           {"invocations", llvm::json::Array{invocation()}},
                           {"columnKind", "utf16CodeUnits"},
                           {"artifacts", Artifacts.artifacts()},
                           {"results", std::move(Results)}};
    if (std::optional<llvm::json::Object> BaseIds = Artifacts.baseIds())
      Run["originalUriBaseIds"] = std::move(*BaseIds);
    return llvm::json::Object{
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", llvm::json::Array{std::move(Run)}}};
  }

private:
  void collectArtifacts() {
    auto AddRecord = [&](const FindingRecord &R) {
      Artifacts.add(R.Main.File, "resultFile");
      for (const LocatedText &Note : R.Notes)
        Artifacts.add(Note.File, "resultFile");
      for (const clang::tooling::Replacement &Fix : R.Fixes)
        Artifacts.add(Fix.getFilePath(), "resultFile");
    };
    for (const FindingRecord &R : Findings)
      AddRecord(R);
    for (const FindingRecord &R : Audit.RunTimeOnly)
      AddRecord(R);
    for (const UnitFailure &Failure : Context.Failures)
      Artifacts.add(Failure.File, "analysisTarget");
    Artifacts.number();
  }

  llvm::json::Object driver() {
    llvm::json::Object Driver{{"name", "weakify"},
                              {"version", WEAKIFY_VERSION},
                              {"semanticVersion", WEAKIFY_VERSION},
                              {"rules", Rules.take()}};
    if (!DocsUrl.empty())
      Driver["informationUri"] = (DocsUrl + "/tool.md").str();
    return Driver;
  }

  /// Whether every unit was analysed; each one that was not is an error
  /// notification at its file.
  llvm::json::Object invocation() {
    llvm::json::Object Invocation{
        {"executionSuccessful", Context.Failures.empty()}};
    llvm::json::Array Notifications;
    for (const UnitFailure &Failure : Context.Failures)
      Notifications.push_back(llvm::json::Object{
          {"level", "error"},
          {"message", llvm::json::Object{{"text", failureText(Failure)}}},
          {"locations",
           llvm::json::Array{llvm::json::Object{
               {"physicalLocation",
                llvm::json::Object{{"artifactLocation",
                                    Artifacts.location(Failure.File)}}}}}}});
    if (!Notifications.empty())
      Invocation["toolExecutionNotifications"] = std::move(Notifications);
    return Invocation;
  }

  /// A sentence, then clang's errors as clang printed them.
  static std::string failureText(const UnitFailure &Failure) {
    return "Could not analyse " + Failure.File + ".\n" + Failure.Message;
  }

  llvm::json::Object location(const LocatedText &L) {
    llvm::json::Object Physical{
        {"artifactLocation", Artifacts.location(L.File)}};
    if (L.Line > 0)
      Physical["region"] = llvm::json::Object{
          {"startLine", L.Line}, {"startColumn", Columns.column(L)}};
    return llvm::json::Object{{"physicalLocation", std::move(Physical)}};
  }

  llvm::json::Array relatedLocations(const FindingRecord &R) {
    llvm::json::Array Related;
    for (const LocatedText &Note : R.Notes) {
      llvm::json::Object Location = location(Note);
      Location["id"] = int64_t(Related.size() + 1);
      Location["message"] = message(Note.Text);
      Related.push_back(std::move(Location));
    }
    return Related;
  }

  /// The finding's fix-it: its edits grouped by file, each a byte range of
  /// the file as it was analysed and the text that replaces it.
  llvm::json::Object fix(const FindingRecord &R) {
    std::map<std::string, llvm::json::Array> ByFile;
    for (const clang::tooling::Replacement &Edit : R.Fixes) {
      llvm::json::Object Replacement{
          {"deletedRegion",
           llvm::json::Object{{"byteOffset", int64_t(Edit.getOffset())},
                              {"byteLength", int64_t(Edit.getLength())}}}};
      if (!Edit.getReplacementText().empty())
        Replacement["insertedContent"] =
            llvm::json::Object{{"text", Edit.getReplacementText().str()}};
      ByFile[Edit.getFilePath().str()].push_back(std::move(Replacement));
    }
    llvm::json::Array Changes;
    for (auto &[File, Replacements] : ByFile)
      Changes.push_back(
          llvm::json::Object{{"artifactLocation", Artifacts.location(File)},
                             {"replacements", std::move(Replacements)}});
    return llvm::json::Object{
        {"description", message("Apply the fix-it weakify offers (what "
                                "--fix applies) for " +
                                R.Check)},
        {"artifactChanges", std::move(Changes)}};
  }

  llvm::json::Object result(const FindingRecord &R, const std::string &Rule) {
    llvm::json::Object Result{
        {"ruleId", Rule},
        {"ruleIndex", Rules.index(Rule)},
        {"level", R.Error ? "error" : "warning"},
        {"message", message(R.Main.Text)},
        {"locations", llvm::json::Array{location(R.Main)}},
        {"partialFingerprints", Prints.of(R, Rule)}};
    if (!R.Notes.empty())
      Result["relatedLocations"] = relatedLocations(R);
    if (!R.Fixes.empty())
      Result["fixes"] = llvm::json::Array{fix(R)};
    if (std::optional<llvm::json::Object> Properties = sarifAudit(Audit, R))
      Result["properties"] = std::move(*Properties);
    return Result;
  }

  const std::vector<FindingRecord> &Findings;
  const AuditResults &Audit;
  const ReportContext &Context;
  ArtifactTable Artifacts;
  RuleTable Rules;
  Fingerprints Prints;
  Utf16Columns Columns;
};

} // namespace

void printSarif(const std::vector<FindingRecord> &Findings,
                const AuditResults &Audit, const ReportContext &Context,
                llvm::raw_ostream &OS) {
  SarifWriter Writer(Findings, Audit, Context);
  OS << llvm::formatv("{0:2}", llvm::json::Value(Writer.log())) << '\n';
}

} // namespace weakify
