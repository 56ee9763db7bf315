// weakref::make_shared makes one allocation, like std::make_shared, and so
// does an enable_weakref object; a constructor that throws leaks nothing.
// A program of its own: it replaces the global operator new to count.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <weakref/enable_weakref.hpp>
#include <weakref/make_shared.hpp>
#include <weakref/ref.hpp>

namespace {
long allocations = 0;
long live_blocks = 0;
int failures = 0;

void expect(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "failed: %s\n", what);
    ++failures;
  }
}

template <class F>
long allocations_of(F&& f) {
  const long before = allocations;
  f();
  return allocations - before;
}

struct Small {
  int value = 0;
};
struct alignas(64) OverAligned {
  char bytes[64] = {};
};
struct Throws {
  Throws() { throw std::runtime_error("constructor"); }
};
struct Widget : weakref::enable_weakref<Widget> {};
}  // namespace

void* operator new(std::size_t size) {
  ++allocations;
  ++live_blocks;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, std::align_val_t align) {
  ++allocations;
  ++live_blocks;
  const std::size_t a = static_cast<std::size_t>(align);
  if (void* p = std::aligned_alloc(a, (size + a - 1) / a * a)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  if (p) --live_blocks;
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
void operator delete(void* p, std::align_val_t) noexcept { operator delete(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { operator delete(p); }

int main() {
  // Warm up: the first object of each type may register its control block
  // type once (which may grow a table).
  {
    auto warm = weakref::make_shared<Small>();
    auto o = weakref::make_shared<OverAligned>();
    Widget w;
  }

  expect(allocations_of([] { auto p = std::make_shared<Small>(); }) == 1,
         "the counter sees std::make_shared's one allocation");
  expect(allocations_of([] { auto p = weakref::make_shared<Small>(); }) == 1,
         "weakref::make_shared<Small>() is one allocation");
  expect(allocations_of([] { auto p = weakref::make_shared<OverAligned>(); }) == 1,
         "weakref::make_shared of an over-aligned type is one allocation");
  expect(allocations_of([] { Widget w; }) == 1, "an enable_weakref object is one allocation");

  // The memory stays while a weak reference does, then goes.
  const long live_before = live_blocks;
  {
    std::weak_ptr<Small> weak;
    {
      auto p = weakref::make_shared<Small>();
      weak = p;
    }
    expect(weak.expired(), "the object died");
    expect(live_blocks == live_before + 1, "its block stays while a weak_ptr does");
  }
  expect(live_blocks == live_before, "the block goes with the last weak_ptr");

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
  {
    const long live = live_blocks;
    bool thrown = false;
    try {
      auto p = weakref::make_shared<Throws>();
    } catch (const std::runtime_error&) {
      thrown = true;
    }
    expect(thrown && live_blocks == live, "a throwing constructor leaks nothing");
  }
#endif

  // Death hooks still work in that one block.
  int calls = 0;
  {
    auto p = weakref::make_shared<Small>();
    weakref::ref<Small> r(p, [&calls](const weakref::ref<Small>&) { ++calls; });
  }
  {
    auto p = weakref::make_shared<Small>();
    weakref::ref<Small> r(p, [&calls](const weakref::ref<Small>&) { ++calls; });
    p.reset();
  }
  expect(calls == 1, "a callback runs once, and not for a ref destroyed first");

  if (failures == 0) std::puts("make_shared: one allocation each");
  return failures == 0 ? 0 : 1;
}
