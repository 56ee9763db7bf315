// The plugin in an ordinary build: warnings like clang's own, -w, -Werror and
// -Wno-error as users expect, the object file unchanged, clear errors for bad
// arguments, checks selected by glob.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang_plugin -c %s -o %t/with.o 2>&1 | FileCheck %s --check-prefix=WARN
// WARN: plugin-build-flags.cpp:{{[0-9]+}}:44: warning: cache 'Cache' keeps every 'Obj' it creates alive{{.*}} [weakify-owning-cache]
// WARN: note: entry created and inserted here on a miss
// WARN: 1 warning generated.
// RUN: %clangxx -c %s -o %t/without.o
// RUN: cmp %t/with.o %t/without.o
//
// RUN: %clang_plugin -c %s -o %t/quiet.o -w 2>&1 | count 0
// RUN: not %clang_plugin -c %s -o %t/error.o -Werror 2>&1 | FileCheck %s --check-prefix=ERROR
// ERROR: error: cache 'Cache' keeps every 'Obj'{{.*}} [weakify-owning-cache]
// RUN: %clang_plugin -c %s -o %t/noerror.o -Werror -Wno-error 2>&1 | FileCheck %s --check-prefix=WARN
// warnings-as-errors makes weakify's findings errors and leaves the unit's
// other warnings alone (weakify_enable's WERROR); -w still silences them.
// RUN: not %clang_plugin -c %s -o %t/ours.o -Wunused-variable -DUNUSED -fplugin-arg-weakify-warnings-as-errors 2>&1 | FileCheck %s --check-prefix=OURS
// OURS-DAG: error: cache 'Cache' keeps every 'Obj'{{.*}} [weakify-owning-cache]
// OURS-DAG: warning: unused variable 'Unused' [-Wunused-variable]
// RUN: %clang_plugin -c %s -o %t/ours-quiet.o -w -fplugin-arg-weakify-warnings-as-errors 2>&1 | count 0
// RUN: not %clang_plugin -c %s -o %t/bad.o -fplugin-arg-weakify-warnings-as-errors=1 2>&1 | FileCheck %s --check-prefix=NOVALUE
// NOVALUE: error: weakify: argument 'warnings-as-errors' takes no value
//
// RUN: %clang_plugin -c %s -o %t/off.o -fplugin-arg-weakify-checks=-* 2>&1 | count 0
// RUN: %clang_plugin -c %s -o %t/off2.o -fplugin-arg-weakify-checks=-*,weakify-owning-o* 2>&1 | count 0
// RUN: %clang_plugin -c %s -o %t/on.o -fplugin-arg-weakify-checks=-*,weakify-owning-c* 2>&1 | FileCheck %s --check-prefix=WARN
//
// RUN: not %clang_plugin -c %s -o %t/bad.o -fplugin-arg-weakify-bogus=1 2>&1 | FileCheck %s --check-prefix=BADARG
// BADARG: error: weakify: unknown argument 'bogus'; expected checks=, export-fixes=, facts, instrument, warnings-as-errors, runtime-include=, header-filter=, exclude-header-filter= or <check>.<Option>= (in -fplugin-arg-weakify-bogus=1)
// RUN: not %clang_plugin -c %s -o %t/bad.o -fplugin-arg-weakify-weakify-no-such-check.Opt=1 2>&1 | FileCheck %s --check-prefix=BADCHECK
// BADCHECK: error: weakify: unknown check 'weakify-no-such-check' in option 'weakify-no-such-check.Opt'
// RUN: not %clang_plugin -c %s -o %t/bad.o '-fplugin-arg-weakify-checks=weakify-[' 2>&1 | FileCheck %s --check-prefix=BADGLOB
// BADGLOB: error: weakify: check glob 'weakify-[' matches no weakify check (--list-checks lists them) (in -fplugin-arg-weakify-checks=weakify-[)
// RUN: not %clang_plugin -c %s -o %t/bad.o -fplugin-arg-weakify-weakify-ownership-cycle.MaxCycleLength=abc 2>&1 | FileCheck %s --check-prefix=BADVALUE
// BADVALUE: error: weakify: option 'weakify-ownership-cycle.MaxCycleLength' must be an integer of at least 2, got 'abc'
// RUN: not %clang_plugin -c %s -o %t/bad.o '-fplugin-arg-weakify-header-filter=(' 2>&1 | FileCheck %s --check-prefix=BADFILTER
// BADFILTER: error: weakify: invalid regular expression in --header-filter '(': parentheses not balanced
// RUN: %clang_plugin -c %s -o %t/filtered.o -fplugin-arg-weakify-exclude-header-filter=.* 2>&1 | FileCheck %s --check-prefix=WARN

#include <map>
#include <memory>

struct Obj {};

static std::map<int, std::shared_ptr<Obj>> Cache;
std::shared_ptr<Obj> get(int K) {
  auto It = Cache.find(K);
  if (It != Cache.end())
    return It->second;
  auto Made = std::make_shared<Obj>();
  Cache[K] = Made;
  return Made;
}

#ifdef UNUSED
void unusedLocal() { int Unused; }
#endif

// C units in the same build, and units that do not compile, get no findings.
// RUN: echo 'int main(void) { return 0; }' > %t/c.c
// RUN: %clang_plugin_c -c %t/c.c -o %t/c.o 2>&1 | count 0
// RUN: not %clang_plugin -fsyntax-only -DBROKEN %s 2>&1 | FileCheck %s --check-prefix=BROKEN
// BROKEN-NOT: weakify-owning-cache
// BROKEN: error: unknown type name 'broken_type'
// BROKEN-NOT: weakify-owning-cache
#ifdef BROKEN
broken_type X;
#endif
