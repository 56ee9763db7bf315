// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only -I%runtime_include %t.cpp

// Hand-rolled weak caches and registries that never drop dead entries.

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>
// CHECK-FIXES: #include <vector>
// CHECK-FIXES-NEXT: #include <weakref/weakref.hpp>

struct Texture { std::string Path; };

// The classic weak cache: lock, re-create on failure, store again. Keys
// whose textures died and are never asked for again stay forever.
class TextureCache {
public:
  std::shared_ptr<Texture> load(const std::string &Path) {
    if (auto Alive = Cache[Path].lock())
      return Alive;
    auto Made = std::make_shared<Texture>(Texture{Path});
    Cache[Path] = Made;
    return Made;
  }
  // CHECK-FIXES: if (auto Alive = Cache.get(Path))
  // CHECK-FIXES: Cache.insert_or_assign(Path, Made);
  bool loaded(const std::string &Path) const { return Cache.count(Path) != 0; }

private:
  std::unordered_map<std::string, std::weak_ptr<Texture>> Cache;
  // CHECK-MESSAGES: :[[@LINE-1]]:59: warning: 'Cache' keeps an entry for every 'Texture' it ever referenced: expired std::weak_ptr entries are never erased, so dead entries accumulate and pin their objects' control blocks; use 'weakref::value_map<std::string, Texture>' [weakify-stale-weak-entries]
  // CHECK-MESSAGES: :[[@LINE-10]]:5: note: entries are added here
  // CHECK-MESSAGES: :[[@LINE-3]]:59: note: nothing in this translation unit erases expired entries of 'Cache'
  // CHECK-FIXES: weakref::value_map<std::string, Texture> Cache;
};

// A registry of weak_ptrs that only grows: rewritten to weakref::set, whose
// loop variable is the live shared_ptr.
struct Session { int Id = 0; };
namespace {
std::vector<std::weak_ptr<Session>> Sessions;
// CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'Sessions' keeps an entry for every 'Session' it ever referenced{{.*}}use 'weakref::set<Session>'
// CHECK-MESSAGES: note: entries are added here
// CHECK-MESSAGES: note: nothing in this translation unit erases expired entries of 'Sessions'
// CHECK-FIXES: weakref::set<Session> Sessions;
} // namespace
std::shared_ptr<Session> open(int Id) {
  auto S = std::make_shared<Session>(Session{Id});
  Sessions.push_back(S);
  // CHECK-FIXES: Sessions.add(S);
  return S;
}
int liveSessions() {
  int N = 0;
  for (const auto &W : Sessions)
    if (auto S = W.lock())
      ++N;
  // CHECK-FIXES: if (auto S = W)
  return N;
}
