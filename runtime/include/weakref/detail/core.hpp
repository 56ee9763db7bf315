// weakref/detail/core.hpp - machinery shared by every weakref component.
//
// Three things live here, each solved once:
//  * identity  - an object's identity is its owner (the shared_ptr control
//                block), not its address; see owner_id().
//  * death hooks - objects made by weakref::make_shared or deriving from
//                weakref::enable_weakref carry a death_hooks list that runs
//                callbacks once, after the object is destroyed.
//  * weak_table - the hash index + insertion-ordered slot vector with an
//                iteration guard (CPython's _IterationGuard) and amortised
//                purging, on which value_map, key_map and set are built.
//
// Nothing in namespace weakref::detail is part of the public interface.
#ifndef WEAKREF_DETAIL_CORE_HPP
#define WEAKREF_DETAIL_CORE_HPP

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace weakref {

// Thrown when a death callback or finalizer is requested for an object that
// cannot report its death: a plain std::make_shared / std::shared_ptr object.
// Create it with weakref::make_shared or derive it from weakref::enable_weakref.
class not_weakly_referenceable : public std::logic_error {
public:
  using std::logic_error::logic_error;
};

// Receives exceptions thrown by death callbacks and finalizers (which run in
// destructors and cannot propagate). The default handler prints to stderr.
using callback_exception_handler = void (*)(std::exception_ptr) noexcept;

namespace detail {

inline void print_callback_exception(std::exception_ptr error) noexcept {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "weakref: exception ignored in callback: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "weakref: unknown exception ignored in callback\n");
  }
}

inline std::atomic<callback_exception_handler>& exception_handler_slot() noexcept {
  static std::atomic<callback_exception_handler> slot{&print_callback_exception};
  return slot;
}

inline void report_callback_exception(std::exception_ptr error) noexcept {
  exception_handler_slot().load()(error);
}

}  // namespace detail

// Installs the handler for exceptions escaping death callbacks and finalizers
// and returns the previous one; nullptr restores the default (print to
// stderr). The handler may run on any thread, during destructors.
inline callback_exception_handler set_callback_exception_handler(
    callback_exception_handler handler) noexcept {
  return detail::exception_handler_slot().exchange(handler ? handler
                                                           : &detail::print_callback_exception);
}

namespace detail {

// ---------------------------------------------------------------- identity

// The identity of an owner: the address of its control block. While anyone
// holds a weak_ptr to the owner the control block cannot be freed, so an
// identity taken from a held weak_ptr is never reused by another object.
//
// C++17 offers no owner hash (std::owner_hash is C++26), so we read the
// control-block word of the smart pointer. libstdc++, libc++ and MSVC STL all
// lay out shared_ptr/weak_ptr as {element pointer, control block pointer}.
using owner_id_t = const void*;

template <class Ptr>
owner_id_t owner_word(const Ptr& p) noexcept {
  static_assert(sizeof(Ptr) == 2 * sizeof(void*),
                "weakref: unsupported standard library smart pointer layout");
  unsigned char bytes[sizeof(Ptr)];
  std::memcpy(bytes, static_cast<const void*>(std::addressof(p)), sizeof(Ptr));
  owner_id_t word;
  std::memcpy(&word, bytes + sizeof(void*), sizeof(void*));
  return word;
}

template <class T>
owner_id_t owner_id(const std::weak_ptr<T>& p) noexcept {
  return owner_word(p);
}
template <class T>
owner_id_t owner_id(const std::shared_ptr<T>& p) noexcept {
  return owner_word(p);
}

struct owner_id_hash {
  std::size_t operator()(owner_id_t id) const noexcept {
    // Control blocks are at least 16-byte aligned; mix the low bits away.
    auto v = reinterpret_cast<std::uintptr_t>(id);
    return std::hash<std::uintptr_t>{}(v >> 4 ^ v >> 17);
  }
};

// ------------------------------------------------------------- death hooks

// Callbacks to run once when an object dies, newest first. Thread-safe: the
// object may die on any thread while others add or remove callbacks.
class death_hooks {
public:
  using hook_id = std::size_t;
  static constexpr hook_id no_hook = 0;

  // Returns no_hook when the object is already dead (nothing registered).
  hook_id add(std::function<void()> fn) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (fired_) return no_hook;
    hooks_.emplace_back(++next_id_, std::move(fn));
    return next_id_;
  }

  // Removes a callback that has not run; false if it already ran or is gone.
  bool remove(hook_id id) noexcept {
    std::function<void()> doomed;  // destroyed outside the lock
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = hooks_.begin(); it != hooks_.end(); ++it) {
      if (it->first == id) {
        doomed = std::move(it->second);
        hooks_.erase(it);
        return true;
      }
    }
    return false;
  }

  bool fired() const noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    return fired_;
  }

  // Runs every callback once, newest first; a throwing callback goes to the
  // exception handler and the others still run.
  void fire() noexcept {
    std::vector<std::pair<hook_id, std::function<void()>>> pending;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (fired_) return;
      fired_ = true;
      pending.swap(hooks_);
    }
    for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
      try {
        it->second();
      } catch (...) {
        report_callback_exception(std::current_exception());
      }
    }
  }

