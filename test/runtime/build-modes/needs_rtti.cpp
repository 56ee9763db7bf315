// A death callback needs RTTI (std::get_deleter): without it the runtime
// refuses at compile time, naming what to do.
#include <weakref/weakref.hpp>

#include <memory>

int main() {
  auto object = weakref::make_shared<int>(1);
  weakref::ref<int> watched(object, [](const weakref::ref<int>&) {});
  return watched() ? 0 : 1;
}
