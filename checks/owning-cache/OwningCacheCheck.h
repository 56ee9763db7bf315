//===--- OwningCacheCheck.h - weakify-owning-cache --------------*- C++ -*-===//
//
// Finds get-or-create caches (maps of std::shared_ptr) that never let go of
// what they create, and rewrites them to weakref::value_map.
//   SharedHandOut.cpp         does a getter hand out what the map owns?
//   OwningCacheCollector.cpp  what one unit says about each cache
//   OwningCacheRules.cpp      when the facts make it a leak
// Docs: docs/checks/weakify-owning-cache.md
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_OWNINGCACHE_OWNINGCACHECHECK_H
#define WEAKIFY_CHECKS_OWNINGCACHE_OWNINGCACHECHECK_H

#include "Check.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace weakify {

struct OwningCacheOptions {
  /// The map templates to check (`MapTypes`).
  std::vector<std::string> MapTypes;

  explicit OwningCacheOptions(const CheckOptions &Options);
  std::map<std::string, std::string> values() const;
};

struct OwningCacheCheck {
  static constexpr const char *Name = "weakify-owning-cache";
  using OptionsT = OwningCacheOptions;
  static std::unique_ptr<Collector> collector(const OwningCacheOptions &Options,
                                              FactBuilder &Builder);
  static void decide(const FactSet &Facts, const OwningCacheOptions &Options,
                     const Scope &S, Decisions &Out);
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_OWNINGCACHE_OWNINGCACHECHECK_H