private:
  mutable std::mutex mutex_;
  bool fired_ = false;
  hook_id next_id_ = no_hook;
  std::vector<std::pair<hook_id, std::function<void()>>> hooks_;
};

// The deleter of every hooked owner. Its type is what std::get_deleter looks
// for, whatever T is, so hooks are found from any (aliasing, converted)
// shared_ptr of the owner. The hooks are held by shared_ptr because some
// standard libraries destroy the deleter right after calling it.
struct hooked_deleter {
  std::shared_ptr<death_hooks> hooks;
  bool owns_object = true;

  template <class T>
  void operator()(T* p) const noexcept {
    if (owns_object) delete p;
    hooks->fire();
  }
};

class enable_weakref_base;  // defined in <weakref/enable_weakref.hpp>

template <class>
inline constexpr bool dependent_false = false;

// The death hooks of p's owner when it can report its death (made by
// weakref::make_shared, or an enable_weakref anchor: both own through a
// hooked_deleter); nullptr otherwise. Works from any aliasing or converted
// shared_ptr of the owner, because the deleter belongs to the owner.
template <class T>
std::shared_ptr<death_hooks> hooks_of(const std::shared_ptr<T>& p) {
#if defined(__cpp_rtti) || defined(__GXX_RTTI) || defined(_CPPRTTI)
  const hooked_deleter* deleter = std::get_deleter<hooked_deleter>(p);
  return deleter ? deleter->hooks : nullptr;
#else
  // Without RTTI std::get_deleter always answers null, so every object would
  // look unobservable: refuse at compile time instead.
  static_assert(dependent_false<T>,
                "weakref: death callbacks and finalizers need RTTI (std::get_deleter); "
                "compile with -frtti");
  return nullptr;
#endif
}

// -------------------------------------------------------------- weak_table

// A hash index Key -> Node plus a vector of node pointers in insertion order
// ("slots"). Node must provide `std::size_t slot`, `bool expired() const`
// (dead entries are absent) and `void kill()` (make it expired).
//
// Invariants:
//  * every node in the index has exactly one canonical slot: order_[n.slot]
//    points to it; other slots pointing to it (left behind when a dead node
//    was revived during iteration) are stale and skipped;
//  * while guards_ > 0 (an iterator is alive) no node leaves the index and no
//    slot moves: erase only kills, revival and insertion append; the pending
//    work is done when the last guard goes;
//  * dead nodes are swept when insertions since the last sweep exceed the
//    live count at that sweep + kSweepSlack, so index size stays at most
//    2 * live + kSweepSlack + 1 whenever no iterator is alive.
//
// Node destructors (user keys and values) run only after the table is
// consistent again, so they may re-enter the container.
template <class Key, class Node, class Hash, class KeyEqual>
class weak_table {
public:
  using index_type = std::unordered_map<Key, Node, Hash, KeyEqual>;
  using entry = typename index_type::value_type;  // pair<const Key, Node>
  static constexpr std::size_t kSweepSlack = 16;

  weak_table() = default;
  weak_table(const Hash& h, const KeyEqual& eq) : index_(0, h, eq) {}
  weak_table(const weak_table&) = delete;
  weak_table& operator=(const weak_table&) = delete;
  weak_table(weak_table&& other) noexcept
      : index_(std::move(other.index_)), order_(std::move(other.order_)),
        guards_(0), sweep_pending_(false), inserts_since_sweep_(other.inserts_since_sweep_),
        live_after_sweep_(other.live_after_sweep_), holes_(other.holes_) {
    other.reset_counters();
  }
  weak_table& operator=(weak_table&& other) noexcept {
    if (this != &other) {
      index_type doomed(std::move(index_));
      index_ = std::move(other.index_);
      order_ = std::move(other.order_);
      inserts_since_sweep_ = other.inserts_since_sweep_;
      live_after_sweep_ = other.live_after_sweep_;
      holes_ = other.holes_;
      other.index_.clear();
      other.order_.clear();
      other.reset_counters();
    }
    return *this;
  }

  Hash hash_function() const { return index_.hash_function(); }
  KeyEqual key_eq() const { return index_.key_eq(); }

  // Any node for key, live or dead; nullptr when absent.
  entry* lookup(const Key& key) {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &*it;
  }
  const entry* lookup(const Key& key) const {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &*it;
  }

  // Adds a node for a key that is not in the index.
  template <class K, class... Args>
  entry* add(K&& key, Args&&... args) {
    order_.reserve(order_.size() + 1);  // no throw after the index changed
    auto result = index_.emplace(std::piecewise_construct,
                                 std::forward_as_tuple(std::forward<K>(key)),
                                 std::forward_as_tuple(std::forward<Args>(args)...));
    entry* e = &*result.first;
    e->second.slot = order_.size();
    order_.push_back(e);
    note_insertion();
    return e;
  }

