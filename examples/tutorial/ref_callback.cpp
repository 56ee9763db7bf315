// The tutorial's weakref.ref and its callback, in C++:
//
//   obj = Expensive(); r = weakref.ref(obj, lambda ref: print("gone"))
//   r() is obj   ->  True;   del obj   ->  "gone";   r() is None  ->  True
#include <weakref/ref.hpp>

#include <cstdio>
#include <memory>

struct Expensive {
  int payload = 42;
};

int main() {
  auto obj = weakref::make_shared<Expensive>();
  int callbacks = 0;
  weakref::ref<Expensive> r(obj, [&](const weakref::ref<Expensive> &dead) {
    ++callbacks;
    std::printf("callback: referent gone, ref expired = %s\n", dead.expired() ? "yes" : "no");
  });
  std::printf("r() is obj: %s\n", r() == obj ? "yes" : "no");
  obj.reset();
  std::printf("r() after the last owner left: %s\n", r() ? "alive" : "null");
  return callbacks == 1 && !r() ? 0 : 1;
}
