// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only -I%runtime_include %t.cpp

// A silenced finding is never fixed, and does not take the runtime include
// with it: the next fixed finding in the file brings it.

#include <map>
#include <memory>
// CHECK: #include <memory>
// CHECK-NEXT: #include <weakref/weakref.hpp>

struct Obj {};

namespace {
std::map<int, std::shared_ptr<Obj>> Silenced; // NOLINT(weakify-owning-cache)
// CHECK: std::map<int, std::shared_ptr<Obj>> Silenced;
std::map<int, std::shared_ptr<Obj>> Fixed;
// CHECK: weakref::value_map<int, Obj> Fixed;
} // namespace

std::shared_ptr<Obj> silenced(int K) {
  auto It = Silenced.find(K);
  if (It != Silenced.end())
    return It->second;
  auto Made = std::make_shared<Obj>();
  Silenced[K] = Made;
  return Made;
}

std::shared_ptr<Obj> fixed(int K) {
  auto It = Fixed.find(K);
  if (It != Fixed.end())
    return It->second;
  auto Made = std::make_shared<Obj>();
  Fixed[K] = Made;
  return Made;
}
