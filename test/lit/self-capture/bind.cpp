// RUN: %frontends messages %s -- -isystem %S/Inputs | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'

// std::bind copies shared_from_this() into the function object it makes:
// stored where the object keeps it, that is the same cycle as a lambda's
// capture. Reported without a fix-it.

#include "asio_like.hpp"
#include <functional>
#include <memory>
#include <vector>

class Timer {
public:
  void setCallback(std::function<void()> F) { Handler = std::move(F); }
  void tick() { Handler(); }

private:
  std::function<void()> Handler;
};

class Peer : public std::enable_shared_from_this<Peer> {
public:
  explicit Peer(net::io_context &Io) : Wait(Io) {}
  void start() {
    OnData = std::bind(&Peer::handle, shared_from_this(), std::placeholders::_1);
    // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'Peer' owns the bound function stored in 'OnData', and the bound function owns the 'Peer' through its bound argument shared_from_this(): neither is ever destroyed; bind a lambda that captures weak_from_this() and locks it instead [weakify-self-capture]
    // CHECK-MESSAGES: :[[@LINE-2]]:39: note: the strong reference to the 'Peer' is made here
    // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the bound function is stored in 'OnData' here
    // CHECK-MESSAGES: note: nothing releases 'OnData' before the destructor
    auto self = shared_from_this();
    Keepalive.setCallback(std::bind(&Peer::ping, self));
    // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: 'Peer' owns the bound function stored in 'Keepalive.Handler', and the bound function owns the 'Peer' through its bound argument 'self'
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'self' holds a strong reference to the 'Peer', made here
    // CHECK-MESSAGES: note: the bound function is handed to 'setCallback' here
    // CHECK-MESSAGES: note: the bound function is stored in 'Handler' here
    // CHECK-MESSAGES: note: nothing releases 'Handler'

    // Silent: one-shot operations, a weak pointer, a reference, another
    // object's storage.
    Wait.async_wait(std::bind(&Peer::handle, shared_from_this(), std::placeholders::_1));
    std::weak_ptr<Peer> Weak = self;
    Later = std::bind(&Peer::weakPing, Weak);
    Later = std::bind(&Peer::refPing, std::ref(self));
    Registry->setCallback(std::bind(&Peer::ping, shared_from_this()));
  }
  void handle(int) {}
  void ping() {}
  static void weakPing(const std::weak_ptr<Peer> &) {}
  static void refPing(std::shared_ptr<Peer> &) {}

private:
  std::function<void(int)> OnData;
  std::function<void()> Later;
  Timer Keepalive;
  net::steady_timer Wait;
  Timer *Registry = nullptr;
};

// Let go of when the connection closes.
class Closing : public std::enable_shared_from_this<Closing> {
public:
  void start() { OnData = std::bind(&Closing::handle, shared_from_this()); }
  void close() { OnData = nullptr; }
  void handle() {}

private:
  std::function<void()> OnData;
};