  // Call after giving a dead node a new live payload: during iteration it
  // moves to a fresh slot at the end, so running iterations do not visit it.
  void revived(entry* e) {
    if (guards_ > 0) {
      order_.push_back(e);
      e->second.slot = order_.size() - 1;
    }
    note_insertion();
  }

  // Removes a node (live or dead). During iteration it is only killed.
  void remove(entry* e) {
    if (guards_ > 0) {
      e->second.kill();
      sweep_pending_ = true;
      return;
    }
    order_[e->second.slot] = nullptr;
    ++holes_;
    auto doomed = index_.extract(e->first);  // destroyed after the update
    if (holes_ > order_.size() / 2 + kSweepSlack) compact_slots();
  }

  void clear() {
    if (guards_ > 0) {
      for (auto& e : index_) e.second.kill();
      sweep_pending_ = true;
      return;
    }
    index_type doomed(std::move(index_));
    index_.clear();
    order_.clear();
    reset_counters();
  }

  // Drops dead nodes now (deferred to the end of iteration when guarded).
  void sweep() const {
    if (guards_ > 0) {
      sweep_pending_ = true;
      return;
    }
    const_cast<weak_table*>(this)->sweep_now();
  }

  std::size_t live_count() const noexcept {
    std::size_t n = 0;
    for (const auto& e : index_)
      if (!e.second.expired()) ++n;
    return n;
  }
  bool any_live() const noexcept {
    for (const auto& e : index_)
      if (!e.second.expired()) return true;
    return false;
  }
  std::size_t entry_count() const noexcept { return index_.size(); }

  // Slot access for iterators: the canonical live-or-dead node at slot i, or
  // nullptr for holes and stale slots.
  std::size_t slot_count() const noexcept { return order_.size(); }
  entry* slot(std::size_t i) const noexcept {
    entry* e = order_[i];
    return (e && e->second.slot == i) ? e : nullptr;
  }

  // Each node once, in slot order (stale slots left by a revival during
  // iteration are skipped).
  template <class F>
  void for_each_entry(F&& f) const {
    for (std::size_t i = 0; i < order_.size(); ++i)
      if (entry* e = slot(i)) f(*e);
  }

  void acquire_guard() const noexcept { ++guards_; }
  void release_guard() const noexcept {
    if (--guards_ == 0 && sweep_pending_) const_cast<weak_table*>(this)->sweep_now();
  }
  bool guarded() const noexcept { return guards_ > 0; }

private:
  void reset_counters() noexcept {
    guards_ = 0;
    sweep_pending_ = false;
    inserts_since_sweep_ = 0;
    live_after_sweep_ = 0;
    holes_ = 0;
  }

  void note_insertion() {
    if (++inserts_since_sweep_ > live_after_sweep_ + kSweepSlack) sweep();
  }

  void compact_slots() noexcept {
    std::size_t w = 0;
    for (std::size_t i = 0; i < order_.size(); ++i) {
      entry* e = order_[i];
      if (!e || e->second.slot != i) continue;
      e->second.slot = w;
      order_[w++] = e;
    }
    order_.resize(w);
    holes_ = 0;
  }

  void sweep_now() noexcept {
    sweep_pending_ = false;
    std::vector<typename index_type::node_type> graveyard;
    std::size_t w = 0;
    for (std::size_t i = 0; i < order_.size(); ++i) {
      entry* e = order_[i];
      if (!e || e->second.slot != i) continue;
      if (e->second.expired()) {
        auto node = index_.extract(e->first);
        try {
          graveyard.push_back(std::move(node));
        } catch (...) {
          // Out of memory: destroy this one now; the table is still sound
          // because this node left both the index and the slots.
        }
        continue;
      }
      e->second.slot = w;
      order_[w++] = e;
    }
    order_.resize(w);
    holes_ = 0;
    live_after_sweep_ = w;
    inserts_since_sweep_ = 0;
    // graveyard (user keys/values) is destroyed here, after the update.
  }

  index_type index_;
  std::vector<entry*> order_;
  mutable std::size_t guards_ = 0;
  mutable bool sweep_pending_ = false;
  std::size_t inserts_since_sweep_ = 0;
  std::size_t live_after_sweep_ = 0;
  std::size_t holes_ = 0;
};

// Holds a table's iteration guard; copies hold their own.
template <class Table>
class guard_holder {
public:
  guard_holder() noexcept = default;
  explicit guard_holder(const Table* t) noexcept : table_(t) {
    if (table_) table_->acquire_guard();
  }
  guard_holder(const guard_holder& o) noexcept : guard_holder(o.table_) {}
  guard_holder& operator=(const guard_holder& o) noexcept {
    if (this != &o) {
      guard_holder copy(o);
      std::swap(table_, copy.table_);
    }
    return *this;
  }
  ~guard_holder() { release(); }
  void release() noexcept {
    if (table_) {
      const Table* t = table_;
      table_ = nullptr;
      t->release_guard();
    }
  }
  const Table* table() const noexcept { return table_; }

private:
  const Table* table_ = nullptr;
};

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_CORE_HPP
