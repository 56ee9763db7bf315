//===--- CheckList.cpp - The catalogue of weakify checks ------------------===//

#include "CheckList.h"
#include "OwnershipCycleCheck.h"
#include "OwningCacheCheck.h"
#include "OwningObserversCheck.h"
#include "OwningSideTableCheck.h"
#include "SelfCaptureCheck.h"
#include "StaleWeakEntriesCheck.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"

namespace weakify {

template <class CheckT>
static CheckEntry entry(const char *Summary, const char *Description) {
  return {CheckT::Name,
          [](const CheckOptions &Options,
             FactBuilder &Builder) -> std::unique_ptr<Collector> {
            return CheckT::collector(typename CheckT::OptionsT(Options),
                                     Builder);
          },
          [](const FactSet &Facts, const CheckOptions &Options, const Scope &S,
             Decisions &Out) {
            CheckT::decide(Facts, typename CheckT::OptionsT(Options), S, Out);
          },
          [](const CheckOptions &Options) {
            return typename CheckT::OptionsT(Options).values();
          },
          Summary,
          Description};
}

llvm::ArrayRef<CheckEntry> allChecks() {
  static const CheckEntry Checks[] = {
      entry<OwningCacheCheck>(
          "A get-or-create cache keeps alive every object it has created.",
          "A map of std::shared_ptr values that a get-or-create function "
          "fills and hands out, and that nothing ever erases from, is a "
          "second owner of each object it made: when every caller has let "
          "go, the map still keeps the object alive, and it grows with every "
          "key it has seen. The fix-it rewrites the map to "
          "weakref::value_map, which holds its values weakly and drops an "
          "entry once its object is gone."),
      entry<OwningObserversCheck>(
          "An observer list owns its subscribers and keeps them alive after "
          "their owners let go.",
          "A container of std::shared_ptr that a subscribe-style function "
          "fills with the caller's object, that is iterated to notify each "
          "element, and that nothing ever removes from shares ownership of "
          "every subscriber: a subscriber outlives whoever created it, keeps "
          "receiving notifications meant for live objects, and the list "
          "grows with each subscription. The fix-it rewrites the list to "
          "weakref::set, which notifies live observers only."),
      entry<OwningSideTableCheck>(
          "A side table's keys own, or outlive, the objects it describes.",
          "A map that attaches data to objects owned elsewhere, is only "
          "looked up and is never erased from: keyed by std::shared_ptr, it "
          "keeps every object that ever got an entry alive; keyed by raw "
          "pointers to objects that die one by one, its entries outlive "
          "their objects, and a new object at a reused address inherits a "
          "dead one's data. The fix-it rewrites a shared_ptr-keyed table to "
          "weakref::key_map, whose entries go away with their key objects."),
      entry<OwnershipCycleCheck>(
          "Classes own each other, so no object on the cycle is ever freed.",
          "Owning members (std::shared_ptr, std::unique_ptr, raw pointers a "
          "destructor deletes, values and containers of them) that form a "
          "cycle between classes, with at least one std::shared_ptr on it, "
          "keep every object of the cycle alive after all outside owners "
          "have let go. The finding is on the member that points back up "
          "the structure, with notes for the rest of the cycle; when it is "
          "safe, the fix-it makes that member a std::weak_ptr and rewrites "
          "its uses."),
      entry<SelfCaptureCheck>(
          "A stored callback holds a strong pointer to the object that "
          "keeps it.",
          "A lambda or bind expression that captures a std::shared_ptr to "
          "an object (from shared_from_this() or a copy of its owner) and "
          "is stored in a member of that object, or of something the object "
          "owns, makes the object own itself, so it is never destroyed. The "
          "fix-it captures weak_from_this() instead and locks it at the top "
          "of the lambda, returning early once the object is gone."),
      entry<StaleWeakEntriesCheck>(
          "A container of std::weak_ptr gains entries and never drops the "
          "expired ones.",
          "A map to std::weak_ptr, or a sequence of std::weak_ptr, that "
          "gets entries outside constructors and is never erased from keeps "
          "one entry for every key or element ever added, and each expired "
          "std::weak_ptr still pins its object's control block (with "
          "std::make_shared, the whole object's memory). The fix-it rewrites "
          "maps to weakref::value_map and sequences to weakref::set, which "
          "drop dead entries themselves."),
  };
  return Checks;
}

std::string validateCheckSelection(llvm::StringRef Globs) {
  llvm::SmallVector<llvm::StringRef, 8> Names;
  for (const CheckEntry &Entry : allChecks())
    Names.push_back(Entry.Name);
  return validateCheckGlobs(Globs, Names);
}

namespace {
/// The options whose values are not free text.
enum class ValueKind { RegularExpression, CycleLength };
const std::pair<const char *, ValueKind> OptionKinds[] = {
    {"weakify-owning-observers.SubscribeNames", ValueKind::RegularExpression},
    {"weakify-owning-observers.ObserverTypeNames",
     ValueKind::RegularExpression},
    {"weakify-self-capture.StoringFunctions", ValueKind::RegularExpression},
    {"weakify-ownership-cycle.MaxCycleLength", ValueKind::CycleLength},
};
} // namespace

std::string validateOption(llvm::StringRef Key, llvm::StringRef Value) {
  auto [Check, Option] = Key.split('.');
  if (Option.empty())
    return "expected '<check>.<Option>', got '" + Key.str() + "'";
  const CheckEntry *Found = nullptr;
  for (const CheckEntry &Entry : allChecks())
    if (Check == Entry.Name)
      Found = &Entry;
  if (!Found)
    return "unknown check '" + Check.str() + "' in option '" + Key.str() + "'";
  std::map<std::string, std::string> Defaults = Found->Options(MapOptions({}));
  if (!Defaults.count(Option.str())) {
    std::string Known;
    for (const auto &[Name, Default] : Defaults)
      Known += (Known.empty() ? "" : ", ") + Name;
    return "unknown option '" + Option.str() + "' of " + Check.str() +
           " (it has " + Known + ")";
  }
  for (const auto &[Name, Kind] : OptionKinds) {
    if (Key != Name)
      continue;
    if (Kind == ValueKind::RegularExpression) {
      std::string Error;
      if (!llvm::Regex(Value).isValid(Error))
        return "option '" + Key.str() +
               "' is not a valid regular expression ('" + Value.str() +
               "'): " + Error;
    } else {
      unsigned Length = 0;
      if (Value.getAsInteger(10, Length) || Length < 2)
        return "option '" + Key.str() +
               "' must be an integer of at least 2, got '" + Value.str() + "'";
    }
  }
  return "";
}

} // namespace weakify
