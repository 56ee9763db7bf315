//===--- OwningObserversCheck.h - weakify-owning-observers ------*- C++ -*-===//
//
// Finds observer lists (containers of std::shared_ptr<Listener>) that keep
// every subscriber alive, and rewrites them to weakref::set.
//   OwningObserversCollector.cpp  what one unit says about each list
//   OwningObserversRules.cpp      when the facts make it a leak
// Docs: docs/checks/weakify-owning-observers.md
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OWNINGOBSERVERS_OWNINGOBSERVERSCHECK_H
#define WEAKIFY_CHECKS_OWNINGOBSERVERS_OWNINGOBSERVERSCHECK_H

#include "Check.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace weakify {

struct OwningObserversOptions {
  /// The containers to check (`ContainerTypes`).
  std::vector<std::string> ContainerTypes;
  /// Regular expressions (case-insensitive) on the function that adds an
  /// element (`SubscribeNames`) and on the element's class
  /// (`ObserverTypeNames`).
  std::string SubscribeNames, ObserverTypeNames;

  explicit OwningObserversOptions(const CheckOptions &Options);
  std::map<std::string, std::string> values() const;
};

struct OwningObserversCheck {
  static constexpr const char *Name = "weakify-owning-observers";
  using OptionsT = OwningObserversOptions;
  static std::unique_ptr<Collector>
  collector(const OwningObserversOptions &Options, FactBuilder &Builder);
  static void decide(const FactSet &Facts,
                     const OwningObserversOptions &Options, const Scope &S,
                     Decisions &Out);
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_OWNINGOBSERVERS_OWNINGOBSERVERSCHECK_H
