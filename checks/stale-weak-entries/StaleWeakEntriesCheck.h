//===--- StaleWeakEntriesCheck.h - weakify-stale-weak-entries ---*- C++ -*-===//
//
// Finds hand-rolled containers of std::weak_ptr that are added to and never
// purged: every dead entry stays (and pins its object's control block).
//   StaleWeakEntriesCollector.cpp  what one unit says about each container
//   StaleWeakEntriesRules.cpp      when the facts make it a leak
// Docs: docs/checks/weakify-stale-weak-entries.md
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_STALEWEAKENTRIES_STALEWEAKENTRIESCHECK_H
#define WEAKIFY_CHECKS_STALEWEAKENTRIES_STALEWEAKENTRIESCHECK_H

#include "Check.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace weakify {

struct StaleWeakEntriesOptions {
  /// Maps to std::weak_ptr (`MapTypes`) and sequences of it
  /// (`SequenceTypes`) to check.
  std::vector<std::string> MapTypes, SequenceTypes;

  explicit StaleWeakEntriesOptions(const CheckOptions &Options);
  std::map<std::string, std::string> values() const;
};

struct StaleWeakEntriesCheck {
  static constexpr const char *Name = "weakify-stale-weak-entries";
  using OptionsT = StaleWeakEntriesOptions;
  static std::unique_ptr<Collector>
  collector(const StaleWeakEntriesOptions &Options, FactBuilder &Builder);
  static void decide(const FactSet &Facts,
                     const StaleWeakEntriesOptions &Options, const Scope &S,
                     Decisions &Out);
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_STALEWEAKENTRIES_STALEWEAKENTRIESCHECK_H
