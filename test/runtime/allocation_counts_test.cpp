// What allocates: weakref::make_shared makes one allocation, like
// std::make_shared, and so does an enable_weakref object; a constructor that
// throws leaks nothing. A finalizer is one allocation and detaching a small
// lambda none; a container under churn (one object dies, one comes) reuses
// its entries' memory. A program of its own: it replaces the global
// operator new to count.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>
#include <weakref/enable_weakref.hpp>
#include <weakref/finalize.hpp>
#include <weakref/key_map.hpp>
#include <weakref/make_shared.hpp>
#include <weakref/ref.hpp>
#include <weakref/set.hpp>
#include <weakref/value_map.hpp>

namespace {
long allocations = 0;
bool fail_next_allocation = false;  // the next operator new throws
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
  if (fail_next_allocation) {
    fail_next_allocation = false;
    throw std::bad_alloc();
  }
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

  // A finalizer is one allocation; detach() keeps a lambda capturing a
  // reference inside the std::function it returns, and returns it callable.
  {
    auto p = weakref::make_shared<Small>();
    int cleaned = 0;
    std::optional<std::function<void()>> detached;
    weakref::finalize<> f;  // the registry's exit hook is registered here once
    f = weakref::finalize<>(p, [&cleaned] { ++cleaned; });
    expect(allocations_of([&] { f = weakref::finalize<>(p, [&cleaned] { ++cleaned; }); }) == 1,
           "a finalizer is one allocation");
    expect(allocations_of([&] { detached = f.detach(); }) == 0,
           "detaching a lambda that captures a reference allocates nothing");
    expect(detached && *detached && !f.alive(), "detach() returned the function");
    (*detached)();
    expect(cleaned == 1, "the detached function runs the finalizer's lambda");
    expect(allocations_of([&] { detached = f.detach(); }) == 0 && !detached,
           "a second detach() gives nothing");
  }
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
  // A callable too big to stay inside std::function: when boxing it fails,
  // detach() throws, the finalizer is detached all the same, and nothing
  // leaks.
  {
    auto p = weakref::make_shared<Small>();
    const long live = live_blocks;
    {
      std::string big(100, 'x');
      weakref::finalize<> f(p, [big] { static_cast<void>(big.size()); });
      bool thrown = false;
      fail_next_allocation = true;
      try {
        static_cast<void>(f.detach());
      } catch (const std::bad_alloc&) {
        thrown = true;
      }
      fail_next_allocation = false;
      expect(thrown, "detach() reports that it could not box the function");
      expect(!f.alive(), "and the finalizer is detached all the same");
    }
    expect(live_blocks == live, "nothing leaks when detach() runs out of memory");
  }
  // A key_map entry erased during iteration and inserted again: when making
  // its new slot runs out of memory, the insertion throws before the value
  // changes, so the loop still sees the old value (strong guarantee).
  {
    auto keep = weakref::make_shared<Small>();
    auto key = weakref::make_shared<Small>();
    weakref::key_map<Small, std::string> names;
    names.insert_or_assign(keep, "keep");
    names.insert_or_assign(key, "old");
    bool thrown = false;
    for (auto& entry : names) {
      if (entry.first != key) continue;
      names.erase(key);
      fail_next_allocation = true;
      try {
        names.insert_or_assign(key, "new");
      } catch (const std::bad_alloc&) {
        thrown = true;
      }
      fail_next_allocation = false;
      expect(entry.second == "old", "a revival that ran out of memory left the old value");
    }
    expect(thrown, "the revival reported that it ran out of memory");
    expect(!names.contains(key) && names.size() == 1, "and the entry stayed erased");
  }
#endif

  // Under churn - one object dies, another subscribes - a container
  // allocates nothing for its entries once warm: only the objects allocate.
  {
    weakref::set<Small> observers;
    std::vector<std::shared_ptr<Small>> hooked(4), plain(4);
    for (int warm = 0; warm < 64; ++warm) {
      hooked[warm % 4] = weakref::make_shared<Small>();
      plain[warm % 4] = std::make_shared<Small>();
      observers.insert(hooked[warm % 4]);
      observers.insert(plain[warm % 4]);
      for (const auto& o : observers) ++o->value;
    }
    long extra = 0;
    for (int i = 0; i < 1000; ++i) {
      extra += allocations_of([&] {
                 hooked[i % 4] = weakref::make_shared<Small>();
                 observers.insert(hooked[i % 4]);
                 plain[i % 4] = std::make_shared<Small>();
                 observers.insert(plain[i % 4]);
                 for (const auto& o : observers) ++o->value;
               }) -
               2;  // the two objects
    }
    expect(extra == 0, "a set under churn allocates only its objects");
    expect(observers.entry_count() <= 8 + 1, "and keeps no more entries than live ones");
  }
  // (Each object is in one container: the first notice on an object is kept
  // in place, a second container's allocates.)
  {
    weakref::value_map<int, Small> by_id;
    weakref::key_map<Small, int> tags;
    std::vector<std::shared_ptr<Small>> values(8), keys(8);
    long extra = 0;
    for (int i = 0; i < 1064; ++i) {
      const long n = allocations_of([&] {
        values[i % 8] = weakref::make_shared<Small>();
        by_id.insert_or_assign(i % 8, values[i % 8]);
        keys[i % 8] = weakref::make_shared<Small>();
        tags.insert_or_assign(keys[i % 8], i);
      });
      if (i >= 64) extra += n - 2;  // warm from here on; the two objects
    }
    expect(extra == 0, "value_map and key_map under churn allocate only their objects");
    expect(by_id.entry_count() == 8 && tags.entry_count() == 8, "and keep only live entries");
  }

  if (failures == 0) std::puts("allocations: as counted");
  return failures == 0 ? 0 : 1;
}
