// weakref/synchronized.hpp - weakref::synchronized<C>: a weak container with
// its own lock, whose entries go the moment their objects die (Python's
// promptness), whatever thread they die on.
#ifndef WEAKREF_SYNCHRONIZED_HPP
#define WEAKREF_SYNCHRONIZED_HPP

#include <weakref/detail/owned_mutex.hpp>
#include <weakref/detail/table_access.hpp>

#include <memory>
#include <type_traits>
#include <utility>

namespace weakref {

// Wraps a weakref::value_map, key_map or set with a mutex. Every use goes
// through lock() (or with_lock), which holds the mutex while the returned
// handle lives:
//
//   weakref::synchronized<weakref::key_map<Widget, Meta>> meta;
//   meta.lock()->insert_or_assign(widget, Meta{});
//   meta.with_lock([&](auto& m) { for (auto& [w, data] : m) use(w, data); });
//
// Prompt release. When an element (a set's element, a key_map's key, a
// value_map's value) made by weakref::make_shared or deriving from
// enable_weakref dies, its entry is removed - and a key_map's value or a
// value_map's key destroyed - on the dying thread, before the release of its
// last owner returns. If the lock is held at that moment (by another thread,
// or by the dying thread itself inside the locked region), the entry goes
// when the holder releases the lock instead, before unlock returns. Deaths
// during an iteration are committed when the iteration ends, as in every
// weak container. Objects that cannot report their death (plain
// std::make_shared) are found dead by looking and swept amortised, as in the
// bare container.
//
// Destructors of removed keys and values run after the lock is released, on
// the thread that released it (or on the dying thread), so they may use the
// container again. A death never waits for the lock: it only tries it, so it
// cannot deadlock with code that holds the lock while waiting for another.
//
// References and iterators obtained through a handle are valid only while
// that handle holds the lock (another thread may change the container as
// soon as it is released).
template <class Container>
class synchronized {
  struct core {
    template <class... Args>
    explicit core(Args&&... args) : container(std::forward<Args>(args)...) {}
    detail::owned_mutex mutex;
    Container container;
  };

public:
  // Holds the lock; gives the container as * and ->.
  template <bool Const>
  class basic_locked {
    using element = std::conditional_t<Const, const Container, Container>;

  public:
    basic_locked(const basic_locked&) = delete;
    basic_locked& operator=(const basic_locked&) = delete;
    basic_locked(basic_locked&& other) noexcept : core_(std::exchange(other.core_, nullptr)) {}
    basic_locked& operator=(basic_locked&&) = delete;
    ~basic_locked() {
      if (core_) release(*core_);
    }

    element& operator*() const noexcept { return core_->container; }
    element* operator->() const noexcept { return &core_->container; }

  private:
    friend class synchronized;
    explicit basic_locked(core& c) : core_(&c) { c.mutex.lock(); }
    core* core_;
  };
  using locked = basic_locked<false>;
  using const_locked = basic_locked<true>;

  // Constructs the container from args.
  template <class... Args>
  explicit synchronized(Args&&... args) : core_(std::make_shared<core>(std::forward<Args>(args)...)) {
    auto& table = table_of(*core_);
    table.defer_destruction();
    table.set_death_sink(std::weak_ptr<void>(core_), &on_death);
  }
  synchronized(const synchronized&) = delete;
  synchronized& operator=(const synchronized&) = delete;
  // Empties the container under the lock, so that a death notice still
  // running on another thread finds nothing to destroy there.
  ~synchronized() {
    locked handle = lock();
    handle->clear();
  }

  [[nodiscard]] locked lock() { return locked(*core_); }
  [[nodiscard]] const_locked lock() const { return const_locked(*core_); }

  // f(container) under the lock; returns what f returns.
  template <class F>
  decltype(auto) with_lock(F&& f) {
    locked handle = lock();
    return std::forward<F>(f)(*handle);
  }
  template <class F>
  decltype(auto) with_lock(F&& f) const {
    const_locked handle = lock();
    return std::forward<F>(f)(*handle);
  }

private:
  static auto& table_of(core& c) noexcept { return detail::table_access::of(c.container); }

  // The death sink: runs on the dying thread after its notice was posted.
  static void on_death(void* owner) noexcept { collect_if_free(*static_cast<core*>(owner)); }

  static bool reported(core& c) noexcept { return table_of(c).deaths_reported(); }
  // Under the lock: removes the reported deaths, and returns the removed
  // nodes, to be destroyed after the lock.
  static auto collect(core& c) noexcept {
    table_of(c).collect_deaths();
    return table_of(c).take_retired();
  }

  // Removes the reported deaths now, unless someone holds the lock: then
  // that holder's release does it.
  static void collect_if_free(core& c) noexcept {
    detail::collect_if_free(
        c.mutex, [&c] { return reported(c); }, [&c] { return collect(c); });
  }

  // Unlocks after collecting the deaths reported while the lock was held;
  // keys and values go after the unlock.
  static void release(core& c) noexcept {
    detail::unlock_collecting(
        c.mutex, [&c] { return reported(c); }, [&c] { return collect(c); });
  }

  std::shared_ptr<core> core_;
};

}  // namespace weakref

#endif  // WEAKREF_SYNCHRONIZED_HPP
