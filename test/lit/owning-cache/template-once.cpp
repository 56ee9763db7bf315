// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not=warning:
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only -I%runtime_include %t.cpp

// A cache template instantiated three times is reported once, at its source.

#include <map>
#include <memory>
#include <string>

template <typename Resource> class ResourceCache {
public:
  std::shared_ptr<Resource> get(const std::string &Key) {
    auto It = Items.find(Key);
    if (It != Items.end())
      return It->second;
    auto Made = std::make_shared<Resource>();
    Items.emplace(Key, Made);
    return Made;
  }

private:
  std::map<std::string, std::shared_ptr<Resource>> Items;
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: cache 'Items' keeps every '{{.*}}' it creates alive
  // CHECK-MESSAGES: note: entry created and inserted here on a miss
  // CHECK-MESSAGES: note: nothing in this translation unit erases
  // CHECK-FIXES: weakref::value_map<std::string, Resource> Items;
};

struct Sound {};
struct Sprite {};
struct Level {};

int main() {
  ResourceCache<Sound> Sounds;
  ResourceCache<Sprite> Sprites;
  ResourceCache<Level> Levels;
  return Sounds.get("a") && Sprites.get("b") && Levels.get("c") ? 0 : 1;
}
