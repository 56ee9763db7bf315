// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only %t.cpp

// Lambdas holding shared_from_this() handed to something the object owns
// (a value member, a std::unique_ptr member, the object's own setter) that
// keeps them.

#include <functional>
#include <memory>
#include <vector>

// Its visible setter stores the handler; nothing ever clears it.
class Timer {
public:
  void setCallback(std::function<void()> F) { Handler = std::move(F); }
  void tick() { Handler(); }

private:
  std::function<void()> Handler;
};

// Forwards to a member that keeps it.
class Socket {
public:
  template <typename F> void onReadable(F &&Callback) {
    Readable.setCallback(std::forward<F>(Callback));
  }

private:
  Timer Readable;
};

// Known only by name: declared here, defined in another library.
class Signal {
public:
  void connect(std::function<void()> Slot);
};
class Widget {
public:
  void setClickHandler(std::function<void()> F);
};

// A callable wrapper, by its name.
class RetryCallback {
public:
  RetryCallback() = default;
  explicit RetryCallback(std::function<void()> F) : Run(std::move(F)) {}

private:
  std::function<void()> Run;
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
  void arm() {
    Tick.setCallback([self = shared_from_this()] {
      self->ping();
    });
    // CHECK-MESSAGES: :[[@LINE-3]]:23: warning: 'Connection' owns the lambda stored in 'Tick.Handler', and the lambda owns the 'Connection' through its capture 'self' (shared_from_this()): neither is ever destroyed; capture weak_from_this() and lock it inside the lambda [weakify-self-capture]
    // CHECK-MESSAGES: :[[@LINE-4]]:30: note: the strong reference to the 'Connection' is made here
    // CHECK-MESSAGES: :[[@LINE-5]]:10: note: the lambda is handed to 'setCallback' here
    // CHECK-MESSAGES: :17:55: note: the lambda is stored in 'Handler' here
    // CHECK-MESSAGES: :21:25: note: nothing releases 'Handler' before the destructor
    // CHECK-FIXES: Tick.setCallback([weak_self = weak_from_this()] {
    // CHECK-FIXES-NEXT: {{^      }}auto self = weak_self.lock();
    Owned->setCallback([self = shared_from_this()] { self->ping(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Connection' owns the lambda stored in 'Owned.Handler'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is handed to 'setCallback' here
    // CHECK-MESSAGES: note: the lambda is stored in 'Handler' here
    // CHECK-MESSAGES: note: nothing releases 'Handler'
    // CHECK-FIXES: Owned->setCallback([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->ping(); });
    Io.onReadable([self = shared_from_this()] { self->ping(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'Connection' owns the lambda stored in 'Io.Readable.Handler'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is handed to 'onReadable' here
    // CHECK-MESSAGES: note: the lambda is stored in 'Handler' here
    // CHECK-MESSAGES: note: nothing releases 'Handler'
    setOnClose([self = shared_from_this()] { self->ping(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'Connection' owns the lambda stored in 'OnClose'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is handed to 'setOnClose' here
    // CHECK-MESSAGES: note: the lambda is stored in 'OnClose' here
    // CHECK-MESSAGES: note: nothing releases 'OnClose'
  }
  void wire() {
    Changed.connect([self = shared_from_this()] { self->ping(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'Connection' owns 'Changed', which keeps the lambda handed to its 'connect', and the lambda owns the 'Connection' through its capture 'self'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is handed to 'connect' here
    // CHECK-MESSAGES: note: 'connect' is taken to keep its argument (by its name), and nothing stops, clears, resets or disconnects 'Changed' before the destructor
    Button.setClickHandler([self = shared_from_this()] { self->ping(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'Connection' owns 'Button', which keeps the lambda handed to its 'setClickHandler'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is handed to 'setClickHandler' here
    // CHECK-MESSAGES: note: 'setClickHandler' is taken to keep its argument
  }
  void wrap() {
    Retry = RetryCallback([self = shared_from_this()] { self->ping(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Connection' owns the lambda stored in 'Retry'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is stored in 'Retry' here
    // CHECK-MESSAGES: note: nothing releases 'Retry'
  }
  void setOnClose(std::function<void()> F) { OnClose = std::move(F); }
  void ping() {}

private:
  Timer Tick;
  std::unique_ptr<Timer> Owned = std::make_unique<Timer>();
  Socket Io;
  std::function<void()> OnClose;
  Signal Changed;
  Widget Button;
  RetryCallback Retry;
};

// A class template is reported once, at the lambda it was written with.
template <typename Payload>
class Channel : public std::enable_shared_from_this<Channel<Payload>> {
public:
  void open() {
    Handlers.push_back([self = this->shared_from_this()](const Payload &P) {
      self->deliver(P);
    });
    // CHECK-MESSAGES: :[[@LINE-3]]:25: warning: 'Channel' owns the lambda stored in 'Handlers', and the lambda owns the 'Channel' through its capture 'self'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is stored in 'Handlers' here
    // CHECK-MESSAGES: note: nothing releases 'Handlers'
    // CHECK-FIXES: Handlers.push_back([weak_self = this->weak_from_this()](const Payload &P) {
    OnClose = [self = this->shared_from_this()] { self->deliver(Payload()); };
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Channel' owns the lambda stored in 'OnClose'
    // CHECK-MESSAGES: note: the strong reference
    // CHECK-MESSAGES: note: the lambda is stored in 'OnClose' here
    // CHECK-MESSAGES: note: nothing releases 'OnClose'
    // CHECK-FIXES: OnClose = [weak_self = this->weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->deliver(Payload()); };
  }
  void deliver(const Payload &) {}
  void publish(const Payload &P) {
    for (auto &H : Handlers)
      H(P);
  }

private:
  std::vector<std::function<void(const Payload &)>> Handlers;
  std::function<void()> OnClose;
};

int main() {
  auto A = std::make_shared<Channel<int>>();
  auto B = std::make_shared<Channel<double>>();
  A->open();
  B->open();
  A->publish(1);
  B->publish(2.0);
}
