// Uses every container of the runtime, so that the build-modes test
// compiles all of it (-fno-exceptions, -fno-rtti, -Wall -Wextra -Werror) and
// runs it: each line checks one behaviour, the exit status counts failures.
#include <weakref/audit.hpp>
#include <weakref/weakref.hpp>

#include <cstddef>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace {
int failures = 0;
void expect(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "failed: %s\n", what);
    ++failures;
  }
}
}  // namespace

// A site as weakify's instrumentation writes it; no RTTI or exceptions
// needed, and the exit report runs in every mode.
struct Loader {
  struct weakify_audit_site_1_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/every_container.cpp", 1, "Loader::Cache", ::weakref::audit::site_kind::owning_container, true}; } static ::std::size_t owner_size() { return sizeof(Loader); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Loader, Cache); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::map<int, std::shared_ptr<std::string>>, weakify_audit_site_1_1> Cache;
  struct weakify_audit_site_2_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-self-capture", "/abs/every_container.cpp", 2, "Loader::OnLoad", ::weakref::audit::site_kind::callable, false}; } static ::std::size_t owner_size() { return sizeof(Loader); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Loader, OnLoad); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::function<void()>, weakify_audit_site_2_1> OnLoad;
};

int main() {
  {
    Loader loader;
    loader.Cache.insert({1, std::make_shared<std::string>("one")});
    loader.Cache[2] = std::make_shared<std::string>("two");
    loader.OnLoad = [] {};
    expect(loader.Cache.size() == 2 && loader.OnLoad, "tracked members work as their types");
    loader.Cache.clear();
  }
  auto held = weakref::make_shared<std::string>("held");

  weakref::value_map<int, std::string> values;
  values.emplace(1, held);
  {
    auto temporary = weakref::make_shared<std::string>("temporary");
    values.emplace(2, temporary);
  }
  expect(values.get(1) == held, "value_map keeps a live value");
  expect(!values.get(2), "value_map drops a dead value");

  weakref::key_map<std::string, int> keys;
  keys[held] = 7;
  expect(keys.contains(held), "key_map finds a live key");

  weakref::set<std::string> set;
  set.add(held);
  expect(set.size() == 1, "set holds a live element");

  weakref::synchronized<weakref::key_map<std::string, int>> prompt;
  {
    auto temporary = weakref::make_shared<std::string>("temporary");
    prompt.lock()->insert_or_assign(temporary, 1);
  }
  expect(prompt.lock()->entry_count() == 0, "synchronized removes a dead key at once");

  weakref::cache<int, std::string> cache;
  auto made = cache.get_or_create(3, [] { return std::make_shared<std::string>("made"); });
  expect(cache.get_or_create(3, [] { return std::shared_ptr<std::string>(); }) == made,
         "cache returns the live value");

  weakref::ref<std::string> weak(held);
  expect(weak() == held, "ref gives a live object");
  held.reset();
  expect(weak.expired() && !weak(), "ref of a dead object is empty");
  return failures;
}
