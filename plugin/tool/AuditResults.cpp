//===--- AuditResults.cpp - An instrumented run against the findings ------===//

#include "AuditResults.h"
#include "CheckList.h"
#include "SourceTexts.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <numeric>
#include <set>
#include <tuple>

namespace weakify {

namespace {

/// Reads one site; the first problem goes to \p Error.
class SiteReader {
public:
  SiteReader(const llvm::json::Object &O, std::string Where, std::string &Error)
      : O(O), Where(std::move(Where)), Error(Error) {}

  bool string(llvm::StringRef Key, std::string &Out) {
    std::optional<llvm::StringRef> V = O.getString(Key);
    if (!V)
      return fail("has no string '" + Key + "'");
    Out = V->str();
    return true;
  }

  bool count(llvm::StringRef Key, uint64_t &Out) {
    const llvm::json::Value *V = O.get(Key);
    std::optional<uint64_t> N = V ? V->getAsUINT64() : std::nullopt;
    if (!N)
      return fail("has no '" + Key + "' (a non-negative integer)");
    Out = *N;
    return true;
  }

  bool fail(const llvm::Twine &Problem) {
    if (Error.empty())
      Error = (Where + " " + Problem).str();
    return false;
  }

private:
  const llvm::json::Object &O;
  std::string Where;
  std::string &Error;
};

} // namespace

std::optional<std::vector<AuditedSite>> readAudit(llvm::StringRef Path,
                                                  std::string &Error) {
  std::string Name = "audit '" + Path.str() + "'";
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path);
  if (!Buffer) {
    Error = "cannot read " + Name + ": " + Buffer.getError().message();
    return std::nullopt;
  }
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed) {
    Error = Name + " is not valid JSON: " + llvm::toString(Parsed.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *Top = Parsed->getAsObject();
  if (!Top) {
    Error = Name + " is not a JSON object";
    return std::nullopt;
  }
  std::optional<int64_t> Version = Top->getInteger("version");
  if (!Version) {
    Error = Name + " has no 'version'";
    return std::nullopt;
  }
  if (*Version != 1) {
    Error = Name + " is in format version " + std::to_string(*Version) +
            ", but this weakify reads version 1";
    return std::nullopt;
  }
  const llvm::json::Array *Sites = Top->getArray("sites");
  if (!Sites) {
    Error = Name + " has no 'sites' array";
    return std::nullopt;
  }
  std::vector<AuditedSite> Result;
  for (size_t I = 0; I < Sites->size(); ++I) {
    std::string Where = Name + ": site " + std::to_string(I + 1);
    const llvm::json::Object *O = (*Sites)[I].getAsObject();
    if (!O) {
      Error = Where + " is not a JSON object";
      return std::nullopt;
    }
    if (std::optional<llvm::StringRef> SiteName = O->getString("name"))
      Where += " ('" + SiteName->str() + "')";
    SiteReader Read(*O, Where, Error);
    AuditedSite S;
    std::string Status;
    uint64_t Line = 0;
    if (!Read.string("check", S.Check) || !Read.string("file", S.File) ||
        !Read.count("line", Line) || !Read.string("name", S.Name) ||
        !Read.count("retained", S.Retained) || !Read.count("peak", S.Peak) ||
        !Read.count("total", S.Total) || !Read.string("status", Status))
      return std::nullopt;
    if (Line == 0 || Line > UINT32_MAX) {
      Read.fail("has line " + std::to_string(Line) + ", not a line number");
      return std::nullopt;
    }
    S.Line = unsigned(Line);
    if (llvm::none_of(allChecks(),
                      [&](const CheckEntry &E) { return S.Check == E.Name; })) {
      Read.fail("names the unknown check '" + S.Check + "'");
      return std::nullopt;
    }
    if (Status != "leaking" && Status != "clean") {
      Read.fail("has status '" + Status + "', not 'leaking' or 'clean'");
      return std::nullopt;
    }
    if ((Status == "leaking") != S.leaking()) {
      Read.fail("has status '" + Status + "' but " +
                std::to_string(S.Retained) + " objects retained");
      return std::nullopt;
    }
    if (const llvm::json::Value *Groups = O->get("cycle_groups")) {
      const llvm::json::Array *List = Groups->getAsArray();
      if (!List) {
        Read.fail("has 'cycle_groups' that is not an array of integers");
        return std::nullopt;
      }
      for (const llvm::json::Value &G : *List) {
        std::optional<int64_t> Group = G.getAsInteger();
        if (!Group) {
          Read.fail("has 'cycle_groups' that is not an array of integers");
          return std::nullopt;
        }
        S.CycleGroups.push_back(*Group);
      }
    }
    Result.push_back(std::move(S));
  }
  return Result;
}

llvm::StringRef verdictKindName(VerdictKind Kind) {
  switch (Kind) {
  case VerdictKind::Confirmed:
    return "confirmed";
  case VerdictKind::NotSeen:
    return "not-seen";
  case VerdictKind::RunTimeOnly:
    return "run-time-only";
  }
  return "";
}

const AuditVerdict *AuditResults::verdictOf(const FindingRecord &R) const {
  auto It = Verdicts.find(R);
  return It == Verdicts.end() ? nullptr : &It->second;
}

size_t AuditResults::count(const std::vector<FindingRecord> &Findings,
                           VerdictKind Kind) const {
  return llvm::count_if(Findings, [&](const FindingRecord &R) {
    const AuditVerdict *V = verdictOf(R);
    return V && V->Kind == Kind;
  });
}

namespace {

/// Files as one spelling, so that a finding's path and a site's compare.
class PathKeys {
public:
  const std::string &operator()(llvm::StringRef File) {
    auto [It, New] = Keys.try_emplace(File.str());
    if (New) {
      llvm::SmallString<256> Path(File);
      llvm::sys::fs::make_absolute(Path);
      llvm::SmallString<256> Real;
      if (!llvm::sys::fs::real_path(Path, Real))
        Path = Real;
      else
        llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      It->second = std::string(Path);
    }
    return It->second;
  }

private:
  std::map<std::string, std::string> Keys;
};

std::string objects(uint64_t N) {
  return std::to_string(N) + (N == 1 ? " object" : " objects");
}

/// "1000 objects retained through 'Loader::Cache' (peak 1000 at once, 1001
/// in total)".
std::string retainedThrough(const AuditedSite &S) {
  return objects(S.Retained) + " retained through '" + S.Name + "' (peak " +
         std::to_string(S.Peak) + " at once, " + std::to_string(S.Total) +
         " in total)";
}

/// The note for a site that belongs to a result besides its main site.
std::string alsoThrough(const AuditedSite &S) {
  if (S.Check == "weakify-ownership-cycle")
    return "the same leaked cycles also run through '" + S.Name + "' (" +
           objects(S.Retained) + " retained)";
  return "also confirmed at run time: " + retainedThrough(S);
}

/// The site's place, at column 1: the audit names lines only.
LocatedText atSite(const AuditedSite &S, std::string Text, SourceTexts &Texts) {
  LocatedText L;
  L.File = S.File;
  L.Line = S.Line;
  L.Column = 1;
  L.Offset = Texts.offset(Location{S.File, S.Line, 1}).value_or(0);
  L.Text = std::move(Text);
  return L;
}

/// A place of a finding where a site matched it.
struct Match {
  size_t Site;
  LocatedText At;
};

bool shareGroup(const AuditedSite &A, const AuditedSite &B) {
  return llvm::any_of(A.CycleGroups, [&](int64_t G) {
    return llvm::is_contained(B.CycleGroups, G);
  });
}

} // namespace

AuditResults applyAudit(std::vector<FindingRecord> &Findings,
                        const std::vector<AuditedSite> &AllSites,
                        const std::function<bool(llvm::StringRef)> &Enabled) {
  AuditResults Results;
  Results.Given = true;
  std::vector<AuditedSite> Sites;
  for (const AuditedSite &S : AllSites)
    if (Enabled(S.Check))
      Sites.push_back(S);
  PathKeys Key;
  std::multimap<std::tuple<std::string, unsigned, std::string>, size_t> At;
  for (size_t I = 0; I < Sites.size(); ++I)
    At.emplace(
        std::make_tuple(Key(Sites[I].File), Sites[I].Line, Sites[I].Check), I);

  // The sites at each finding's location and its notes', in that order.
  std::vector<std::vector<Match>> Direct(Findings.size());
  std::vector<bool> Matched(Sites.size()), Covered(Sites.size());
  for (size_t F = 0; F < Findings.size(); ++F) {
    const FindingRecord &R = Findings[F];
    if (R.Error) // A problem with the input (a NOLINT), not a leak.
      continue;
    std::vector<const LocatedText *> Places{&R.Main};
    for (const LocatedText &Note : R.Notes)
      Places.push_back(&Note);
    for (const LocatedText *Place : Places) {
      auto [Begin, End] = At.equal_range(
          std::make_tuple(Key(Place->File), Place->Line, R.Check));
      for (auto It = Begin; It != End; ++It) {
        if (llvm::any_of(Direct[F],
                         [&](const Match &M) { return M.Site == It->second; }))
          continue;
        Direct[F].push_back({It->second, *Place});
        if (Sites[It->second].leaking())
          Matched[It->second] = Covered[It->second] = true;
      }
    }
  }

  DiskSourceTexts Texts;
  for (size_t F = 0; F < Findings.size(); ++F) {
    FindingRecord &R = Findings[F];
    if (R.Error)
      continue;
    AuditVerdict Verdict;
    std::vector<const Match *> Leaking;
    for (const Match &M : Direct[F])
      if (Sites[M.Site].leaking())
        Leaking.push_back(&M);
    if (Leaking.empty()) {
      Verdict.Kind = VerdictKind::NotSeen;
      // At the clean site that matched, if any.
      LocatedText Note = Direct[F].empty() ? R.Main : Direct[F].front().At;
      Note.Text =
          "not seen at run time (the audit had no objects retained here";
      if (!Direct[F].empty()) {
        const AuditedSite &Clean = Sites[Direct[F].front().Site];
        Verdict.Site = Clean;
        Note.Text += "; '" + Clean.Name + "' held " +
                     std::to_string(Clean.Total) + " in total, all released";
      }
      Note.Text += ")";
      R.Notes.push_back(std::move(Note));
      Results.Verdicts[R] = std::move(Verdict);
      continue;
    }
    Verdict.Kind = VerdictKind::Confirmed;
    const AuditedSite &Primary = Sites[Leaking.front()->Site];
    Verdict.Site = Primary;
    LocatedText Note = Leaking.front()->At;
    Note.Text = "confirmed at run time: " + retainedThrough(Primary);
    R.Notes.push_back(std::move(Note));
    for (const Match *M : llvm::ArrayRef(Leaking).drop_front()) {
      LocatedText Also = M->At;
      Also.Text = alsoThrough(Sites[M->Site]);
      R.Notes.push_back(std::move(Also));
    }
    // Leaking sites that no finding names but that lie on the same leaked
    // cycles as a site that confirmed this one.
    for (size_t I = 0; I < Sites.size(); ++I) {
      if (Matched[I] || !Sites[I].leaking())
        continue;
      if (llvm::none_of(Leaking, [&](const Match *M) {
            return shareGroup(Sites[M->Site], Sites[I]);
          }))
        continue;
      R.Notes.push_back(atSite(Sites[I], alsoThrough(Sites[I]), Texts));
      Covered[I] = true;
    }
    Results.Verdicts[R] = std::move(Verdict);
  }

  // The rest are run-time-only results; sites on the same leaked cycles
  // make one result, named by the first of them.
  std::vector<size_t> Rest;
  for (size_t I = 0; I < Sites.size(); ++I)
    if (Sites[I].leaking() && !Covered[I])
      Rest.push_back(I);
  std::sort(Rest.begin(), Rest.end(), [&](size_t A, size_t B) {
    return std::tie(Sites[A].File, Sites[A].Line, Sites[A].Check,
                    Sites[A].Name) < std::tie(Sites[B].File, Sites[B].Line,
                                              Sites[B].Check, Sites[B].Name);
  });
  std::vector<bool> Taken(Rest.size());
  for (size_t A = 0; A < Rest.size(); ++A) {
    if (Taken[A])
      continue;
    Taken[A] = true;
    // Positions in Rest of the sites reachable through shared cycle groups.
    std::vector<size_t> Group{A};
    for (size_t Next = 0; Next < Group.size(); ++Next)
      for (size_t B = A + 1; B < Rest.size(); ++B)
        if (!Taken[B] && shareGroup(Sites[Rest[Group[Next]]], Sites[Rest[B]])) {
          Taken[B] = true;
          Group.push_back(B);
        }
    std::sort(Group.begin(), Group.end());
    const AuditedSite &Main = Sites[Rest[A]];
    FindingRecord R;
    R.Check = Main.Check;
    R.Main = atSite(Main,
                    "'" + Main.Name + "' retained " + objects(Main.Retained) +
                        " at run time (peak " + std::to_string(Main.Peak) +
                        " at once, " + std::to_string(Main.Total) +
                        " in total), and no static finding covers it",
                    Texts);
    for (size_t Other : llvm::ArrayRef(Group).drop_front())
      R.Notes.push_back(
          atSite(Sites[Rest[Other]], alsoThrough(Sites[Rest[Other]]), Texts));
    AuditVerdict Verdict;
    Verdict.Kind = VerdictKind::RunTimeOnly;
    Verdict.Site = Main;
    Results.Verdicts[R] = std::move(Verdict);
    Results.RunTimeOnly.push_back(std::move(R));
  }
  std::sort(Results.RunTimeOnly.begin(), Results.RunTimeOnly.end());
  return Results;
}

std::vector<AuditedSite>
mergeAudits(std::vector<std::vector<AuditedSite>> Runs) {
  if (Runs.size() == 1)
    return std::move(Runs.front());
  // Groups of run N are numbered from N * GroupsPerRun: no run has that many.
  constexpr int64_t GroupsPerRun = int64_t(1) << 32;
  std::map<std::tuple<std::string, std::string, unsigned, std::string>,
           AuditedSite>
      Merged;
  for (size_t Run = 0; Run < Runs.size(); ++Run)
    for (AuditedSite &Site : Runs[Run]) {
      for (int64_t &Group : Site.CycleGroups)
        Group += int64_t(Run) * GroupsPerRun;
      auto [It, New] = Merged.try_emplace(
          std::make_tuple(Site.Check, Site.File, Site.Line, Site.Name), Site);
      if (New)
        continue;
      AuditedSite &Into = It->second;
      Into.Retained += Site.Retained;
      Into.Total += Site.Total;
      Into.Peak = std::max(Into.Peak, Site.Peak);
      Into.CycleGroups.insert(Into.CycleGroups.end(), Site.CycleGroups.begin(),
                              Site.CycleGroups.end());
    }
  std::vector<AuditedSite> Sites;
  for (auto &[Key, Site] : Merged)
    Sites.push_back(std::move(Site));
  return Sites;
}

} // namespace weakify
