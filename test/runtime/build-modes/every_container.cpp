// Uses every container of the runtime, so that the build-modes test
// compiles all of it (-fno-exceptions, -fno-rtti, -Wall -Wextra -Werror) and
// runs it: each line checks one behaviour, the exit status counts failures.
#include <weakref/weakref.hpp>

#include <cstdio>
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

int main() {
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
