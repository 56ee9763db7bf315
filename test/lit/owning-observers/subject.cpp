// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only -I%runtime_include %t.cpp

// Observer lists as most code bases write them: subscribe() stores the
// caller's shared_ptr, notify() calls every element, nothing unsubscribes.

#include <memory>
#include <set>
#include <string>
#include <vector>
// CHECK-FIXES: #include <vector>
// CHECK-FIXES-NEXT: #include <weakref/weakref.hpp>

struct Listener {
  virtual ~Listener() = default;
  virtual void onEvent(const std::string &What) = 0;
};

class Button {
public:
  void subscribe(std::shared_ptr<Listener> L) { Listeners.push_back(std::move(L)); }
  // CHECK-FIXES: void subscribe(std::shared_ptr<Listener> L) { Listeners.add(std::move(L)); }
  void click() {
    for (const auto &L : Listeners)
      L->onEvent("click");
  }
  std::size_t listeners() const { return Listeners.size(); }

private:
  std::vector<std::shared_ptr<Listener>> Listeners;
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: observer list 'Listeners' keeps every 'Listener' subscribed through 'subscribe' alive: its std::shared_ptr elements are never removed, so observers outlive their owners; use 'weakref::set<Listener>' [weakify-owning-observers]
  // CHECK-MESSAGES: :[[@LINE-11]]:59: note: the caller's object is added here, sharing ownership with it
  // CHECK-MESSAGES: :[[@LINE-9]]:5: note: observers are notified here
  // CHECK-MESSAGES: :[[@LINE-4]]:42: note: nothing in this translation unit removes elements from 'Listeners'
  // CHECK-FIXES: weakref::set<Listener> Listeners;
};

// A generic add() counts when the element type says it is an observer.
struct PriceObserver {
  void update(double) {}
};
class Ticker {
public:
  void add(const std::shared_ptr<PriceObserver> &O) { Observers.insert(O); }
  void publish(double Price) {
    for (auto &O : Observers)
      O->update(Price);
  }

private:
  std::set<std::shared_ptr<PriceObserver>> Observers;
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: observer list 'Observers' keeps every 'PriceObserver' subscribed through 'add' alive
  // CHECK-MESSAGES: note: the caller's object is added here
  // CHECK-MESSAGES: note: observers are notified here
  // CHECK-MESSAGES: note: nothing in this translation unit removes elements from 'Observers'
  // CHECK-FIXES: weakref::set<PriceObserver> Observers;
};

// A static list in an anonymous namespace, filled by a free function.
namespace {
std::vector<std::shared_ptr<Listener>> GlobalHandlers;
// CHECK-MESSAGES: :[[@LINE-1]]:40: warning: observer list 'GlobalHandlers' keeps every 'Listener' subscribed through 'addHandler' alive
// CHECK-MESSAGES: note: the caller's object is added here
// CHECK-MESSAGES: note: observers are notified here
// CHECK-MESSAGES: note: nothing in this translation unit removes elements
// CHECK-FIXES: weakref::set<Listener> GlobalHandlers;
} // namespace
void addHandler(std::shared_ptr<Listener> H) { GlobalHandlers.emplace_back(H); }
// CHECK-FIXES: void addHandler(std::shared_ptr<Listener> H) { GlobalHandlers.add(H); }
void broadcast(const std::string &What) {
  for (std::shared_ptr<Listener> H : GlobalHandlers)
    H->onEvent(What);
}

