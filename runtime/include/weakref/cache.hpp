// weakref/cache.hpp - weakref::cache, the Python tutorial's SmartCache done
// right: a thread-safe get-or-create cache with weak values.
#ifndef WEAKREF_CACHE_HPP
#define WEAKREF_CACHE_HPP

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace weakref {

struct cache_options {
  // Entries older than this are re-created on their next use (the old object
  // lives on with whoever still holds it). Empty: no age limit.
  std::optional<std::chrono::steady_clock::duration> max_age;
  // How many of the most recently used values the cache keeps alive itself,
  // so a hot object is not destroyed and re-created between two uses.
  std::size_t keep_alive = 0;
};

// A get-or-create cache whose values are held weakly: an object lives as long
// as its users (plus, optionally, the keep_alive most recently used ones).
//
// Thread safety: every member may be called from any thread. get_or_create
// calls the factory once per key even when threads race for it: the others
// wait for its result. The factory runs without the cache's lock held, so it
// may use the cache (for other keys). If it throws, the exception reaches its
// caller and one of the waiting threads tries again.
//
// Clock is a parameter for tests; it needs a static now().
template <class K, class V, class Hash = std::hash<K>, class KeyEqual = std::equal_to<K>,
          class Clock = std::chrono::steady_clock>
class cache {
public:
  explicit cache(cache_options options = {}) : options_(options) {}
  cache(const cache&) = delete;
  cache& operator=(const cache&) = delete;

  // The live, fresh value under key, or factory() stored and returned.
  // factory returns something convertible to std::shared_ptr<V>; a null
  // result is returned and not stored.
  template <class F>
  std::shared_ptr<V> get_or_create(const K& key, F&& factory) {
    released dropped;  // destroyed after the lock is gone
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      auto it = entries_.find(key);
      if (it == entries_.end()) break;
      if (it->second.creating) {  // another thread is making it: wait
        creation_done_.wait(lock);
        continue;
      }
      if (auto value = fresh_value(it->second)) {
        touch(value, dropped);
        return value;
      }
      // Dead or too old: stop keeping the old one alive, re-create below.
      forget_recent(it->second.value.lock(), dropped);
      break;
    }
    entry& slot = entries_[key];
    slot.creating = true;
    slot.value.reset();
    lock.unlock();

    std::shared_ptr<V> created;
    try {
      created = std::forward<F>(factory)();
    } catch (...) {
      lock.lock();
      entries_.erase(key);
      creation_done_.notify_all();
      throw;
    }

    lock.lock();
    entry& done = entries_[key];  // rehashing may have moved `slot`
    done.creating = false;
    if (created) {
      done.value = created;
      done.created = Clock::now();
      touch(created, dropped);
      note_insertion();
    } else {
      entries_.erase(key);
    }
    creation_done_.notify_all();
    return created;
  }

  // The live, fresh value under key, or null. Does not create.
  std::shared_ptr<V> get(const K& key) {
    released dropped;
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.creating) return nullptr;
    auto value = fresh_value(it->second);
    if (value) touch(value, dropped);
    return value;
  }

  // Forgets key (the object lives on with its users). Returns whether a live
  // value was stored.
  bool erase(const K& key) {
    released dropped;
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.creating) return false;
    std::shared_ptr<V> value = it->second.value.lock();
    forget_recent(value, dropped);
    entries_.erase(it);
    bool was_live = value != nullptr;
    dropped.push_back(std::move(value));
    return was_live;
  }

  void clear() {
    released dropped;
    std::lock_guard<std::mutex> lock(mutex_);
    dropped.swap(recent_);
    for (auto it = entries_.begin(); it != entries_.end();)
      it = it->second.creating ? std::next(it) : entries_.erase(it);
  }

  // Live, fresh entries (exact at the moment of the call).
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::size_t n = 0;
    for (const auto& kv : entries_)
      if (!kv.second.creating && fresh_value(kv.second)) ++n;
    return n;
  }

  // Diagnostic: entries stored, dead ones not yet swept included.
  std::size_t entry_count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
  }

private:
  struct entry {
    std::weak_ptr<V> value;
    typename Clock::time_point created{};
    bool creating = false;
  };
  static constexpr std::size_t kSweepSlack = 16;
  // Values the cache stops keeping alive are destroyed only after its lock
  // is released: their destructors may use the cache.
  using released = std::vector<std::shared_ptr<V>>;

  std::shared_ptr<V> fresh_value(const entry& e) const {
    if (options_.max_age && Clock::now() - e.created > *options_.max_age) return nullptr;
    return e.value.lock();
  }

  // Keeps value among the keep_alive most recently used (front = newest).
  void touch(const std::shared_ptr<V>& value, released& dropped) {
    if (options_.keep_alive == 0) return;
    auto it = std::find(recent_.begin(), recent_.end(), value);
    if (it != recent_.end()) {
      std::rotate(recent_.begin(), it, it + 1);
      return;
    }
    recent_.insert(recent_.begin(), value);
    if (recent_.size() > options_.keep_alive) {
      dropped.push_back(std::move(recent_.back()));
      recent_.pop_back();
    }
  }

  void forget_recent(const std::shared_ptr<V>& value, released& dropped) {
    if (!value) return;
    auto it = std::find(recent_.begin(), recent_.end(), value);
    if (it != recent_.end()) {
      dropped.push_back(std::move(*it));
      recent_.erase(it);
    }
  }

  // Sweeps dead entries when insertions since the last sweep exceed the live
  // count then, so entry_count() stays within 2 * live + kSweepSlack + 1.
  void note_insertion() {
    if (++inserts_since_sweep_ <= live_after_sweep_ + kSweepSlack) return;
    std::size_t live = 0;
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (it->second.creating || !it->second.value.expired()) {
        ++live;
        ++it;
      } else {
        it = entries_.erase(it);
      }
    }
    live_after_sweep_ = live;
    inserts_since_sweep_ = 0;
  }

  cache_options options_;
  mutable std::mutex mutex_;
  std::condition_variable creation_done_;
  std::unordered_map<K, entry, Hash, KeyEqual> entries_;
  std::vector<std::shared_ptr<V>> recent_;
  std::size_t inserts_since_sweep_ = 0;
  std::size_t live_after_sweep_ = 0;
};

}  // namespace weakref

#endif  // WEAKREF_CACHE_HPP
