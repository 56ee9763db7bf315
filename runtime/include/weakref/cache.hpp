// weakref/cache.hpp - weakref::cache, the Python tutorial's SmartCache done
// right: a thread-safe get-or-create cache with weak values.
#ifndef WEAKREF_CACHE_HPP
#define WEAKREF_CACHE_HPP

#include <weakref/detail/guarded_iterator.hpp>
#include <weakref/detail/identity.hpp>
#include <weakref/detail/owned_mutex.hpp>
#include <weakref/detail/raise.hpp>
#include <weakref/detail/sweep_schedule.hpp>
#include <weakref/detail/weak_table.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
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
// Dead entries: a value made by weakref::make_shared (or an enable_weakref
// object) reports its death, and its entry goes at once, on the dying thread,
// before the release of the value's last owner returns; if the cache's lock
// is held at that moment, the entry goes when the lock is released instead.
// A death never waits for the lock. Other values are swept amortised:
// entry_count() <= 2 * (live entries at the last sweep) + 17.
//
// Clock is a parameter for tests; it needs a static now().
template <class K, class V, class Hash = std::hash<K>, class KeyEqual = std::equal_to<K>,
          class Clock = std::chrono::steady_clock>
class cache {
public:
  explicit cache(cache_options options = {})
      : options_(options), self_(this, [](cache*) {}) {
    watch_.set_sink(self_, &on_death);
  }
  cache(const cache&) = delete;
  cache& operator=(const cache&) = delete;
  // Waits for death notices running on other threads to leave the cache.
  ~cache() {
    std::weak_ptr<cache> in_flight = self_;
    self_.reset();
    while (!in_flight.expired()) std::this_thread::yield();
  }

  // The live, fresh value under key, or factory() stored and returned.
  // factory returns something convertible to std::shared_ptr<V>; a null
  // result is returned and not stored.
  template <class F>
  std::shared_ptr<V> get_or_create(const K& key, F&& factory) {
    released dropped;  // destroyed after the lock is gone
    std::unique_lock<prompt_mutex> lock(mutex_);
    collect_deaths();
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
      std::shared_ptr<V> old = it->second.value.lock();
      forget_recent(old, dropped);
      dropped.push_back(std::move(old));  // dies after the lock, if at all
      break;
    }
    entry& slot = entries_[key];
    slot.creating = true;
    // Unwatched first: the watch counts on slot.value to keep the hooks.
    watch_.unwatch(std::exchange(slot.cell, detail::no_cell));
    slot.value.reset();
    lock.unlock();

    std::shared_ptr<V> created;
    WEAKREF_TRY {
      created = std::forward<F>(factory)();
    }
    WEAKREF_CATCH_ALL {
      lock.lock();
      entries_.erase(key);
      creation_done_.notify_all();
      WEAKREF_RETHROW;
    }

    lock.lock();
    // The entry is still there: nobody removes an entry being created.
    auto done_it = entries_.try_emplace(key).first;
    entry& done = done_it->second;
    done.creating = false;
    if (created) {
      done.value = created;
      done.created = Clock::now();
      done.cell = watch_.watch(&*done_it, created);
      touch(created, dropped);
      note_insertion(done.cell != detail::no_cell);
    } else {
      entries_.erase(key);
    }
    creation_done_.notify_all();
    return created;
  }

  // The live, fresh value under key, or null. Does not create.
  std::shared_ptr<V> get(const K& key) {
    released dropped;
    std::lock_guard<prompt_mutex> lock(mutex_);
    collect_deaths();
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
    std::lock_guard<prompt_mutex> lock(mutex_);
    collect_deaths();
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.creating) return false;
    std::shared_ptr<V> value = it->second.value.lock();
    forget_recent(value, dropped);
    erase_entry(it);
    bool was_live = value != nullptr;
    dropped.push_back(std::move(value));
    return was_live;
  }

  void clear() {
    released dropped;
    std::lock_guard<prompt_mutex> lock(mutex_);
    dropped.swap(recent_);
    for (auto it = entries_.begin(); it != entries_.end();)
      it = it->second.creating ? std::next(it) : erase_entry(it);
  }

  // Live, fresh entries (exact at the moment of the call).
  std::size_t size() const {
    std::lock_guard<prompt_mutex> lock(mutex_);
    std::size_t n = 0;
    for (const auto& kv : entries_)
      if (!kv.second.creating && is_fresh(kv.second)) ++n;
    return n;
  }

  // Diagnostic: entries stored, dead ones not yet swept included.
  std::size_t entry_count() const {
    std::lock_guard<prompt_mutex> lock(mutex_);
    return entries_.size();
  }

