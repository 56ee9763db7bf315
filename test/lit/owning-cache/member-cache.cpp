// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not=warning:
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only -I%runtime_include %t.cpp

// A texture cache as most code bases write it: find, make_shared on a miss,
// store, hand the shared_ptr out. Nothing ever erases.

#include <map>
#include <memory>
#include <string>
// CHECK-FIXES: #include <string>
// CHECK-FIXES-NEXT: #include <weakref/weakref.hpp>

struct Texture {
  explicit Texture(std::string Path) : Path(std::move(Path)) {}
  std::string Path;
};

class TextureCache {
public:
  std::shared_ptr<Texture> load(const std::string &Path) {
    auto It = Textures.find(Path);
    if (It != Textures.end())
      return It->second;
    auto Created = std::make_shared<Texture>(Path);
    Textures[Path] = Created;
    // CHECK-FIXES: Textures.insert_or_assign(Path, Created);
    return Created;
  }
  bool has(const std::string &Path) const { return Textures.count(Path) != 0; }
  std::size_t size() const { return Textures.size(); }

private:
  std::map<std::string, std::shared_ptr<Texture>> Textures;
  // CHECK-MESSAGES: :[[@LINE-1]]:51: warning: cache 'Textures' keeps every 'Texture' it creates alive: its std::shared_ptr entries are never erased, so objects outlive their last user; use 'weakref::value_map<std::string, Texture>' [weakify-owning-cache]
  // CHECK-MESSAGES: :[[@LINE-10]]:5: note: entry created and inserted here on a miss; 'load' hands out a std::shared_ptr that shares ownership
  // CHECK-MESSAGES: :[[@LINE-3]]:51: note: nothing in this translation unit erases, clears or evicts entries of 'Textures'
  // CHECK-FIXES: weakref::value_map<std::string, Texture> Textures;
};

std::shared_ptr<Texture> grass(TextureCache &Cache) {
  return Cache.load("grass.png");
}
