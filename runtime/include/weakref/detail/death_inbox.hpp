// weakref/detail/death_inbox.hpp - where the death notices of one
// container's entries are posted, from any thread.
#ifndef WEAKREF_DETAIL_DEATH_INBOX_HPP
#define WEAKREF_DETAIL_DEATH_INBOX_HPP

#include <weakref/detail/raise.hpp>

#include <atomic>
#include <cstdint>
#include <mutex>
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
// Lock order: a hook takes only the inbox mutex, and nothing that can make an
// object die (user code, the last shared_ptr release) runs under it, so a
// death on any thread, at any time, cannot deadlock on it.
class death_inbox {
public:
  // Called from any thread, also while the container runs.
  void post(std::uint32_t cell) noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    WEAKREF_TRY {
      cells_.push_back(cell);
    }
    WEAKREF_CATCH_ALL {
      lost_ = true;  // out of memory: the container sweeps everything instead
    }
    pending_.store(true, std::memory_order_release);
  }

  // Cheap test for the container's hot paths.
  bool pending() const noexcept { return pending_.load(std::memory_order_acquire); }

  // Moves the posted cells into out (whose old contents are dropped; its
  // buffer is recycled); returns true when notices were lost.
  bool take(std::vector<std::uint32_t>& out) noexcept {
    out.clear();
    std::lock_guard<std::mutex> lock(mutex_);
    out.swap(cells_);
    pending_.store(false, std::memory_order_relaxed);
    return std::exchange(lost_, false);
  }

private:
  std::mutex mutex_;
  std::vector<std::uint32_t> cells_;
  bool lost_ = false;
  std::atomic<bool> pending_{false};
};

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_DEATH_INBOX_HPP
