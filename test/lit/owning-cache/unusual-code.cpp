// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not=warning:
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only -I%runtime_include %t.cpp

// Code shapes the check must survive without crashing, stay consistent
// across front ends, and either fix correctly or leave alone.

#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <unordered_map>

struct Texture { int Id = 0; };
using TexturePtr = std::shared_ptr<Texture>;

// The mapped type spelled through an alias: the fix names the pointee.
static std::map<int, TexturePtr> ByAlias;
// CHECK-MESSAGES: :[[@LINE-1]]:34: warning: cache 'ByAlias' keeps every 'Texture' it creates alive{{.*}}use 'weakref::value_map<int, Texture>'
// CHECK-MESSAGES: note: entry created
// CHECK-MESSAGES: note: nothing in this translation unit
// CHECK-FIXES: static weakref::value_map<int, Texture> ByAlias;
TexturePtr byAlias(int K) {
  if (ByAlias.count(K))
    return ByAlias.at(K);
  TexturePtr Made(new Texture);
  ByAlias.emplace(K, Made);
  return Made;
}

// A get-or-create lambda held in a static: the lambda is the function.
static std::unordered_map<int, std::shared_ptr<Texture>> InLambda;
// CHECK-MESSAGES: :[[@LINE-1]]:58: warning: cache 'InLambda'
// CHECK-MESSAGES: note: entry created and inserted here on a miss; this function hands out
// CHECK-MESSAGES: note: nothing in this translation unit
static auto LambdaGet = [](int K) -> std::shared_ptr<Texture> {
  auto It = InLambda.find(K);
  if (It != InLambda.end())
    return It->second;
  auto Made = std::make_shared<Texture>();
  InLambda.try_emplace(K, Made);
  return Made;
};

// Unevaluated uses and a range-for over the live entries.
static std::map<int, std::shared_ptr<Texture>> Unevaluated;
// CHECK-MESSAGES: :[[@LINE-1]]:48: warning: cache 'Unevaluated'
// CHECK-MESSAGES: note: entry created
// CHECK-MESSAGES: note: nothing in this translation unit
static_assert(sizeof(Unevaluated) > 0, "");
std::shared_ptr<Texture> unevaluated(int K) {
  auto It = Unevaluated.find(K);
  if (It != Unevaluated.end())
    return It->second;
  auto Made = std::make_shared<Texture>();
  Unevaluated.emplace(K, Made);
  return Made;
}
int countLive() {
  int N = 0;
  for (const auto &[Key, Value] : Unevaluated)
    N += Value ? 1 : 0;
  return N;
}

// The map reached through a generic function: the check cannot follow it and
// stays silent.
template <typename Map> void wipe(Map &M) { M.clear(); }
static std::map<int, std::shared_ptr<Texture>> Generic;
std::shared_ptr<Texture> generic(int K) {
  auto It = Generic.find(K);
  if (It != Generic.end())
    return It->second;
  auto Made = std::make_shared<Texture>();
  Generic.emplace(K, Made);
  return Made;
}
void reset() { wipe(Generic); }

// Arrays through shared_ptr<T[]>: value_map holds them like any other.
static std::map<int, std::shared_ptr<int[]>> Buffers;
// CHECK-MESSAGES: :[[@LINE-1]]:46: warning: cache 'Buffers' keeps every 'int[]' it creates alive{{.*}}use 'weakref::value_map<int, int[]>'
// CHECK-MESSAGES: note: entry created
// CHECK-MESSAGES: note: nothing in this translation unit
// CHECK-FIXES: static weakref::value_map<int, int[]> Buffers;
std::shared_ptr<int[]> buffer(int K) {
  auto It = Buffers.find(K);
  if (It != Buffers.end())
    return It->second;
  std::shared_ptr<int[]> Made(new int[16]);
  Buffers.emplace(K, Made);
  return Made;
}

// A map declared by a macro expansion cannot be rewritten where it is
// written: silent.
#define DECLARE_CACHE(NAME) static std::map<int, std::shared_ptr<Texture>> NAME
DECLARE_CACHE(FromMacro);
// CHECK-FIXES: DECLARE_CACHE(FromMacro);
std::shared_ptr<Texture> fromMacro(int K) {
  auto It = FromMacro.find(K);
  if (It != FromMacro.end())
    return It->second;
  auto Made = std::make_shared<Texture>();
  FromMacro.emplace(K, Made);
  return Made;
}
