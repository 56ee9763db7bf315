// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only -I%runtime_include %t.cpp

// Findings of several checks in one file: every fix applies, the runtime
// include is there, and the result compiles.

#include <map>
#include <memory>
#include <vector>
// CHECK-FIXES: #include <vector>
// CHECK-FIXES-NEXT: #include <weakref/weakref.hpp>
// CHECK-FIXES-NOT: #include <weakref/weakref.hpp>

struct Sprite {};
struct Listener {
  void onFrame() {}
};

class Scene {
public:
  std::shared_ptr<Sprite> sprite(int Id) {
    auto It = Sprites.find(Id);
    if (It != Sprites.end())
      return It->second;
    auto Made = std::make_shared<Sprite>();
    Sprites[Id] = Made;
    return Made;
  }
  void subscribe(std::shared_ptr<Listener> L) { Listeners.push_back(L); }
  void frame() {
    for (const auto &L : Listeners)
      L->onFrame();
  }

private:
  std::map<int, std::shared_ptr<Sprite>> Sprites;
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: cache 'Sprites' {{.*}} [weakify-owning-cache]
  // CHECK-FIXES: weakref::value_map<int, Sprite> Sprites;
  std::vector<std::shared_ptr<Listener>> Listeners;
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: observer list 'Listeners' {{.*}} [weakify-owning-observers]
  // CHECK-FIXES: weakref::set<Listener> Listeners;
};
