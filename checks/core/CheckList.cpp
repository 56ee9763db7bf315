//===--- CheckList.cpp - The catalogue of weakify checks ------------------===//

#include "CheckList.h"
#include "OwnershipCycleCheck.h"
#include "OwningCacheCheck.h"
#include "OwningObserversCheck.h"
#include "OwningSideTableCheck.h"
#include "SelfCaptureCheck.h"
#include "StaleWeakEntriesCheck.h"

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

std::string validateOptionKey(llvm::StringRef Key) {
  auto [Check, Option] = Key.split('.');
  if (Option.empty())
    return "expected '<check>.<Option>', got '" + Key.str() + "'";
  for (const CheckEntry &Entry : allChecks())
    if (Check == Entry.Name)
      return "";
  return "unknown check '" + Check.str() + "' in option '" + Key.str() + "'";
}

} // namespace weakify