private:
  struct entry {
    std::weak_ptr<V> value;
    typename Clock::time_point created{};
    bool creating = false;
    std::uint32_t cell = detail::no_cell;  // watched: the value reports its death
  };
  using map_type = std::unordered_map<K, entry, Hash, KeyEqual>;
  // Values the cache stops keeping alive are destroyed only after its lock
  // is released: their destructors may use the cache.
  using released = std::vector<std::shared_ptr<V>>;

  bool too_old(const entry& e) const {
    return options_.max_age && Clock::now() - e.created > *options_.max_age;
  }
  std::shared_ptr<V> fresh_value(const entry& e) const {
    if (too_old(e)) return nullptr;
    return e.value.lock();
  }
  // Without locking the value: a temporary shared_ptr released under the
  // lock could be the last owner, and the value's destructor (or its death
  // callbacks) must never run under the lock.
  bool is_fresh(const entry& e) const { return !too_old(e) && !e.value.expired(); }

  typename map_type::iterator erase_entry(typename map_type::iterator it) {
    watch_.unwatch(std::exchange(it->second.cell, detail::no_cell));
    return entries_.erase(it);
  }

  // Removes the entries whose values reported their death (under the lock).
  void collect_deaths() {
    if (!watch_.reported()) return;
    const bool lost = watch_.collect([this](typename map_type::value_type* kv, std::uint32_t) {
      if (kv->second.creating) return;  // not watched any more: a stray notice
      if (kv->second.value.expired()) {
        erase_entry(entries_.find(kv->first));
      } else {
        // A stray notice for a reused cell: leave that entry to the sweep.
        watch_.unwatch(std::exchange(kv->second.cell, detail::no_cell));
        note_insertion(false);
      }
    });
    if (lost) sweep();
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

  // Sweeps dead entries on sweep_schedule's rule, so entry_count() stays
  // within 2 * live + 17.
  void note_insertion(bool watched) {
    if (watched) return;  // its death is reported
    if (schedule_.unreported_insertion()) sweep();
  }
  void sweep() {
    std::size_t live = 0;
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (it->second.creating || !it->second.value.expired()) {
        ++live;
        ++it;
      } else {
        it = erase_entry(it);
      }
    }
    schedule_.swept(live);
  }

  cache_options options_;
  // The lock, which also collects the deaths reported while it was held.
  class prompt_mutex {
  public:
    explicit prompt_mutex(cache* owner) noexcept : owner_(owner) {}
    void lock() { mutex.lock(); }
    void unlock() noexcept {
      detail::unlock_collecting(
          mutex, [this] { return owner_->watch_.reported(); }, [this] { return owner_->collect(); });
    }
    detail::owned_mutex mutex;

  private:
    cache* owner_;
  };

  // The death sink: runs on the dying thread after its notice was posted.
  static void on_death(void* owner) noexcept { static_cast<cache*>(owner)->collect_if_free(); }

  // Removes the reported deaths now, unless someone holds the lock: then its
  // unlock does (see owned_mutex).
  void collect_if_free() noexcept {
    detail::collect_if_free(
        mutex_.mutex, [this] { return watch_.reported(); }, [this] { return collect(); });
  }
  // Under the lock; keys go under it, as in every cache member.
  int collect() noexcept {
    collect_deaths();
    return 0;
  }

  mutable prompt_mutex mutex_{this};
  std::condition_variable_any creation_done_;
  map_type entries_;
  std::vector<std::shared_ptr<V>> recent_;
  detail::sweep_schedule schedule_;
  // Declared after entries_, destroyed before: the notices are taken back
  // before any entry goes.
  detail::death_watch<typename map_type::value_type> watch_;
  // Held weakly by the death sink; the destructor waits until no notice uses
  // it. Its deleter does nothing: it only marks this cache as alive.
  std::shared_ptr<cache> self_;
};

}  // namespace weakref

#endif  // WEAKREF_CACHE_HPP
