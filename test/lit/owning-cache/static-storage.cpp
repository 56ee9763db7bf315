// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not=warning:
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only -I%runtime_include %t.cpp

// Caches with static storage: a namespace-scope global with a custom hash, a
// function-local static, and a static data member.

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>

struct Shader { int Id = 0; };
struct Mesh { std::string Name; };
struct Font { int Size = 0; };

struct IdHash {
  std::size_t operator()(int Id) const { return static_cast<std::size_t>(Id) * 31; }
};

namespace {
std::unordered_map<int, std::shared_ptr<Shader>, IdHash> Shaders;
// CHECK-MESSAGES: :[[@LINE-1]]:58: warning: cache 'Shaders' keeps every 'Shader' it creates alive: {{.*}}; use 'weakref::value_map<int, Shader, IdHash>' [weakify-owning-cache]
// CHECK-MESSAGES: note: entry created and inserted here on a miss; 'shader' hands out
// CHECK-MESSAGES: note: nothing in this translation unit erases
// CHECK-FIXES: weakref::value_map<int, Shader, IdHash> Shaders;
} // namespace

std::shared_ptr<Shader> shader(int Id) {
  auto Found = Shaders.find(Id);
  if (Found != Shaders.end())
    return Found->second;
  auto Made = std::make_shared<Shader>();
  Made->Id = Id;
  Shaders.emplace(Id, Made);
  return Made;
}

// The common slot idiom: the reference into the map cannot be carried over
// to value_map, so the warning comes without a fix-it.
std::shared_ptr<Mesh> mesh(const std::string &Name) {
  static std::unordered_map<std::string, std::shared_ptr<Mesh>> Meshes;
  // CHECK-MESSAGES: :[[@LINE-1]]:65: warning: cache 'Meshes' keeps every 'Mesh' it creates alive
  // CHECK-MESSAGES: note: entry created and inserted here on a miss; 'mesh' hands out
  // CHECK-MESSAGES: note: nothing in this translation unit erases
  // CHECK-FIXES: static std::unordered_map<std::string, std::shared_ptr<Mesh>> Meshes;
  auto &Slot = Meshes[Name];
  if (!Slot)
    Slot = std::make_shared<Mesh>(Mesh{Name});
  return Slot;
}

class FontBook {
public:
  static std::shared_ptr<Font> font(int Size) {
    if (Fonts.count(Size))
      return Fonts.at(Size);
    auto Made = std::make_shared<Font>();
    Made->Size = Size;
    Fonts.insert({Size, Made});
    return Made;
  }

private:
  static std::unordered_map<int, std::shared_ptr<Font>> Fonts;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: cache 'Fonts' keeps every 'Font' it creates alive
  // CHECK-MESSAGES: note: entry created and inserted here on a miss; 'font' hands out
  // CHECK-MESSAGES: note: nothing in this translation unit erases
};
std::unordered_map<int, std::shared_ptr<Font>> FontBook::Fonts;
