// weakref/detail/owned_mutex.hpp - a mutex that knows whether the calling
// thread holds it, for the death notices of containers with a lock.
#ifndef WEAKREF_DETAIL_OWNED_MUTEX_HPP
#define WEAKREF_DETAIL_OWNED_MUTEX_HPP

#include <atomic>
#include <mutex>
#include <thread>

namespace weakref {
namespace detail {

// std::mutex plus its holder's thread id, for the containers whose death
// notices remove entries on the dying thread (weakref::synchronized, cache).
//
// A death only tries the lock, never waits for it, so it cannot deadlock; if
// the lock is held, the holder removes the entry when it unlocks. For that
// hand-over not to lose a notice, the notice's pending flag and this holder
// id are sequentially consistent: a dying thread stores the flag then reads
// the holder; an unlocking thread clears the holder then reads the flag. One
// of the two must see the other's store, so either the dying thread finds
// the lock free (and takes it) or the unlocking thread finds the notice.
// (Fences would say the same, but ThreadSanitizer does not support them.)
class owned_mutex {
public:
  void lock() {
    mutex_.lock();
    holder_.store(std::this_thread::get_id(), std::memory_order_seq_cst);
  }
  bool try_lock() noexcept {
    if (!mutex_.try_lock()) return false;
    holder_.store(std::this_thread::get_id(), std::memory_order_seq_cst);
    return true;
  }
  void unlock() noexcept {
    holder_.store(std::thread::id(), std::memory_order_seq_cst);
    mutex_.unlock();
  }
  // Whether any thread (this one included) holds it.
  bool held() const noexcept {
    return holder_.load(std::memory_order_seq_cst) != std::thread::id();
  }

private:
  std::mutex mutex_;
  std::atomic<std::thread::id> holder_{};
};

// Removes the reported deaths of a container guarded by mutex now, unless
// someone holds the lock: then the holder's unlock does it (see owned_mutex).
// reported() reads the inbox's flag; collect() runs under the lock and
// returns what must be destroyed after it.
template <class Reported, class Collect>
void collect_if_free(owned_mutex& mutex, Reported&& reported, Collect&& collect) noexcept {
  while (reported()) {
    if (mutex.held()) return;
    if (!mutex.try_lock()) {
      std::this_thread::yield();  // taken or released right now: look again
      continue;
    }
    auto garbage = collect();
    mutex.unlock();
    static_cast<void>(garbage);  // user destructors, after the lock
  }
}

// Unlocks mutex, held by this thread, after collecting the deaths reported
// while it was held; then collects those posted meanwhile (see owned_mutex).
template <class Reported, class Collect>
void unlock_collecting(owned_mutex& mutex, Reported&& reported, Collect&& collect) noexcept {
  {
    auto garbage = collect();
    mutex.unlock();
    static_cast<void>(garbage);
  }  // garbage goes after the lock
  collect_if_free(mutex, reported, collect);
}

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_OWNED_MUTEX_HPP
