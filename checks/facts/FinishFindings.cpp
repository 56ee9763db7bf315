//===--- FinishFindings.cpp - From rules' findings to what users see ------===//

#include "FinishFindings.h"
#include "RuntimeInclude.h"
#include "Suppression.h"
#include "clang/Basic/LangStandard.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <map>

namespace weakify {
namespace {

class Finisher {
public:
  Finisher(SourceTexts &Texts, IncludeLedger &Includes)
      : Texts(Texts), Includes(Includes) {}

  bool silenced(const Finding &F) {
    std::optional<llvm::StringRef> Text = Texts.text(F.Loc.File);
    std::optional<unsigned> Offset = Texts.offset(F.Loc);
    if (!Text || !Offset)
      return false;
    auto [It, New] = Regions.try_emplace(F.Loc.File);
    if (New)
      It->second = findNolintRegions(*Text);
    return isSuppressedByNolint(*Text, *Offset, F.Check, It->second);
  }

  /// The unmatched NOLINTBEGIN/NOLINTEND of the files findings were in, as
  /// errors (clang-tidy reports them the same way).
  void addNolintProblems(std::vector<Finding> &Findings) {
    for (const auto &[File, FileRegions] : Regions)
      for (const NolintRegions::Problem &P : FileRegions.Problems)
        if (std::optional<Location> At = Texts.locationAt(File, P.Offset)) {
          Finding F;
          F.Check = NolintCheckName;
          F.Loc = *At;
          F.Message = P.Message;
          F.Error = true;
          Findings.push_back(std::move(F));
        }
  }

  /// Whether every edit lands in a readable file and none overlaps another;
  /// identical edits (a use seen through two template instantiations) are
  /// kept once.
  bool placeable(std::vector<Edit> &Edits) {
    std::vector<std::pair<std::pair<std::string, unsigned>, const Edit *>>
        Placed;
    llvm::sort(Edits);
    Edits.erase(std::unique(Edits.begin(), Edits.end()), Edits.end());
    for (const Edit &E : Edits) {
      std::optional<unsigned> Offset = Texts.offset(E.Begin);
      if (!Offset || *Offset + E.Length > Texts.text(E.Begin.File)->size())
        return false;
      Placed.push_back({{E.Begin.File, *Offset}, &E});
    }
    llvm::sort(Placed,
               [](const auto &A, const auto &B) { return A.first < B.first; });
    for (size_t I = 1; I < Placed.size(); ++I) {
      const auto &[PrevAt, Prev] = Placed[I - 1];
      const auto &[At, Cur] = Placed[I];
      if (PrevAt.first != At.first)
        continue;
      bool Overlap = At.second < PrevAt.second + Prev->Length ||
                     (At.second == PrevAt.second &&
                      (Prev->Length == 0 || Cur->Length == 0));
      if (Overlap)
        return false;
    }
    return true;
  }

  /// Adds the runtime #include to \p F's fix when its file does not have
  /// it yet; false when the file cannot be read (the fix would not compile).
  bool include(Finding &F) {
    if (F.NeedsRuntimeIn.empty())
      return true;
    std::optional<llvm::StringRef> Text = Texts.text(F.NeedsRuntimeIn);
    if (!Text)
      return false;
    std::optional<Insertion> Insert =
        includeInsertion(F.NeedsRuntimeIn, *Text, RuntimeHeader);
    if (!Insert || !Includes.claim(F.NeedsRuntimeIn))
      return true;
    std::optional<Location> At =
        Texts.locationAt(F.NeedsRuntimeIn, Insert->Offset);
    if (!At)
      return false;
    F.Fixes.push_back(Edit{*At, 0, Insert->Text});
    return true;
  }

  /// The earlier finding whose fix \p Edits would collide with: an edit
  /// inside or across one of its edits, or text inserted right where one
  /// of them ends (`.lock()` appended to a use another fix rewrites), or a
  /// different text inserted at the same place. Identical edits are shared.
  const Finding *collision(const std::vector<Edit> &Edits) {
    for (const Edit &E : Edits) {
      std::optional<unsigned> At = Texts.offset(E.Begin);
      if (!At)
        continue;
      for (const KeptEdit &K : Kept[E.Begin.File]) {
        if (*K.Edit == E)
          continue;
        unsigned KEnd = K.Offset + K.Edit->Length, End = *At + E.Length;
        bool Collides =
            K.Edit->Length && E.Length
                ? *At < KEnd && K.Offset < End
                : (E.Length == 0 && K.Offset < *At && *At <= KEnd) ||
                      (K.Edit->Length == 0 && *At < K.Offset &&
                       K.Offset <= End) ||
                      (E.Length == 0 && K.Edit->Length == 0 && *At == K.Offset);
        if (Collides)
          return K.Owner;
      }
    }
    return nullptr;
  }

  /// Records the edits of \p F, whose fix is kept.
  void keep(const Finding &F) {
    for (const Edit &E : F.Fixes)
      if (std::optional<unsigned> At = Texts.offset(E.Begin))
        Kept[E.Begin.File].push_back({*At, &E, &F});
  }

private:
  struct KeptEdit {
    unsigned Offset;
    const Edit *Edit;
    const Finding *Owner;
  };
  std::map<std::string, std::vector<KeptEdit>> Kept;
  SourceTexts &Texts;
  IncludeLedger &Includes;
  std::map<std::string, NolintRegions> Regions;
};

} // namespace

std::string standardBelowCxx17(const clang::LangOptions &LangOpts) {
  if (!LangOpts.CPlusPlus || LangOpts.CPlusPlus17)
    return "";
  return std::string(
      clang::LangStandard::getLangStandardForKind(LangOpts.LangStd).getName());
}

void finishFindings(std::vector<Finding> &Findings, SourceTexts &Texts,
                    IncludeLedger &Includes, llvm::StringRef BelowCxx17) {
  llvm::sort(Findings);
  // One finding per check and place: a template's instantiations, or a
  // header seen by many units, tell the same thing.
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &A, const Finding &B) {
                               return A.Check == B.Check && A.Loc == B.Loc;
                             }),
                 Findings.end());
  Finisher Finish(Texts, Includes);
  llvm::erase_if(Findings,
                 [&](const Finding &F) { return Finish.silenced(F); });
  Finish.addNolintProblems(Findings);
  for (Finding &F : Findings) {
    if (F.Fixes.empty())
      continue;
    if (!F.NeedsRuntimeIn.empty() && !BelowCxx17.empty()) {
      F.Fixes.clear();
      F.Message += " (no fix-it: the weakref runtime needs C++17, and this "
                   "code is compiled as " +
                   BelowCxx17.str() + ")";
      continue;
    }
    if (!Finish.placeable(F.Fixes)) {
      F.Fixes.clear();
      continue;
    }
    // Two fixes that each compile alone may not compile together: the
    // first one wins, the other waits for the next run.
    if (const Finding *Other = Finish.collision(F.Fixes)) {
      F.Fixes.clear();
      F.Message += " (no fix-it yet: it would collide with the fix for " +
                   Other->Check + " at line " +
                   std::to_string(Other->Loc.Line) +
                   "; apply that one and run again)";
      continue;
    }
    if (!Finish.include(F))
      F.Fixes.clear();
    else
      Finish.keep(F);
  }
}

} // namespace weakify
