// RUN: %frontends messages %s | count 0

// Containers of shared_ptr that own their elements on purpose, or that let
// observers go.

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

struct Listener {
  void onEvent() {}
};

// Unsubscribe exists (the observer calls it, e.g. from its destructor).
class WithUnsubscribe {
public:
  void subscribe(std::shared_ptr<Listener> L) { Listeners.push_back(L); }
  void unsubscribe(const std::shared_ptr<Listener> &L) {
    Listeners.erase(std::remove(Listeners.begin(), Listeners.end(), L),
                    Listeners.end());
  }
  void notify() {
    for (auto &L : Listeners)
      L->onEvent();
  }

private:
  std::vector<std::shared_ptr<Listener>> Listeners;
};

// One-shot callbacks: cleared after firing.
class OneShot {
public:
  void subscribe(std::shared_ptr<Listener> L) { Pending.push_back(L); }
  void fire() {
    for (auto &L : Pending)
      L->onEvent();
    Pending.clear();
  }

private:
  std::vector<std::shared_ptr<Listener>> Pending;
};

// A scene node owns its children: addChild is not a subscription.
class Node {
public:
  void addChild(std::shared_ptr<Node> Child) { Children.push_back(Child); }
  void draw() {
    for (auto &C : Children)
      C->draw();
  }

private:
  std::vector<std::shared_ptr<Node>> Children;
};

// Pipeline stages the object created itself.
struct Stage {
  void run() {}
};
class Pipeline {
public:
  Pipeline() {
    for (int I = 0; I < 3; ++I)
      Stages.push_back(std::make_shared<Stage>());
  }
  void run() {
    for (auto &S : Stages)
      S->run();
  }

private:
  std::vector<std::shared_ptr<Stage>> Stages;
};

// Subscribed but never notified through the list: not an observer list.
class Registry {
public:
  void subscribe(std::shared_ptr<Listener> L) { All.push_back(L); }
  std::size_t count() const { return All.size(); }

private:
  std::vector<std::shared_ptr<Listener>> All;
};

// A public list: other units may remove from it.
class Open {
public:
  void subscribe(std::shared_ptr<Listener> L) { Listeners.push_back(L); }
  void notify() {
    for (auto &L : Listeners)
      L->onEvent();
  }
  std::vector<std::shared_ptr<Listener>> Listeners;
};

// Handed out by reference: callers may change it.
class Exposed {
public:
  void subscribe(std::shared_ptr<Listener> L) { Listeners.push_back(L); }
  void notify() {
    for (auto &L : Listeners)
      L->onEvent();
  }
  std::vector<std::shared_ptr<Listener>> &listeners() { return Listeners; }

private:
  std::vector<std::shared_ptr<Listener>> Listeners;
};

// A logger owns the sinks handed to it, a server the handlers it runs:
// names that say "handler" or "sink" are not evidence of observers.
struct Sink {
  void write(const char *) {}
};
class Logger {
public:
  void addSink(std::shared_ptr<Sink> S) { Sinks.push_back(std::move(S)); }
  void log(const char *Msg) {
    for (auto &S : Sinks)
      S->write(Msg);
  }

private:
  std::vector<std::shared_ptr<Sink>> Sinks;
};
struct ConnectionHandler {
  void poll() {}
};
class Server {
public:
  void addHandler(std::shared_ptr<ConnectionHandler> H) { Handlers.push_back(H); }
  void pollAll() {
    for (auto &H : Handlers)
      H->poll();
  }

private:
  std::vector<std::shared_ptr<ConnectionHandler>> Handlers;
};
