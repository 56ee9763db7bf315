// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only %t.cpp

// Where the rewrite to weak_from_this() would not compile or would change
// what the lambda means, the warning comes without a fix-it; where it is
// offered it keeps the names and layout the code uses.

#include <functional>
#include <memory>

class Base : public std::enable_shared_from_this<Base> {
public:
  virtual ~Base() = default;
};

class Derived : public Base {
public:
  void start() {
    // weak_from_this() gives a weak_ptr<Base>, the body needs a Derived.
    OnDone = [self = std::static_pointer_cast<Derived>(shared_from_this())] {
      self->run();
    };
    // CHECK-MESSAGES: :[[@LINE-3]]:15: warning: 'Derived' owns the lambda stored in 'OnDone', and the lambda owns the 'Derived' through its capture 'self'
    // CHECK-MESSAGES: note: the strong reference to the 'Derived' is made here
    // CHECK-MESSAGES: note: the lambda is stored in 'OnDone' here
    // CHECK-MESSAGES: note: nothing releases 'OnDone'
    // CHECK-FIXES: OnDone = [self = std::static_pointer_cast<Derived>(shared_from_this())] {
    // CHECK-FIXES-NEXT: {{^      }}self->run();
  }
  void run() {}
  void fire() { OnDone(); }

private:
  std::function<void()> OnDone;
};

class Session : public std::enable_shared_from_this<Session> {
public:
  void start() {
    // What would an early return give back? Not obvious: no fix-it.
    Ready = [self = shared_from_this()] { return self->ok(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Session' owns the lambda stored in 'Ready'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is stored in 'Ready' here
    // CHECK-MESSAGES: note: nothing releases 'Ready'
    // CHECK-FIXES: Ready = [self = shared_from_this()] { return self->ok(); };

    // Captured implicitly: no capture to rewrite.
    auto self = shared_from_this();
    OnDone = [=] { self->run(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'Session' owns the lambda stored in 'OnDone'
    // CHECK-MESSAGES: note: 'self' holds a strong reference to the 'Session', made here
    // CHECK-MESSAGES: note: the lambda is stored in 'OnDone' here
    // CHECK-MESSAGES: note: nothing releases 'OnDone'
    // CHECK-FIXES: OnDone = [=] { self->run(); };

    // A pointer to const: not what weak_from_this() gives back.
    std::shared_ptr<const Session> Viewer = shared_from_this();
    Observers[0] = [Viewer] { Viewer->look(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'Session' owns the lambda stored in 'Observers'
    // CHECK-MESSAGES: note: 'Viewer' holds a strong reference to the 'Session', made here
    // CHECK-MESSAGES: note: the lambda is stored in 'Observers' here
    // CHECK-MESSAGES: note: nothing releases 'Observers'
    // CHECK-FIXES: Observers[0] = [Viewer] { Viewer->look(); };

    // Nothing to guard.
    Observers[1] = [self = shared_from_this()] {};
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'Session' owns the lambda stored in 'Observers'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is stored in 'Observers' here
    // CHECK-MESSAGES: note: nothing releases 'Observers'
    // CHECK-FIXES: Observers[1] = [self = shared_from_this()] {};
  }
  void nested() {
    // The inner capture copies the outer lambda's pointer; weak_from_this()
    // would need `this` in the outer lambda.
    auto Arm = [self = shared_from_this(), this] {
      OnDone = [self] { self->run(); };
      // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'Session' owns the lambda stored in 'OnDone'
      // CHECK-MESSAGES: note: 'self' holds a strong reference to the 'Session', made here
      // CHECK-MESSAGES: note: the lambda is stored in 'OnDone' here
      // CHECK-MESSAGES: note: nothing releases 'OnDone'
      // CHECK-FIXES: OnDone = [self] { self->run(); };
    };
    Arm();
  }
  void names() {
    // The lock keeps the capture's name; the weak one avoids the body's.
    int weak_self = 0;
    OnDone = [self = shared_from_this(), weak_self] { self->count(weak_self); };
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'Session' owns the lambda stored in 'OnDone'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is stored in 'OnDone' here
    // CHECK-MESSAGES: note: nothing releases 'OnDone'
    // CHECK-FIXES: OnDone = [weak_self2 = weak_from_this(), weak_self] { auto self = weak_self2.lock(); if (!self) return; self->count(weak_self); };
    Generic = [Self = shared_from_this()](auto Value) { Self->count(Value); };
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Session' owns the lambda stored in 'Generic'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is stored in 'Generic' here
    // CHECK-MESSAGES: note: nothing releases 'Generic'
    // CHECK-FIXES: Generic = [WeakSelf = weak_from_this()](auto Value) { auto Self = WeakSelf.lock(); if (!Self) return; Self->count(Value); };
  }
  bool ok() const { return true; }
  void look() const {}
  void run() {}
  void count(int) {}
  void fire() {
    OnDone();
    Generic(1);
    if (Ready())
      Observers[0]();
  }

private:
  std::function<bool()> Ready;
  std::function<void()> OnDone;
  std::function<void(int)> Generic;
  std::function<void()> Observers[2];
};
