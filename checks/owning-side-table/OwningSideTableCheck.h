//===--- OwningSideTableCheck.h - weakify-owning-side-table -----*- C++ -*-===//
//
// Finds side tables keyed by object identity (std::shared_ptr<T> or T*):
// maps that attach data to objects owned elsewhere but keep an entry (and,
// for shared_ptr keys, the object) for every object they ever saw. Rewrites
// shared_ptr-keyed ones to weakref::key_map.
//   OwningSideTableCollector.cpp  what one unit says about each table
//   OwningSideTableRules.cpp      when the facts make it a leak
// Docs: docs/checks/weakify-owning-side-table.md
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OWNINGSIDETABLE_OWNINGSIDETABLECHECK_H
#define WEAKIFY_CHECKS_OWNINGSIDETABLE_OWNINGSIDETABLECHECK_H

#include "Check.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace weakify {

struct OwningSideTableOptions {
  /// The map templates to check (`MapTypes`).
  std::vector<std::string> MapTypes;

  explicit OwningSideTableOptions(const CheckOptions &Options);
  std::map<std::string, std::string> values() const;
};

struct OwningSideTableCheck {
  static constexpr const char *Name = "weakify-owning-side-table";
  using OptionsT = OwningSideTableOptions;
  static std::unique_ptr<Collector>
  collector(const OwningSideTableOptions &Options, FactBuilder &Builder);
  static void decide(const FactSet &Facts,
                     const OwningSideTableOptions &Options, const Scope &S,
                     Decisions &Out);
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_OWNINGSIDETABLE_OWNINGSIDETABLECHECK_H
