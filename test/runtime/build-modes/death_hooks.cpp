// Death callbacks, finalizers and containers' death notices work in every
// mode, also without RTTI and without exceptions: the runtime finds an
// object's hooks by its control block's vtable, not by std::get_deleter.
#include <cstdio>
#include <memory>
#include <weakref/weakref.hpp>

namespace {
int failures = 0;
void expect(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "failed: %s\n", what);
    ++failures;
  }
}
struct Widget : weakref::enable_weakref<Widget> {};
}  // namespace

int main() {
  auto object = weakref::make_shared<int>(1);
  int callbacks = 0, finalized = 0;
  weakref::ref<int> watched(object, [&callbacks](const weakref::ref<int>&) { ++callbacks; });
  weakref::finalize cleanup(object, [&finalized] { ++finalized; });
  weakref::set<int> members;
  members.insert(object);
  expect(weakref::detail::hooks_of(object)->size() == 3, "a callback, a finalizer, a notice");
  object.reset();
  expect(callbacks == 1, "a ref callback runs at the death");
  expect(finalized == 1 && !cleanup.alive(), "a finalizer runs at the death");
  members.insert(weakref::make_shared<int>(2));  // collects the reported death
  expect(members.entry_count() == 0, "a set removes a reported death at its next insertion");

  int widget_calls = 0;
  weakref::ref<Widget> r;
  {
    Widget w;
    r = weakref::ref<Widget>(w, [&widget_calls](const weakref::ref<Widget>&) { ++widget_calls; });
    weakref::finalize f(w, [&widget_calls] { widget_calls += 10; });
  }
  expect(widget_calls == 11, "an enable_weakref object reports its death");

  auto detached = weakref::make_shared<int>(3);
  weakref::finalize<int> f(detached, [] { return 7; });
  auto fn = f.detach();
  expect(fn && (*fn)() == 7 && !f.alive(), "detach hands out the bound function");

  auto plain = std::make_shared<int>(4);
  expect(!weakref::detail::hooks_of(plain), "a plain shared_ptr has no hooks");
  return failures;
}
