//===--- SelfCaptureRules.cpp - When a callable keeps its own object ------===//
//
// A callable holding shared_from_this() leaks its object when the facts show
// where it is stored: a path of members from the object, each held by value
// or by std::unique_ptr, ending at the member that holds it. When the path
// runs into a member function, what that function does with its parameter
// decides (as the unit defining it says); when no unit analysed defines it,
// its name does (StoringFunctions, or `connect` on a signal). And nothing
// lets go: every member on the path has all its uses in the facts (see
// facts/Visibility.h) and none is released, reset, cleared, reassigned or
// moved from outside a destructor, and no call empties the storing function
// with nullptr or {}.
//
//===----------------------------------------------------------------------===//

#include "SelfCaptureCheck.h"
#include "Visibility.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"
#include <optional>

namespace weakify {
namespace {

struct Storage {
  std::vector<std::string> Path;
  bool SlotKnown = false;
  Location StoreLoc;
};

class SelfCaptureRules {
public:
  SelfCaptureRules(const FactSet &Facts, const SelfCaptureOptions &Options,
                   const Scope &S, Decisions &Out)
      : Facts(Facts), StoringNames(Options.StoringFunctions), S(S), Out(Out) {}

  void run() {
    for (const Fact &Callable : Facts.ofKind(Check, "callable"))
      decide(Callable);
  }

private:
  const char *Check = SelfCaptureCheck::Name;

  /// Where the storage described by \p F (a callable or a kept parameter)
  /// ends, following pending member functions.
  std::optional<Storage> resolve(const Fact &F, unsigned Depth) const {
    Storage Result;
    llvm::SmallVector<llvm::StringRef, 4> Path;
    F.get("path").split(Path, ' ', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Field : Path)
      Result.Path.push_back(Field.str());
    Result.SlotKnown = F.has("slot-known");
    Result.StoreLoc = decodeLocation(F.get("store-loc"));
    llvm::StringRef Pending = F.get("pending");
    if (Pending.empty())
      return Result;
    llvm::ArrayRef<Fact> Definitions = Facts.about(Check, "parameter", Pending);
    if (Definitions.empty()) {
      // No unit analysed defines it: only its name says it keeps.
      llvm::StringRef Name = F.get("pending-name");
      if (!StoringNames.match(Name) && !(Name == "connect" && F.has("signal")))
        return std::nullopt;
      return Result;
    }
    if (Depth > 4)
      return std::nullopt;
    for (const Fact &Definition : Definitions) {
      if (!Definition.has("kept"))
        continue;
      if (std::optional<Storage> Inner = resolve(Definition, Depth + 1)) {
        Result.Path.insert(Result.Path.end(), Inner->Path.begin(),
                           Inner->Path.end());
        Result.SlotKnown = Inner->SlotKnown;
        Result.StoreLoc = Inner->StoreLoc;
        return Result;
      }
    }
    return std::nullopt;
  }

  /// Whether code lets go of what the member \p Field holds.
  bool released(llvm::StringRef Field, bool ByName) const {
    return Facts.first(Check, "released", Field) ||
           (ByName && Facts.first(Check, "released-by-name", Field));
  }

  void decide(const Fact &Callable) {
    std::optional<Storage> Kept = resolve(Callable, 0);
    if (!Kept || Kept->Path.empty())
      return;
    // "Never released" is a claim about every access to each member on the
    // way: the facts must hold all of them.
    std::vector<const Fact *> Fields;
    for (const std::string &Id : Kept->Path) {
      const Fact *Field = Facts.first(Check, "field", Id);
      if (!Field || released(Id, /*ByName=*/!Kept->SlotKnown))
        return;
      Fields.push_back(Field);
    }
    llvm::StringRef Callee = Callable.get("callee");
    if (!Callee.empty() && Facts.first(Check, "emptied-through", Callee))
      return;
    // Checked last, so that --explain only speaks of would-be findings.
    for (const Fact *Field : Fields)
      if (std::string Why = missingUses(Facts, *Field, S); !Why.empty()) {
        Out.Explanations.push_back(
            {Check, Callable.Loc,
             "the " + Callable.get("noun").str() + " kept in '" +
                 Field->get("name").str() + "' is not reported: " + Why});
        return;
      }
    Out.Findings.push_back(describe(Callable, *Kept, Fields));
  }

  /// The warning and its notes.
  Finding describe(const Fact &Callable, const Storage &Kept,
                   const std::vector<const Fact *> &Fields) const {
    std::string Class = Callable.get("class").str();
    std::string Noun = Callable.get("noun").str();
    std::string CalleeName = Callable.get("callee-name").str();
    std::string Path;
    for (const Fact *Field : Fields)
      Path += (Path.empty() ? "" : ".") + Field->get("name").str();
    Finding F;
    F.Check = Check;
    F.Loc = Callable.Loc;
    std::string Owns =
        Kept.SlotKnown
            ? "'" + Class + "' owns the " + Noun + " stored in '" + Path + "'"
            : "'" + Class + "' owns '" + Path + "', which keeps the " + Noun +
                  " handed to its '" + CalleeName + "'";
    F.Message = Owns + ", and the " + Noun + " owns the '" + Class +
                "' through " + Callable.get("holder").str() +
                ": neither is ever destroyed; " + Callable.get("advice").str();
    F.Notes.push_back({decodeLocation(Callable.get("strong-loc")),
                       Callable.get("strong-note").str()});
    if (!CalleeName.empty())
      F.Notes.push_back(
          {decodeLocation(Callable.get("handoff-loc")),
           "the " + Noun + " is handed to '" + CalleeName + "' here"});
    const Fact &Last = *Fields.back();
    std::string LastName = Last.get("name").str();
    if (Kept.SlotKnown) {
      F.Notes.push_back({Kept.StoreLoc, "the " + Noun + " is stored in '" +
                                            LastName + "' here"});
      F.Notes.push_back({Last.Loc, "nothing releases '" + LastName +
                                       "' before the destructor (no reset, "
                                       "clear, erase, move or reassignment)"});
    } else {
      F.Notes.push_back({Last.Loc, "'" + CalleeName +
                                       "' is taken to keep its argument (by "
                                       "its name), and nothing stops, clears, "
                                       "resets or disconnects '" +
                                       LastName + "' before the destructor"});
    }
    F.Fixes = Callable.Edits;
    F.Declaration = Class + "::" + Path;
    using Role = OwnershipPicture::Role;
    unsigned Object = F.Ownership.node(Class, Role::Owner);
    unsigned Stored =
        F.Ownership.node("the " + Noun + " in '" + Path + "'", Role::Holder);
    F.Ownership.edge(Object, Stored, Path);
    F.Ownership.edge(Stored, Object, Callable.get("holder"), /*Weaken=*/true);
    return F;
  }

  const FactSet &Facts;
  llvm::Regex StoringNames;
  const Scope &S;
  Decisions &Out;
};

} // namespace

void SelfCaptureCheck::decide(const FactSet &Facts,
                              const SelfCaptureOptions &Options, const Scope &S,
                              Decisions &Out) {
  SelfCaptureRules(Facts, Options, S, Out).run();
}

} // namespace weakify
