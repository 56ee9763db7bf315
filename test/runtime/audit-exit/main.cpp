// A program that leaks in every way the audit measures; check.cmake runs it
// and compares what the exit report writes (after the static destructors,
// once for both units) with expected.json.
#include "leaky.hpp"

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

struct Child;
struct Parent {
  struct weakify_audit_site_30_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-observers", "/abs/main.cpp", 30, "Parent::Children", ::weakref::audit::site_kind::owning_container, true}; } static ::std::size_t owner_size() { return sizeof(Parent); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Parent, Children); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::vector<std::shared_ptr<Child>>, weakify_audit_site_30_3> Children;
};
struct Child {
  struct weakify_audit_site_40_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-ownership-cycle", "/abs/main.cpp", 40, "Child::Owner", ::weakref::audit::site_kind::strong_pointer, true}; } static ::std::size_t owner_size() { return sizeof(Child); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Child, Owner); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::shared_ptr<Parent>, weakify_audit_site_40_3> Owner;
};

struct Clicker : std::enable_shared_from_this<Clicker> {
  struct weakify_audit_site_50_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-self-capture", "/abs/main.cpp", 50, "Clicker::OnClick", ::weakref::audit::site_kind::callable, false}; } static ::std::size_t owner_size() { return sizeof(Clicker); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Clicker, OnClick); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::function<void()>, weakify_audit_site_50_3> OnClick;
};

// Destroyed by the static destructors, before the report: measured then.
AssetLoader loader;

void evict() {
  struct weakify_audit_site_60_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/main.cpp", 60, "evict()::Evicting", ::weakref::audit::site_kind::owning_container, false}; } }; static ::weakref::audit::tracked<std::unordered_map<int, std::shared_ptr<Texture>>, weakify_audit_site_60_3> Evicting;
  for (int i = 0; i < 5; ++i) Evicting.try_emplace(i, std::make_shared<Texture>());
  for (int i = 0; i < 5; ++i) Evicting.erase(i);
}

int main() {
  for (int i = 0; i < 1000; ++i) loader.Cache["t" + std::to_string(i)] = std::make_shared<Texture>();
  loader.Cache.erase("t0");
  loader.Cache.insert({"t1000", std::make_shared<Texture>()});

  Recent[1] = std::make_shared<Texture>();
  Recent[2] = std::make_shared<Texture>();
  fill_recent_in_other_unit();

  for (int p = 0; p < 3; ++p) {
    auto parent = std::make_shared<Parent>();
    for (int c = 0; c < 4; ++c) {
      auto child = std::make_shared<Child>();
      child->Owner = parent;
      parent->Children.push_back(child);
    }
  }

  auto clicker = std::make_shared<Clicker>();
  clicker->OnClick = [self = clicker] {};

  evict();
  return 3;  // the report never changes the exit status
}
