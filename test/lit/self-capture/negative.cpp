// RUN: %frontends messages %s -- -isystem %S/Inputs | count 0

// Lambdas holding shared_from_this() that do not make the object own
// itself: one-shot operations, weak captures, storage the object does not
// own, storage that is let go of, code the check does not judge.

#include "asio_like.hpp"
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <thread>
#include <vector>

// One-shot asynchronous operations: the handler runs once and is dropped.
class AsyncSession : public std::enable_shared_from_this<AsyncSession> {
public:
  explicit AsyncSession(net::io_context &Context)
      : Context(Context), Timer(Context) {}
  void start() {
    Timer.async_wait([self = shared_from_this()](int) { self->tick(); });
    Context.post([self = shared_from_this()] { self->tick(); });
    net::post(Context, [self = shared_from_this()] { self->tick(); });
    auto self = shared_from_this();
    Timer.async_wait([this, self](int) { tick(); });
  }
  void tick() {}

private:
  net::io_context &Context;
  net::steady_timer Timer;
};

// A user's executor whose visible body queues the job and pops it once run.
class Executor {
public:
  void submit(std::function<void()> Job) { Jobs.push_back(std::move(Job)); }
  void runOne() {
    auto Job = std::move(Jobs.front());
    Jobs.pop_front();
    Job();
  }

private:
  std::deque<std::function<void()>> Jobs;
};

// A function that runs its argument and keeps nothing.
class Immediate {
public:
  void setHandler(std::function<void()> F) { F(); }
};

// Functions with no visible body and a name that does not say they keep it.
class Opaque {
public:
  void post(std::function<void()> F);
  void async_read(std::function<void(int)> F);
};

class Worker : public std::enable_shared_from_this<Worker> {
public:
  void start() {
    Pool.submit([self = shared_from_this()] { self->work(); });
    Now.setHandler([self = shared_from_this()] { self->work(); });
    Io.post([self = shared_from_this()] { self->work(); });
    Io.async_read([self = shared_from_this()](int) { self->work(); });
    Thread = std::thread([self = shared_from_this()] { self->work(); });
  }
  void work() {}

private:
  Executor Pool;
  Immediate Now;
  Opaque Io;
  std::thread Thread;
};

// Weak captures.
class Weak : public std::enable_shared_from_this<Weak> {
public:
  void start() {
    OnDone = [weak = weak_from_this()] {
      if (auto self = weak.lock())
        self->finish();
    };
    std::weak_ptr<Weak> W = shared_from_this();
    Callbacks.push_back([W] {
      if (auto self = W.lock())
        self->finish();
    });
  }
  void finish() {}
  void fire() { OnDone(); }

private:
  std::function<void()> OnDone;
  std::vector<std::function<void()>> Callbacks;
};

// Stored somewhere the object does not own: a parameter, a raw pointer or
// shared_ptr member (shared with others), a global, a local.
class Registry {
public:
  void setCallback(std::function<void()> F) { Callback = std::move(F); }

private:
  std::function<void()> Callback;
};
std::function<void()> GlobalHook;

class Client : public std::enable_shared_from_this<Client> {
public:
  void attach(Registry &R) {
    R.setCallback([self = shared_from_this()] { self->run(); });
    Peer->setCallback([self = shared_from_this()] { self->run(); });
    Shared->setCallback([self = shared_from_this()] { self->run(); });
    GlobalHook = [self = shared_from_this()] { self->run(); };
    Registry Local;
    Local.setCallback([self = shared_from_this()] { self->run(); });
    auto Callback = [self = shared_from_this()] { self->run(); };
    Callback();
  }
  void run() {}

private:
  Registry *Peer = nullptr;
  std::shared_ptr<Registry> Shared;
};

// Let go of after firing, or on stop(): the cycle is broken by the program.
class OneShot : public std::enable_shared_from_this<OneShot> {
public:
  void start() {
    OnDone = [self = shared_from_this()] { self->finish(); };
    Callbacks.push_back([self = shared_from_this()] { self->finish(); });
    Handlers[1] = [self = shared_from_this()] { self->finish(); };
    Replaced = [self = shared_from_this()] { self->finish(); };
    Tick->setCallback([self = shared_from_this()] { self->finish(); });
  }
  void fire() {
    auto F = std::move(OnDone);
    F();
    for (auto &C : Callbacks)
      C();
    Callbacks.clear();
    Handlers.erase(1);
  }
  void stop() {
    Replaced = [] {};
    Tick.reset();
  }
  void finish() {}

private:
  std::function<void()> OnDone;
  std::vector<std::function<void()>> Callbacks;
  std::map<int, std::function<void()>> Handlers;
  std::function<void()> Replaced;
  std::unique_ptr<Registry> Tick = std::make_unique<Registry>();
};

