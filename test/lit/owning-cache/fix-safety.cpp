// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only -I%runtime_include %t.cpp

// Uses at the edge of what weakref::value_map takes as they are: either the
// rewrite compiles, or the warning comes without a fix-it, or (when the
// analysis cannot follow a use) there is no warning.

#include <map>
#include <memory>
#include <string>

struct Item { int Id = 0; };

// A reference bound to an entry's value, only read: value_map's iterator
// keeps the value alive while it is used.
static std::map<int, std::shared_ptr<Item>> RefToValue;
// CHECK-MESSAGES: :[[@LINE-1]]:45: warning: cache 'RefToValue'
// CHECK-MESSAGES: note: entry created
// CHECK-MESSAGES: note: nothing in this
// CHECK-FIXES: static weakref::value_map<int, Item> RefToValue;
std::shared_ptr<Item> refToValue(int K) {
  auto It = RefToValue.find(K);
  if (It != RefToValue.end()) {
    auto &Found = It->second;
    return Found;
  }
  auto Made = std::make_shared<Item>();
  RefToValue.emplace(K, Made);
  return Made;
}

// The iterator named by its std::map type.
static std::map<int, std::shared_ptr<Item>> NamedIterator;
// CHECK-MESSAGES: :[[@LINE-1]]:45: warning: cache 'NamedIterator'
// CHECK-MESSAGES: note: entry created
// CHECK-MESSAGES: note: nothing in this
// CHECK-FIXES: static std::map<int, std::shared_ptr<Item>> NamedIterator;
std::shared_ptr<Item> namedIterator(int K) {
  std::map<int, std::shared_ptr<Item>>::iterator It = NamedIterator.find(K);
  if (It != NamedIterator.end())
    return It->second;
  auto Made = std::make_shared<Item>();
  NamedIterator[K] = Made;
  return Made;
}

// Passed to a function that takes a std::map.
static std::map<int, std::shared_ptr<Item>> PassedOn;
// CHECK-MESSAGES: :[[@LINE-1]]:45: warning: cache 'PassedOn'
// CHECK-MESSAGES: note: entry created
// CHECK-MESSAGES: note: nothing in this
// CHECK-FIXES: static std::map<int, std::shared_ptr<Item>> PassedOn;
static std::size_t entries(const std::map<int, std::shared_ptr<Item>> &M) { return M.size(); }
std::shared_ptr<Item> passedOn(int K) {
  auto It = PassedOn.find(K);
  if (It != PassedOn.end())
    return It->second;
  auto Made = std::make_shared<Item>();
  PassedOn[K] = Made;
  return Made;
}
std::size_t passedOnSize() { return entries(PassedOn); }

// The value type named through decltype: not followed, so silent.
static std::map<int, std::shared_ptr<Item>> NamedValueType;
std::shared_ptr<Item> namedValueType(int K) {
  auto It = NamedValueType.find(K);
  if (It != NamedValueType.end())
    return It->second;
  auto Made = std::make_shared<Item>();
  NamedValueType.insert(decltype(NamedValueType)::value_type(K, Made));
  return Made;
}

// Structured bindings by reference in a range-for, and a const-ref loop.
static std::map<int, std::shared_ptr<Item>> Bindings;
// CHECK-MESSAGES: :[[@LINE-1]]:45: warning: cache 'Bindings'
// CHECK-MESSAGES: note: entry created
// CHECK-MESSAGES: note: nothing in this
// CHECK-FIXES: static weakref::value_map<int, Item> Bindings;
std::shared_ptr<Item> bindings(int K) {
  if (Bindings.count(K))
    return Bindings.at(K);
  auto Made = std::make_shared<Item>();
  Bindings.insert_or_assign(K, Made);
  return Made;
}
int sumIds() {
  int Sum = 0;
  for (auto &[Key, Value] : Bindings)
    Sum += Value->Id;
  for (const auto &Entry : Bindings)
    Sum += Entry.second->Id;
  return Sum;
}

// try_emplace's result used through .first and .second.
static std::map<std::string, std::shared_ptr<Item>> Emplaced;
// CHECK-MESSAGES: :[[@LINE-1]]:53: warning: cache 'Emplaced'
// CHECK-MESSAGES: note: entry created
// CHECK-MESSAGES: note: nothing in this
// CHECK-FIXES: static weakref::value_map<std::string, Item> Emplaced;
std::shared_ptr<Item> emplaced(const std::string &K) {
  auto Found = Emplaced.find(K);
  if (Found != Emplaced.end())
    return Found->second;
  auto Made = std::make_shared<Item>();
  auto Result = Emplaced.try_emplace(K, Made);
  return Result.second ? Made : Result.first->second;
}
