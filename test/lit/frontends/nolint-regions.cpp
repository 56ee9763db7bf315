// RUN: %frontends messages %s | FileCheck %s --implicit-check-not=warning:
// RUN: not %clang_plugin -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=ERRORS
// RUN: %python %S/../exit_status.py %weakify %s -- -std=c++17 | FileCheck %s --check-prefixes=ERRORS,STATUS
// The expected errors are split over two lines so that they are not
// markers themselves, as in clang-tidy's own tests.
// ERRORS: nolint-regions.cpp:[[@LINE+40]]:4: error: unmatched 'NOLIN
// ERRORS-SAME: TEND' comment without a previous 'NOLIN
// ERRORS-SAME: TBEGIN' comment [clang-tidy-nolint]
// ERRORS: nolint-regions.cpp:[[@LINE+46]]:4: error: unmatched 'NOLIN
// ERRORS-SAME: TBEGIN' comment without a subsequent 'NOLIN
// ERRORS-SAME: TEND' comment [clang-tidy-nolint]
// STATUS: exit status 1

// Regions as clang-tidy reads them: an end marker closes the latest open
// region with the same list; a region left open silences nothing and is an
// error, so a typo cannot hide the rest of the file. An unclosed list after
// a line marker applies to every check.

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

// Nested regions, closed last-in first-out: both silenced.
// NOLINTBEGIN(weakify-owning-cache)
// NOLINTBEGIN(weakify-*)
static std::map<int, std::shared_ptr<Obj>> A;
// NOLINTEND(weakify-*)
static std::map<int, std::shared_ptr<Obj>> B;
// NOLINTEND(weakify-owning-cache)
CACHE_FN(a, A)
CACHE_FN(b, B)

// An end marker whose list names other checks than the open region's closes
// nothing: an error, and the next map is still warned about.
// NOLINTEND(bugprone-*)
static std::map<int, std::shared_ptr<Obj>> C;
// CHECK: :[[@LINE-1]]:44: warning: cache 'C' keeps every 'Obj'
CACHE_FN(c, C)

static std::map<int, std::shared_ptr<Obj>> D; // NOLINT(weakify-owning-cache
CACHE_FN(d, D)

// Left open: silences nothing.
// NOLINTBEGIN(weakify-owning-cache)
static std::map<int, std::shared_ptr<Obj>> E;
// CHECK: :[[@LINE-1]]:44: warning: cache 'E' keeps every 'Obj'
CACHE_FN(e, E)
