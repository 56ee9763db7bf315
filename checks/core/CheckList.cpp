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

template <class CheckT> static CheckEntry entry() {
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
          }};
}

llvm::ArrayRef<CheckEntry> allChecks() {
  static const CheckEntry Checks[] = {
      entry<OwningCacheCheck>(),     entry<OwningObserversCheck>(),
      entry<OwningSideTableCheck>(), entry<OwnershipCycleCheck>(),
      entry<SelfCaptureCheck>(),     entry<StaleWeakEntriesCheck>(),
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