// A timer that lets go of its handler when it fires, or when told to.
class Timer {
public:
  void setCallback(std::function<void()> F) { Handler = std::move(F); }
  void fire() {
    Handler();
    Handler = nullptr;
  }

private:
  std::function<void()> Handler;
};
class Alarm {
public:
  void setHandler(std::function<void()> F) { Handler = std::move(F); }
  void ring() { Handler(); }

private:
  std::function<void()> Handler;
};
class Clock : public std::enable_shared_from_this<Clock> {
public:
  void start() {
    Tick.setCallback([self = shared_from_this()] { self->tick(); });
    Bell.setHandler([self = shared_from_this()] { self->tick(); });
  }
  void stop() { Bell.setHandler(nullptr); }
  void tick() {}

private:
  Timer Tick;
  Alarm Bell;
};

// Functions known only by name: the object cancels or disconnects them.
class Signal {
public:
  void connect(std::function<void()> F);
  void disconnect_all_slots();
};
class Button {
public:
  void setClickHandler(std::function<void()> F);
  void clearHandlers();
};
class View : public std::enable_shared_from_this<View> {
public:
  void start() {
    Changed.connect([self = shared_from_this()] { self->draw(); });
    OK.setClickHandler([self = shared_from_this()] { self->draw(); });
  }
  void close() {
    Changed.disconnect_all_slots();
    OK.clearHandlers();
  }
  void draw() {}

private:
  Signal Changed;
  Button OK;
};

// Not a strong reference to this object: by reference, another object.
class Node : public std::enable_shared_from_this<Node> {
public:
  void start() {
    auto self = shared_from_this();
    OnDone = [&self] { self->run(); };
    auto other = Parent->shared_from_this();
    Callbacks.push_back([other] { other->run(); });
  }
  void run() {}

private:
  std::function<void()> OnDone;
  std::vector<std::function<void()>> Callbacks;
  Node *Parent = nullptr;
};

// Members others can reach (public), and lambdas written in macros.
#define STORE(Slot, Callable) Slot = Callable
struct Open : std::enable_shared_from_this<Open> {
  void start() {
    OnDone = [self = shared_from_this()] { self->run(); };
  }
  void run() {}
  std::function<void()> OnDone;
};
class Macro : public std::enable_shared_from_this<Macro> {
public:
  void start() { STORE(OnDone, [self = shared_from_this()] { self->run(); }); }
  void run() {}

private:
  std::function<void()> OnDone;
};

// Suppressed where it is reported.
class Suppressed : public std::enable_shared_from_this<Suppressed> {
public:
  void start() {
    OnDone = [self = shared_from_this()] { self->run(); }; // NOLINT(weakify-self-capture)
  }
  void run() {}

private:
  std::function<void()> OnDone;
};

// A class template whose clearing member function is never instantiated:
// the template as written still lets go.
template <typename Payload>
class Channel : public std::enable_shared_from_this<Channel<Payload>> {
public:
  void open() {
    Handlers.push_back([self = this->shared_from_this()](const Payload &P) {
      self->deliver(P);
    });
    OnClose = [self = this->shared_from_this()] { self->deliver(Payload()); };
  }
  void close() {
    Handlers.clear();
    OnClose = nullptr;
  }
  void deliver(const Payload &) {}

private:
  std::vector<std::function<void(const Payload &)>> Handlers;
  std::function<void()> OnClose;
};

int main() {
  auto C = std::make_shared<Channel<int>>();
  C->open();
}

// Made into an object that only runs it: a constructor is not storage
// unless the type is a callable wrapper.
class Probe {
public:
  Probe() = default;
  template <typename F> explicit Probe(F Check) : Healthy(Check()) {}

private:
  bool Healthy = false;
};
class Service : public std::enable_shared_from_this<Service> {
public:
  void check() {
    Last = Probe([self = shared_from_this()] { return self->ok(); });
  }
  bool ok() const { return true; }

private:
  Probe Last;
};

// Threads drop their function when it returns: a vector of them is not
// storage for it.
class Pool : public std::enable_shared_from_this<Pool> {
public:
  void start() {
    Workers.emplace_back([self = shared_from_this()] { self->work(); });
    Workers.push_back(std::thread([self = shared_from_this()] { self->work(); }));
  }
  void work() {}

private:
  std::vector<std::thread> Workers;
};
