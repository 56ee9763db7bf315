// RUN: rm -rf %t && mkdir -p %t && cp %s %t/main.cpp
// RUN: %python %S/../compdb.py %t %clangxx -- main.cpp
// RUN: %weakify -p %t 2>&1 | FileCheck %s --implicit-check-not='{{^/.*: warning:}}'

// The observer takes itself out of the list in its own destructor, which
// never runs while the list owns it. The list is public, so the whole
// program (it has a main()) decides.

#include <memory>
#include <vector>

struct Panel;
struct Watcher {
  virtual ~Watcher();
  virtual void changed() = 0;
  Panel *Owner = nullptr;
};

struct Panel {
  void addWatcher(std::shared_ptr<Watcher> W) { Watchers.push_back(W); }
  void refresh() {
    for (auto &W : Watchers)
      W->changed();
  }
  std::vector<std::shared_ptr<Watcher>> Watchers;
  // CHECK: :[[@LINE-1]]:41: warning: observer list 'Watchers' keeps every 'Watcher' subscribed through 'addWatcher' alive
};

Watcher::~Watcher() {
  if (Owner)
    Owner->Watchers.clear();
}

// The same removal in the destructor of another class does let go.
struct Board;
struct Sensor {
  virtual ~Sensor() = default;
  virtual void changed() = 0;
};
struct Board {
  void addWatcher(std::shared_ptr<Sensor> S) { Sensors.push_back(S); }
  void refresh() {
    for (auto &S : Sensors)
      S->changed();
  }
  std::vector<std::shared_ptr<Sensor>> Sensors;
};
struct Session {
  ~Session() { Of->Sensors.clear(); }
  Board *Of = nullptr;
};

int main() {}
