// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not=warning:
// RUN: %frontends fix %s %t.fixed.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.fixed.cpp
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/accessor.cpp
// RUN: %python %S/../compdb.py %t %clangxx -- accessor.cpp
// RUN: %weakify -p %t 2>&1 | FileCheck %s --check-prefix=WHOLE --implicit-check-not=warning:

// A container reached through another name: a function that returns it by
// reference (a function-local static behind an accessor, the usual way to
// avoid the static initialisation order problem) and a reference variable
// bound to it. Their uses are the container's. The binding itself rewrites
// nothing, so none of these gets a fix-it.

#include <map>
#include <memory>
#include <string>

struct Texture {
  std::string Path;
};
struct Sound {
  std::string Path;
};
struct Sprite {
  std::string Path;
};

// Internal linkage: every call is in this unit.
static std::map<std::string, std::shared_ptr<Texture>> &textures() {
  static std::map<std::string, std::shared_ptr<Texture>> Loaded;
  // CHECK-MESSAGES: :[[@LINE-1]]:58: warning: cache 'Loaded' keeps every 'Texture' it creates alive
  // WHOLE: :[[@LINE-2]]:58: warning: cache 'Loaded' keeps every 'Texture' it creates alive
  // CHECK-FIXES: static std::map<std::string, std::shared_ptr<Texture>> Loaded;
  return Loaded;
}
std::shared_ptr<Texture> texture(const std::string &Path) {
  auto &Cache = textures();
  auto Found = Cache.find(Path);
  if (Found != Cache.end())
    return Found->second;
  auto Made = std::make_shared<Texture>(Texture{Path});
  Cache[Path] = Made;
  return Made;
}

// The same with an eviction through the accessor: silent.
static std::map<std::string, std::shared_ptr<Sound>> &sounds() {
  static std::map<std::string, std::shared_ptr<Sound>> Loaded;
  return Loaded;
}
std::shared_ptr<Sound> sound(const std::string &Path) {
  auto Found = sounds().find(Path);
  if (Found != sounds().end())
    return Found->second;
  auto Made = std::make_shared<Sound>(Sound{Path});
  sounds()[Path] = Made;
  return Made;
}
void forget(const std::string &Path) { sounds().erase(Path); }

// An inline accessor with external linkage: other units may call it, so
// only a whole program with its main() decides.
inline std::map<std::string, std::shared_ptr<Sprite>> &sprites() {
  static std::map<std::string, std::shared_ptr<Sprite>> Loaded;
  // WHOLE: :[[@LINE-1]]:57: warning: cache 'Loaded' keeps every 'Sprite' it creates alive
  // CHECK-FIXES: static std::map<std::string, std::shared_ptr<Sprite>> Loaded;
  return Loaded;
}
std::shared_ptr<Sprite> sprite(const std::string &Path) {
  std::map<std::string, std::shared_ptr<Sprite>> &Cache = sprites();
  auto Found = Cache.find(Path);
  if (Found != Cache.end())
    return Found->second;
  auto Made = std::make_shared<Sprite>(Sprite{Path});
  Cache.emplace(Path, Made);
  return Made;
}

int main() {
  for (int I = 0; I < 3; ++I) {
    texture("a" + std::to_string(I));
    sound("b" + std::to_string(I));
    forget("b" + std::to_string(I));
    sprite("c" + std::to_string(I));
  }
}
