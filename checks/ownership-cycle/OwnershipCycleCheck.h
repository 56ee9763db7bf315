//===--- OwnershipCycleCheck.h - weakify-ownership-cycle --------*- C++ -*-===//
//
// Finds std::shared_ptr members that close an ownership cycle between classes
// (parent <-> child, delegate back-pointers, prev/next, A -> B -> C -> A) and
// reports each cycle once, on the member that should be a std::weak_ptr.
//   OwnedMembers.cpp               which classes a member's type owns
//   MemberUses.cpp                 what code does with those members
//   OwnershipCycleCollector.cpp    what one unit says: classes, ownership
//                                  edges, uses that break cycles
//   OwnershipGraph.cpp             the graph of classes the facts describe
//   OwnershipCycleRules.cpp        which cycles the facts make leaks
// Docs: docs/checks/weakify-ownership-cycle.md
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OWNERSHIPCYCLE_OWNERSHIPCYCLECHECK_H
#define WEAKIFY_CHECKS_OWNERSHIPCYCLE_OWNERSHIPCYCLECHECK_H

#include "Check.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace weakify {

struct OwnershipCycleOptions {
  /// Words that name a reference back up a structure (`BackReferenceNames`),
  /// lower case.
  std::vector<std::string> BackReferenceNames;
  /// The longest cycle reported, in members (`MaxCycleLength`).
  unsigned MaxCycleLength;

  explicit OwnershipCycleOptions(const CheckOptions &Options);
  std::map<std::string, std::string> values() const;
};

struct OwnershipCycleCheck {
  static constexpr const char *Name = "weakify-ownership-cycle";
  using OptionsT = OwnershipCycleOptions;
  static std::unique_ptr<Collector>
  collector(const OwnershipCycleOptions &Options, FactBuilder &Builder);
  static void decide(const FactSet &Facts, const OwnershipCycleOptions &Options,
                     const Scope &S, Decisions &Out);
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_OWNERSHIPCYCLE_OWNERSHIPCYCLECHECK_H
