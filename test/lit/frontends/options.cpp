// MapTypes decides which containers are looked at, in every front end.
// RUN: %clang_tidy_weakify %s -- -std=c++17 2>/dev/null | FileCheck %s --check-prefix=DEFAULT
// RUN: %clang_tidy_weakify %s -config="{CheckOptions: {weakify-owning-cache.MapTypes: '::std::unordered_map'}}" -- -std=c++17 2>/dev/null | FileCheck %s --check-prefix=HASHED --implicit-check-not='{{^/.*: warning:}}'
// RUN: %clang_plugin -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: %clang_plugin -fsyntax-only -fplugin-arg-weakify-weakify-owning-cache.MapTypes=::std::unordered_map %s 2>&1 | FileCheck %s --check-prefix=HASHED --implicit-check-not='{{^/.*: warning:}}'
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/options.cpp
// RUN: echo '[{"directory": "%t", "file": "%t/options.cpp", "command": "clang++ -std=c++17 -c options.cpp"}]' > %t/compile_commands.json
// RUN: %weakify -p %t 2>/dev/null | FileCheck %s --check-prefix=DEFAULT
// RUN: %weakify -p %t --option=weakify-owning-cache.MapTypes=::std::unordered_map 2>/dev/null | FileCheck %s --check-prefix=HASHED --implicit-check-not='{{^/.*: warning:}}'
// The settings show up in clang-tidy's configuration dump.
// RUN: %clang_tidy_weakify --dump-config %s -- | FileCheck %s --check-prefix=DUMP
// DUMP: weakify-owning-cache.MapTypes: '::std::map;::std::unordered_map;::absl::flat_hash_map;{{.*}};::QMap;::QHash'

#include <map>
#include <memory>
#include <unordered_map>

struct Obj {};

static std::map<int, std::shared_ptr<Obj>> Ordered;
// DEFAULT: :[[@LINE-1]]:44: warning: cache 'Ordered'
std::shared_ptr<Obj> ordered(int K) {
  auto It = Ordered.find(K);
  if (It != Ordered.end())
    return It->second;
  auto Made = std::make_shared<Obj>();
  Ordered[K] = Made;
  return Made;
}

static std::unordered_map<int, std::shared_ptr<Obj>> Hashed;
// DEFAULT: :[[@LINE-1]]:54: warning: cache 'Hashed'
// HASHED: :[[@LINE-2]]:54: warning: cache 'Hashed'
std::shared_ptr<Obj> hashed(int K) {
  auto It = Hashed.find(K);
  if (It != Hashed.end())
    return It->second;
  auto Made = std::make_shared<Obj>();
  Hashed[K] = Made;
  return Made;
}
