// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only %t.cpp

// Lambdas holding shared_from_this() stored in the object's own members:
// a std::function, a vector of callbacks, a map of handlers.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

class Session : public std::enable_shared_from_this<Session> {
public:
  void start() {
    OnDone = [self = shared_from_this()] { self->finish(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'Session' owns the lambda stored in 'OnDone', and the lambda owns the 'Session' through its capture 'self' (shared_from_this()): neither is ever destroyed; capture weak_from_this() and lock it inside the lambda [weakify-self-capture]
    // CHECK-MESSAGES: :[[@LINE-2]]:22: note: the strong reference to the 'Session' is made here
    // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the lambda is stored in 'OnDone' here
    // CHECK-MESSAGES: :[[@LINE+79]]:25: note: nothing releases 'OnDone' before the destructor (no reset, clear, erase, move or reassignment)
    // CHECK-FIXES: OnDone = [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->finish(); };
  }
  void listen() {
    Callbacks.push_back([self = this->shared_from_this()](int N) {
      self->count(N);
    });
    // CHECK-MESSAGES: :[[@LINE-3]]:26: warning: 'Session' owns the lambda stored in 'Callbacks', and the lambda owns the 'Session' through its capture 'self'
    // CHECK-MESSAGES: note: the strong reference to the 'Session' is made here
    // CHECK-MESSAGES: note: the lambda is stored in 'Callbacks' here
    // CHECK-MESSAGES: note: nothing releases 'Callbacks' before the destructor
    // CHECK-FIXES: Callbacks.push_back([weak_self = this->weak_from_this()](int N) {
    // CHECK-FIXES-NEXT: {{^      }}auto self = weak_self.lock();
    // CHECK-FIXES-NEXT: {{^      }}if (!self)
    // CHECK-FIXES-NEXT: {{^        }}return;
    // CHECK-FIXES-NEXT: {{^      }}self->count(N);
    // CHECK-FIXES-NEXT: {{^    }}});
  }
  void route(const std::string &Key) {
    // The classic asio idiom: `this` for the calls, `self` to keep alive.
    Handlers[Key] = [this, self = shared_from_this()] { finish(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Session' owns the lambda stored in 'Handlers'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is stored in 'Handlers' here
    // CHECK-MESSAGES: note: nothing releases 'Handlers'
    // CHECK-FIXES: Handlers[Key] = [this, weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; finish(); };
    Handlers.emplace(Key + "!", [Me = shared_from_this()] { Me->finish(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'Session' owns the lambda stored in 'Handlers', and the lambda owns the 'Session' through its capture 'Me'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is stored in 'Handlers' here
    // CHECK-MESSAGES: note: nothing releases 'Handlers'
    // CHECK-FIXES: Handlers.emplace(Key + "!", [WeakMe = weak_from_this()] { auto Me = WeakMe.lock(); if (!Me) return; Me->finish(); });
  }
  // A local copy of the strong pointer, captured by copy.
  void local() {
    auto self = shared_from_this();
    Callbacks.emplace_back([self](int N) { self->count(N); });
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'Session' owns the lambda stored in 'Callbacks', and the lambda owns the 'Session' through its capture 'self'
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'self' holds a strong reference to the 'Session', made here
    // CHECK-MESSAGES: note: the lambda is stored in 'Callbacks' here
    // CHECK-MESSAGES: note: nothing releases 'Callbacks'
    // CHECK-FIXES: Callbacks.emplace_back([weak_self = weak_from_this()](int N) { auto self = weak_self.lock(); if (!self) return; self->count(N); });
  }
  // Through a local std::function that is then stored.
  void later() {
    std::function<void()> Callback = [selfPtr = shared_from_this()] {
      selfPtr->finish();
    };
    // CHECK-MESSAGES: :[[@LINE-3]]:39: warning: 'Session' owns the lambda stored in 'OnDone'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is stored in 'OnDone' here
    // CHECK-MESSAGES: note: nothing releases 'OnDone'
    // CHECK-FIXES: std::function<void()> Callback = [weakSelfPtr = weak_from_this()] {
    OnDone = Callback;
  }
  // An element that holds the callable among other things.
  void schedule(int Deadline) {
    Timers.push_back({Deadline, [self = shared_from_this()] { self->finish(); }});
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'Session' owns the lambda stored in 'Timers'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is stored in 'Timers' here
    // CHECK-MESSAGES: note: nothing releases 'Timers'
    // CHECK-FIXES: Timers.push_back({Deadline, [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->finish(); }});
  }
  void finish() {}
  void count(int) {}
  void fire() {
    if (OnDone)
      OnDone();
    for (auto &C : Callbacks)
      C(1);
  }
  // Too late: the destructor never runs while the cycle holds.
  ~Session() {
    OnDone = nullptr;
    Callbacks.clear();
  }

private:
  std::function<void()> OnDone;
  std::vector<std::function<void(int)>> Callbacks;
  std::map<std::string, std::function<void()>> Handlers;
  struct Deadline {
    int At;
    std::function<void()> Run;
  };
  std::vector<Deadline> Timers;
};
