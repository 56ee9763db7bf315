// weakref/detail/spin_lock.hpp - the lock and the reference counts behind
// death hooks and finalizers: a few instructions each, and no atomic
// instruction at all while the process has a single thread.
#ifndef WEAKREF_DETAIL_SPIN_LOCK_HPP
#define WEAKREF_DETAIL_SPIN_LOCK_HPP

#include <atomic>
#include <cstdint>
#include <thread>

#if defined(__has_include)
#if __has_include(<sys/single_threaded.h>)
#include <sys/single_threaded.h>
#define WEAKREF_HAS_SINGLE_THREADED 1
#endif
#endif

namespace weakref {
namespace detail {

// True while no second thread exists (glibc 2.32+; elsewhere never). The
// same test libstdc++ uses to skip the atomics of shared_ptr's counts: only
// the running thread can start another one, and starting it orders
// everything before it, so what this thread did unsynchronised is visible.
inline bool single_threaded() noexcept {
#if defined(WEAKREF_HAS_SINGLE_THREADED)
  return __libc_single_threaded != 0;
#else
  return false;
#endif
}

// A test-and-set lock for sections that run no user code, allocate at most
// (vector growth) and take at most one other spin_lock, always in the same
// order: a holder never waits for anything, so spinning is short, and a
// std::mutex would cost an atomic instruction or two more. Constant-
// initialised and trivially destructible, so it works during static
// destruction too.
class spin_lock {
 public:
  constexpr spin_lock() noexcept = default;
  spin_lock(const spin_lock&) = delete;
  spin_lock& operator=(const spin_lock&) = delete;

  // Returns whether the flag was taken (false: elided, single thread).
  bool lock() noexcept {
    if (single_threaded()) return false;
    while (flag_.exchange(true, std::memory_order_acquire)) {
      while (flag_.load(std::memory_order_relaxed)) std::this_thread::yield();
    }
    return true;
  }
  void unlock(bool taken) noexcept {
    if (taken) flag_.store(false, std::memory_order_release);
  }

 private:
  std::atomic<bool> flag_{false};
};

class spin_guard {
 public:
  explicit spin_guard(spin_lock& lock) noexcept : lock_(lock), taken_(lock.lock()) {}
  spin_guard(const spin_guard&) = delete;
  spin_guard& operator=(const spin_guard&) = delete;
  ~spin_guard() { lock_.unlock(taken_); }

 private:
  spin_lock& lock_;
  bool taken_;
};

// A reference count owned by its holders: only a holder adds one.
class ref_count {
 public:
  explicit ref_count(std::uint32_t initial) noexcept : count_(initial) {}

  void add() noexcept {
    if (single_threaded())
      count_.store(count_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    else
      count_.fetch_add(1, std::memory_order_relaxed);
  }

  // Whether the caller holds the only reference.
  bool unique() const noexcept { return count_.load(std::memory_order_acquire) == 1; }

  // Drops one; true for the last holder, who then owns the counted thing.
  // A holder that reads 1 is the only one left, and nobody else can add.
  bool release() noexcept {
    if (single_threaded()) {
      count_.store(count_.load(std::memory_order_relaxed) - 1, std::memory_order_relaxed);
      return count_.load(std::memory_order_relaxed) == 0;
    }
    return count_.load(std::memory_order_acquire) == 1 ||
           count_.fetch_sub(1, std::memory_order_acq_rel) == 1;
  }

 private:
  std::atomic<std::uint32_t> count_;
};

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_SPIN_LOCK_HPP
