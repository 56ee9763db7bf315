// RUN: %frontends messages %s | FileCheck %s --implicit-check-not=warning:

// Each suppression comment form, with and without check lists,
// behave the same in every front end.

#include <map>
#include <memory>

struct Obj {};

#define CACHE_FN(NAME, MAP)                                                    \
  std::shared_ptr<Obj> NAME(int K) {                                           \
    auto It = MAP.find(K);                                                     \
    if (It != MAP.end())                                                       \
      return It->second;                                                       \
    auto Made = std::make_shared<Obj>();                                       \
    MAP[K] = Made;                                                             \
    return Made;                                                               \
  }

static std::map<int, std::shared_ptr<Obj>> A; // NOLINT
CACHE_FN(a, A)
static std::map<int, std::shared_ptr<Obj>> B; // NOLINT(weakify-owning-cache)
CACHE_FN(b, B)
// NOLINTNEXTLINE(weakify-*)
static std::map<int, std::shared_ptr<Obj>> C;
CACHE_FN(c, C)
// NOLINTBEGIN(weakify-owning-cache)
static std::map<int, std::shared_ptr<Obj>> D;
// NOLINTEND(weakify-owning-cache)
CACHE_FN(d, D)

// Suppressing another check does not silence this one.
static std::map<int, std::shared_ptr<Obj>> E; // NOLINT(bugprone-*)
// CHECK: :[[@LINE-1]]:44: warning: cache 'E' keeps every 'Obj'
CACHE_FN(e, E)
