// The well-behaved versions of each leak report nothing retained: a cache
// that evicts what nobody uses, an observer list whose observers
// unsubscribe, and a cycle broken by reset() before its owner goes.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx %s -o %t/plain
// RUN: %clang_plugin -fplugin-arg-weakify-instrument %s -o %t/audited
// RUN: %python %S/audited_run.py %t/plain %t/audited %t/audit.json | FileCheck %s
// CHECK: same stdout and exit status 0
// CHECK-NOT: leaking
// CHECK-DAG: SITE weakify-owning-cache nothing-retained.cpp:[[@LINE+28]] EvictingCache::Entries retained=0 peak=10 total=100 clean
// CHECK-DAG: SITE weakify-owning-observers nothing-retained.cpp:[[@LINE+46]] Button::Listeners retained=0 {{.*}} clean
// CHECK-DAG: SITE weakify-ownership-cycle nothing-retained.cpp:[[@LINE+55]] Child::Owner retained=0 {{.*}} clean
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct Texture {};

class EvictingCache {
public:
  std::shared_ptr<Texture> load(const std::string &Name) {
    auto It = Entries.find(Name);
    if (It != Entries.end())
      return It->second;
    auto Made = std::make_shared<Texture>();
    Entries[Name] = Made;
    return Made;
  }
  void evictUnused() {
    for (auto It = Entries.begin(); It != Entries.end();)
      It = It->second.use_count() == 1 ? Entries.erase(It) : std::next(It);
  }

private:
  std::map<std::string, std::shared_ptr<Texture>> Entries;
};

struct Listener {
  int Heard = 0;
};

class Button {
public:
  void subscribe(std::shared_ptr<Listener> L) { Listeners.push_back(std::move(L)); }
  void unsubscribe(const std::shared_ptr<Listener> &L) {
    Listeners.erase(std::remove(Listeners.begin(), Listeners.end(), L), Listeners.end());
  }
  void click() {
    for (auto &L : Listeners)
      ++L->Heard;
  }

private:
  std::vector<std::shared_ptr<Listener>> Listeners;
};

struct Child;
struct Parent {
  std::vector<std::shared_ptr<Child>> Children;
  void close();
};
struct Child {
  explicit Child(std::shared_ptr<Parent> P) : Owner(std::move(P)) {}
  std::shared_ptr<Parent> Owner;
};
void Parent::close() {
  for (auto &C : Children)
    C->Owner.reset();
  Children.clear();
}

int main() {
  EvictingCache Cache;
  for (int Level = 0; Level < 10; ++Level) {
    std::vector<std::shared_ptr<Texture>> InUse;
    for (int I = 0; I < 10; ++I)
      InUse.push_back(Cache.load("level" + std::to_string(Level) + "/" + std::to_string(I)));
    InUse.clear();
    Cache.evictUnused();
  }

  Button OK;
  for (int Dialog = 0; Dialog < 10; ++Dialog) {
    auto Mine = std::make_shared<Listener>();
    OK.subscribe(Mine);
    OK.click();
    OK.unsubscribe(Mine);
  }

  for (int I = 0; I < 5; ++I) {
    auto P = std::make_shared<Parent>();
    P->Children.push_back(std::make_shared<Child>(P));
    P->close();
  }
  std::puts("done");
  return 0;
}
