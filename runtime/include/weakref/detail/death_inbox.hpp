// weakref/detail/death_inbox.hpp - where the death notices of one
// container's entries are posted, from any thread.
#ifndef WEAKREF_DETAIL_DEATH_INBOX_HPP
#define WEAKREF_DETAIL_DEATH_INBOX_HPP

#include <weakref/detail/raise.hpp>
#include <weakref/detail/spin_lock.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace weakref {
namespace detail {

// Where death notices for one container go: the hook of an object that dies
// posts the container's cell number of that object here, on the dying
// thread; the container collects the notices on its own thread at its next
// mutation or at the end of an iteration. The hooks hold the inbox by
// shared_ptr, so a notice posted after the container is gone lands in an
// inbox nobody reads and is freed with it.
//
// A container that can be collected from any thread (weakref::synchronized,
// weakref::cache: they own a lock) installs a sink: post() then calls it on
// the dying thread, after the notice is in, so that the entry goes at once.
// The sink's owner is held weakly: a sink whose container is gone is skipped.
//
// Lock order: a hook takes only the inbox lock (a spin_lock: under it a
// vector grows or is swapped, nothing else), and nothing that can make an
// object die (user code, the last shared_ptr release) runs under it, so a
// death on any thread, at any time, cannot deadlock on it. The sink runs
// after the inbox lock is released.
class death_inbox {
public:
  using sink_function = void (*)(void* owner) noexcept;

  // Called from any thread, also while the container runs.
  void post(std::uint32_t cell) noexcept {
    std::weak_ptr<void> sink_owner;
    sink_function sink = nullptr;
    {
      spin_guard lock(lock_);
      WEAKREF_TRY {
        cells_.push_back(cell);
      }
      WEAKREF_CATCH_ALL {
        lost_ = true;  // out of memory: the container sweeps everything instead
      }
      // With a sink, sequentially consistent: see owned_mutex. (Each store
      // names its order: a computed one compiles to seq_cst everywhere.)
      if (sink_) {
        pending_.store(true, std::memory_order_seq_cst);
        sink = sink_;
        sink_owner = sink_owner_;
      } else {
        pending_.store(true, std::memory_order_release);
      }
    }
    if (sink)
      if (std::shared_ptr<void> owner = sink_owner.lock()) sink(owner.get());
  }

  // Cheap test for the container's hot paths.
  bool pending() const noexcept { return pending_.load(std::memory_order_seq_cst); }

  // Moves up to room posted cells (in no particular order) to out and
  // returns how many; sets lost when notices were lost since the last take.
  std::size_t take(std::uint32_t* out, std::size_t room, bool& lost) noexcept {
    spin_guard lock(lock_);
    std::size_t n = 0;
    for (; n < room && !cells_.empty(); ++n) {
      out[n] = cells_.back();
      cells_.pop_back();
    }
    if (cells_.empty()) pending_.store(false, std::memory_order_relaxed);
    if (lost_) lost = true;
    lost_ = false;
    return n;
  }

  // Installs (or, with a null sink, removes) the function post() calls.
  void set_sink(std::weak_ptr<void> owner, sink_function sink) noexcept {
    spin_guard lock(lock_);
    sink_owner_ = std::move(owner);
    sink_ = sink;
  }

private:
  spin_lock lock_;
  std::vector<std::uint32_t> cells_;
  bool lost_ = false;
  std::atomic<bool> pending_{false};
  sink_function sink_ = nullptr;
  std::weak_ptr<void> sink_owner_;
};

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_DEATH_INBOX_HPP
