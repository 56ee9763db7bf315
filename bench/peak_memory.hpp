// bench/peak_memory.hpp - peak heap bytes of a benchmark, counted through
// replaced global operator new/delete, reported as the counter peak_bytes.
//
// Include this header in exactly one translation unit per binary: it defines
// the replacement allocation functions, which may not be inline. Sizes come
// from malloc_usable_size (glibc), so delete needs no header in front of each
// block and the allocations keep the layout they have without counting.
// Elsewhere nothing is replaced and no counter is reported.
//
// The counts are relaxed loads and stores, not read-modify-writes: a locked
// instruction per allocation would tax the allocation-heavy side of every
// comparison. The benchmarks allocate on one thread, so nothing is lost.
#ifndef WEAKIFY_BENCH_PEAK_MEMORY_HPP
#define WEAKIFY_BENCH_PEAK_MEMORY_HPP

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

#if defined(__GLIBC__)
#include <malloc.h>
#define WEAKIFY_BENCH_COUNTS_HEAP 1
#else
#define WEAKIFY_BENCH_COUNTS_HEAP 0
#endif

namespace bench {

namespace heap {
inline std::atomic<std::size_t> current{0};
inline std::atomic<std::size_t> peak{0};

inline void grew(std::size_t bytes) {
  const std::size_t now = current.load(std::memory_order_relaxed) + bytes;
  current.store(now, std::memory_order_relaxed);
  if (now > peak.load(std::memory_order_relaxed)) peak.store(now, std::memory_order_relaxed);
}

inline void shrank(std::size_t bytes) {
  current.store(current.load(std::memory_order_relaxed) - bytes, std::memory_order_relaxed);
}
}  // namespace heap

// Peak heap bytes above the level at construction. Construct it after the
// setup both sides share (the observers, say), so that the counter is what
// the container under test, and whatever it keeps alive, costs.
class PeakBytes {
 public:
  PeakBytes() : base_(heap::current.load(std::memory_order_relaxed)) {
    heap::peak.store(base_, std::memory_order_relaxed);
  }

  void report(benchmark::State &state) const {
    if (WEAKIFY_BENCH_COUNTS_HEAP)
      state.counters["peak_bytes"] =
          static_cast<double>(heap::peak.load(std::memory_order_relaxed) - base_);
  }

 private:
  std::size_t base_;
};

}  // namespace bench

#if WEAKIFY_BENCH_COUNTS_HEAP

namespace bench::heap {
inline void *allocate(std::size_t size) noexcept {
  void *p = std::malloc(size == 0 ? 1 : size);
  if (p) grew(malloc_usable_size(p));
  return p;
}

inline void release(void *p) noexcept {
  if (!p) return;
  shrank(malloc_usable_size(p));
  std::free(p);
}

inline void *allocate_or_throw(std::size_t size) {
  // The standard operator new: retry through the new-handler, else throw.
  for (;;) {
    if (void *p = allocate(size)) return p;
    std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}
}  // namespace bench::heap

// The aligned forms are left to the library: they allocate with
// aligned_alloc and free with free, apart from these.
void *operator new(std::size_t size) { return bench::heap::allocate_or_throw(size); }
void *operator new[](std::size_t size) { return bench::heap::allocate_or_throw(size); }
void *operator new(std::size_t size, const std::nothrow_t &) noexcept {
  return bench::heap::allocate(size);
}
void *operator new[](std::size_t size, const std::nothrow_t &) noexcept {
  return bench::heap::allocate(size);
}
void operator delete(void *p) noexcept { bench::heap::release(p); }
void operator delete[](void *p) noexcept { bench::heap::release(p); }
void operator delete(void *p, std::size_t) noexcept { bench::heap::release(p); }
void operator delete[](void *p, std::size_t) noexcept { bench::heap::release(p); }
void operator delete(void *p, const std::nothrow_t &) noexcept { bench::heap::release(p); }
void operator delete[](void *p, const std::nothrow_t &) noexcept { bench::heap::release(p); }

#endif  // WEAKIFY_BENCH_COUNTS_HEAP

#endif  // WEAKIFY_BENCH_PEAK_MEMORY_HPP
