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

#include <weakref/detail/exceptions.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

// Forces inlining of the few iterator members on a notify loop's path (GCC,
// Clang); elsewhere a plain inline.
#if defined(__GNUC__) || defined(__clang__)
#define WEAKREF_DETAIL_HOT [[gnu::always_inline]] inline
#else
#define WEAKREF_DETAIL_HOT inline
#endif

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
#if WEAKREF_HAS_EXCEPTIONS
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "weakref: exception ignored in callback: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "weakref: unknown exception ignored in callback\n");
  }
#else
  static_cast<void>(error);  // Nothing can throw without exceptions.
#endif
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

// Callbacks to run once when an object dies, newest first. Thread-safe: the
// object may die on any thread while others add or remove callbacks.
//
// Two kinds: callbacks (std::function: ref callbacks, finalizers) and
// notices (a container's inbox and cell: no allocation beyond the list, no
// user code). At the death every notice is posted first, then the callbacks
// run, so a callback that uses a container finds the dead entry collectable.
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

  // Registers a death notice for a container; no_hook when already dead.
  hook_id add_notice(std::shared_ptr<death_inbox> inbox, std::uint32_t cell) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (fired_) return no_hook;
    notices_.push_back(notice{++next_id_, std::move(inbox), cell});
    return next_id_;
  }

  // Removes a callback or notice that has not run; false if it already ran
  // (or is running on another thread) or is gone.
  bool remove(hook_id id) noexcept {
    std::function<void()> doomed;  // destroyed outside the lock
    std::shared_ptr<death_inbox> doomed_inbox;
    std::lock_guard<std::mutex> lock(mutex_);
    // Newest first: a container detaches the hooks it added last most often.
    for (auto it = notices_.rbegin(); it != notices_.rend(); ++it) {
      if (it->id == id) {
        doomed_inbox = std::move(it->inbox);
        notices_.erase(std::next(it).base());
        return true;
      }
    }
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

  // Diagnostic: callbacks and notices registered and not yet run.
  std::size_t size() const noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    return hooks_.size() + notices_.size();
  }

  // Posts every notice, then runs every callback once, newest first; a
  // throwing callback goes to the exception handler and the others still run.
  void fire() noexcept {
    std::vector<std::pair<hook_id, std::function<void()>>> pending;
    std::vector<notice> notices;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (fired_) return;
      fired_ = true;
      pending.swap(hooks_);
      notices.swap(notices_);
    }
    for (const notice& n : notices) n.inbox->post(n.cell);
    for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
      WEAKREF_TRY {
        it->second();
      }
      WEAKREF_CATCH_ALL {
        report_callback_exception(std::current_exception());
      }
    }
  }

private:
  struct notice {
    hook_id id;
    std::shared_ptr<death_inbox> inbox;
    std::uint32_t cell;
  };

  mutable std::mutex mutex_;
  bool fired_ = false;
  hook_id next_id_ = no_hook;
  std::vector<std::pair<hook_id, std::function<void()>>> hooks_;
  std::vector<notice> notices_;
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
  static_cast<void>(p);
  // Without RTTI std::get_deleter always answers null, so every object would
  // look unobservable: refuse at compile time instead.
  static_assert(dependent_false<T>,
                "weakref: death callbacks and finalizers need RTTI (std::get_deleter); "
                "compile with -frtti");
  return nullptr;
#endif
}

// Like hooks_of, for containers: an object that cannot report its death (or
// a build without RTTI) just gives nullptr, and the container purges lazily.
template <class T>
std::shared_ptr<death_hooks> hooks_if_any(const std::shared_ptr<T>& p) noexcept {
#if defined(__cpp_rtti) || defined(__GXX_RTTI) || defined(_CPPRTTI)
  const hooked_deleter* deleter = std::get_deleter<hooked_deleter>(p);
  return deleter ? deleter->hooks : nullptr;
#else
  static_cast<void>(p);
  return nullptr;
#endif
}

// ------------------------------------------------------------- death_watch

// A node's cell when its object cannot report its death (or is not watched).
inline constexpr std::uint32_t no_cell = 0xffffffffu;

// The death notices of one container's entries. An entry whose object
// reports its death (weakref::make_shared, enable_weakref) is watched: it
// gets a cell c, cells_[c] points back to it, and the object's death_hooks
// hold a notice (inbox_, c). The container removes the notice (unwatch) when
// the entry goes or gets another object, and clear() - run by the destructor
// - removes them all.
//
// Thread safety: a death runs the notice on the dying thread; it only appends
// c to inbox_ (under the inbox's own mutex). cells_ is touched only by the
// thread using the container (under its lock, for weakref::cache). A late
// notice (the object died while its entry was being removed, so the notice
// could not be taken back) names a cell that is free or reused by now:
// collect() skips a free cell, and the container must act only on an entry
// that is dead, so a stray notice is harmless.
template <class Target>
class death_watch {
public:
  death_watch() = default;
  death_watch(const death_watch&) = delete;
  death_watch& operator=(const death_watch&) = delete;
  death_watch(death_watch&& other) noexcept
      : cells_(std::move(other.cells_)), free_(std::exchange(other.free_, no_cell)),
        inbox_(std::move(other.inbox_)) {
    other.cells_.clear();
  }
  death_watch& operator=(death_watch&& other) noexcept {
    if (this != &other) {
      clear();
      cells_ = std::move(other.cells_);
      free_ = std::exchange(other.free_, no_cell);
      inbox_ = std::move(other.inbox_);
      other.cells_.clear();
    }
    return *this;
  }
  ~death_watch() { clear(); }

  // Watches target's object when it can report its death; returns its cell,
  // or no_cell when it cannot (a plain shared_ptr, an object already reported
  // dead, out of memory): the container then finds its death by looking.
  template <class P>
  std::uint32_t watch(Target* target, const std::shared_ptr<P>& object) noexcept {
    std::shared_ptr<death_hooks> hooks = hooks_if_any(object);
    if (!hooks) return no_cell;
    std::uint32_t c = no_cell;
    WEAKREF_TRY {
      if (!inbox_) inbox_ = std::make_shared<death_inbox>();
      c = allocate();
      const death_hooks::hook_id id = hooks->add_notice(inbox_, c);
      if (id == death_hooks::no_hook) {
        release(c);
        return no_cell;
      }
      cell& r = cells_[c];
      r.target = target;
      r.owner = owner_word(object);
      r.hooks = std::move(hooks);
      r.id = id;
      return c;
    }
    WEAKREF_CATCH_ALL {
      if (c != no_cell) release(c);
      return no_cell;
    }
  }

  // Takes the notice back (if it already ran, a stray notice may still
  // arrive for the freed cell) and frees the cell. no_cell is a no-op.
  void unwatch(std::uint32_t c) noexcept {
    if (c == no_cell) return;
    cells_[c].hooks->remove(cells_[c].id);
    release(c);
  }

  // Whether cell c watches object (the same owner).
  template <class P>
  bool watches(std::uint32_t c, const std::shared_ptr<P>& object) const noexcept {
    return c != no_cell && cells_[c].owner == owner_word(object);
  }

  // Takes every notice back.
  void clear() noexcept {
    for (cell& r : cells_)
      if (r.target) r.hooks->remove(r.id);
    cells_.clear();
    free_ = no_cell;
  }

  bool reported() const noexcept { return inbox_ && inbox_->pending(); }

  // Calls f(target, c) for each reported cell that is still watched, with
  // cells_ read afresh each time (f may run user code that re-enters the
  // container). Returns true when notices were lost: the caller sweeps.
  template <class F>
  bool collect(F&& f) {
    if (!inbox_) return false;
    std::vector<std::uint32_t> reported_cells;
    reported_cells.swap(scratch_);
    const bool lost = inbox_->take(reported_cells);
    for (std::uint32_t c : reported_cells)
      if (c < cells_.size() && cells_[c].target) f(cells_[c].target, c);
    reported_cells.clear();
    if (scratch_.capacity() < reported_cells.capacity()) scratch_.swap(reported_cells);
    return lost;
  }

private:
  // A free cell has target == nullptr and chains to the next free one.
  struct cell {
    Target* target = nullptr;
    owner_id_t owner = nullptr;  // the watched object's identity
    std::shared_ptr<death_hooks> hooks;
    death_hooks::hook_id id = death_hooks::no_hook;
    std::uint32_t next_free = no_cell;
  };

  std::uint32_t allocate() {
    if (free_ != no_cell) {
      const std::uint32_t c = free_;
      free_ = cells_[c].next_free;
      cells_[c].next_free = no_cell;
      return c;
    }
    if (cells_.size() >= no_cell) raise(std::length_error("weakref: too many watched entries"));
    cells_.emplace_back();
    return static_cast<std::uint32_t>(cells_.size() - 1);
  }

  void release(std::uint32_t c) noexcept {
    cell& r = cells_[c];
    r.target = nullptr;
    r.owner = nullptr;
    r.hooks.reset();
    r.id = death_hooks::no_hook;
    r.next_free = free_;
    free_ = c;
  }

  std::vector<cell> cells_;
  std::uint32_t free_ = no_cell;
  std::shared_ptr<death_inbox> inbox_;  // made at the first watched entry
  std::vector<std::uint32_t> scratch_;  // recycled buffer for collected cells
};

// -------------------------------------------------------------- weak_table

// A hash index Key -> Node plus a vector of node pointers in insertion order
// ("slots"). Node must provide `std::size_t slot`, `std::uint32_t cell`
// (initialised to no_cell), `bool expired() const` (dead entries are absent)
// and `void kill()` (make it expired).
//
// Invariants:
//  * every node in the index has exactly one canonical slot: order_[n.slot]
//    points to it; other slots pointing to it (left behind when a dead node
//    was revived during iteration) are stale and skipped;
//  * while guards_ > 0 (an iterator is alive) no node leaves the index and no
//    slot moves: erase only kills, revival and insertion append; the pending
//    work is done when the last guard goes;
//  * a node whose object reports its death (weakref::make_shared,
//    enable_weakref) is watched (see death_watch): n.cell is its cell, until
//    the node leaves the index or gets another object;
//  * deaths of watched objects are collected (their nodes removed) at every
//    insertion, erase, purge and at the end of every iteration;
//  * dead unwatched nodes are swept when unwatched insertions since the last
//    sweep exceed the live count at that sweep + kSweepSlack, so index size
//    stays at most 2 * live + kSweepSlack + 1 whenever no iterator is alive
//    (with watched objects only: live + deaths not yet collected).
//
// A reported death removes the cell's node only when that node is dead, so a
// stray notice for a reused cell is harmless (see death_watch).
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
        live_after_sweep_(other.live_after_sweep_), holes_(other.holes_),
        watch_(std::move(other.watch_)) {
    other.index_.clear();
    other.order_.clear();
    other.reset_counters();
  }
  weak_table& operator=(weak_table&& other) noexcept {
    if (this != &other) {
      watch_ = std::move(other.watch_);  // takes this table's notices back first
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
  ~weak_table() = default;  // watch_ goes first: it takes the notices back

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

  // Adds a node for a key that is not in the index; watched is the object
  // whose death kills the node.
  template <class P, class K, class... Args>
  entry* add(const std::shared_ptr<P>& watched, K&& key, Args&&... args) {
    order_.reserve(order_.size() + 1);  // no throw after the index changed
    auto result = index_.emplace(std::piecewise_construct,
                                 std::forward_as_tuple(std::forward<K>(key)),
                                 std::forward_as_tuple(std::forward<Args>(args)...));
    entry* e = &*result.first;
    e->second.slot = order_.size();
    order_.push_back(e);
    note_insertion(watch(e, watched));
    return e;
  }

  // Call after giving a dead node a new live payload (watched): during
  // iteration it moves to a fresh slot at the end, so running iterations do
  // not visit it.
  template <class P>
  void revived(entry* e, const std::shared_ptr<P>& watched) {
    if (guards_ > 0) {
      order_.push_back(e);
      e->second.slot = order_.size() - 1;
    }
    unwatch(e);
    note_insertion(watch(e, watched));
  }

  // Call after giving a live node another object (value_map assignment).
  template <class P>
  void replaced(entry* e, const std::shared_ptr<P>& watched) {
    if (watch_.watches(e->second.cell, watched)) return;
    unwatch(e);
    watch(e, watched);
  }

  // Removes a node (live or dead). During iteration it is only killed.
  void remove(entry* e) noexcept {
    if (guards_ > 0) {
      e->second.kill();
      sweep_pending_ = true;
      return;
    }
    unwatch(e);
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
    watch_.clear();
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
    auto* self = const_cast<weak_table*>(this);
    self->sweep_now();
    self->collect_deaths();  // only to empty the inbox: the sweep took them
  }

  // Removes the nodes of watched objects whose death was reported. Call it
  // first thing in a mutating member, before looking anything up: it may
  // destroy nodes.
  void collect_deaths() noexcept {
    // Loops: removing a node destroys its key (and key_map's value), which
    // may own other watched objects of this table (cascading deletes).
    while (deaths_reported()) collect_reported();
  }

private:
  void collect_reported() noexcept {
    const bool lost = watch_.collect([this](entry* e, std::uint32_t) {
      if (e->second.expired()) {
        remove(e);
      } else {
        // Reported dead yet still lockable: a stray notice for a reused
        // cell, or an enable_weakref object whose weak refs were cleared
        // while a borrowed pointer lingers. Leave the node to the sweep.
        unwatch(e);
        note_insertion(false);
      }
    });
    if (lost) {
      if (guards_ > 0) {
        sweep_pending_ = true;
      } else {
        sweep_now();
      }
    }
  }

public:
  bool deaths_reported() const noexcept { return watch_.reported(); }

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
    if (--guards_ == 0 && (sweep_pending_ || deaths_reported()))
      const_cast<weak_table*>(this)->settle();
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

  // Done when the last guard goes: pending removals, then reported deaths.
  void settle() noexcept {
    if (sweep_pending_) sweep_now();
    collect_deaths();
  }

  void note_insertion(bool watched) {
    if (watched) return;  // its death is reported: no sweep needed for it
    if (++inserts_since_sweep_ > live_after_sweep_ + kSweepSlack) sweep();
  }

  // Watches e's object if it can report its death; returns whether it does.
  template <class P>
  bool watch(entry* e, const std::shared_ptr<P>& object) noexcept {
    e->second.cell = watch_.watch(e, object);
    return e->second.cell != no_cell;
  }

  void unwatch(entry* e) noexcept { watch_.unwatch(std::exchange(e->second.cell, no_cell)); }

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
        unwatch(e);
        auto node = index_.extract(e->first);
        WEAKREF_TRY {
          graveyard.push_back(std::move(node));
        }
        WEAKREF_CATCH_ALL {
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
  // Declared last, destroyed first: the notices are taken back before any
  // node goes.
  death_watch<entry> watch_;
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
  guard_holder(guard_holder&& o) noexcept : table_(std::exchange(o.table_, nullptr)) {}
  guard_holder& operator=(const guard_holder& o) noexcept {
    if (this != &o) {
      guard_holder copy(o);
      std::swap(table_, copy.table_);
    }
    return *this;
  }
  guard_holder& operator=(guard_holder&& o) noexcept {
    if (this != &o) {
      guard_holder taken(std::move(o));
      std::swap(table_, taken.table_);
    }
    return *this;
  }
  ~guard_holder() { release(); }
  WEAKREF_DETAIL_HOT void release() noexcept {
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

// The iterator of set and value_map: walks a weak_table's slots in
// insertion order and visits the live entries, holding the visited entry's
// object strongly (in Policy::holder) for the whole step, and the table's
// iteration guard until it reaches the end (CPython's _IterationGuard: while
// any guard is held the table only kills and appends, and the last guard to
// go commits the pending removals and the reported deaths).
//
// It visits the slots that existed at begin() (limit_): entries added or
// revived afterwards go to later slots. While the guard is held no slot
// moves and the slot vector only grows, so limit_ stays in range.
//
// Policy gives the container (befriended: it builds iterators and reads
// index_), the iterator's value_type, reference and pointer, and
//   holder                       what the iterator holds; empty by default
//   lock(holder&, const entry&)  fill it from a live entry; false if dead
//   hold(holder&, const entry&, object)  fill it with an already locked object
//   empty(const holder&), reset(holder&), get(holder&) -> reference
//   copy(holder& to, const holder& from), move(holder& to, holder& from)
//
// The members on a notify loop's path are forced inline, so that a range-for
// keeps the iterator in registers: an iterator in memory costs stores that
// must drain before the next element's reference count is taken.
template <class Table, class Policy>
class guarded_iterator {
  using entry = typename Table::entry;
  using holder = typename Policy::holder;

public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = typename Policy::value_type;
  using difference_type = std::ptrdiff_t;
  using reference = typename Policy::reference;
  using pointer = typename Policy::pointer;

  guarded_iterator() noexcept = default;
  guarded_iterator(const guarded_iterator& other)
      : guard_(other.guard_), index_(other.index_), limit_(other.limit_) {
    Policy::copy(current_, other.current_);
  }
  guarded_iterator(guarded_iterator&& other) noexcept
      : guard_(std::move(other.guard_)), index_(other.index_), limit_(other.limit_) {
    Policy::move(current_, other.current_);
  }
  guarded_iterator& operator=(const guarded_iterator& other) {
    if (this != &other) {
      guard_ = other.guard_;
      index_ = other.index_;
      limit_ = other.limit_;
      Policy::copy(current_, other.current_);
    }
    return *this;
  }
  guarded_iterator& operator=(guarded_iterator&& other) noexcept {
    if (this != &other) {
      guard_ = std::move(other.guard_);
      index_ = other.index_;
      limit_ = other.limit_;
      Policy::move(current_, other.current_);
    }
    return *this;
  }
  ~guarded_iterator() = default;

  reference operator*() const noexcept { return Policy::get(current_); }
  pointer operator->() const noexcept { return &Policy::get(current_); }

  WEAKREF_DETAIL_HOT guarded_iterator& operator++() {
    if (index_ + 1 < limit_) {
      advance(index_ + 1);
    } else {
      finish();  // the common last step: no slot left to look at
    }
    return *this;
  }
  guarded_iterator operator++(int) {
    guarded_iterator old = *this;
    ++*this;
    return old;
  }

  friend bool operator==(const guarded_iterator& a, const guarded_iterator& b) noexcept {
    if (a.at_end() || b.at_end()) return a.at_end() && b.at_end();
    return a.guard_.table() == b.guard_.table() && a.index_ == b.index_;
  }
  friend bool operator!=(const guarded_iterator& a, const guarded_iterator& b) noexcept {
    return !(a == b);
  }

private:
  friend typename Policy::container;

  // At the first live slot >= first, visiting slots < the current size.
  WEAKREF_DETAIL_HOT guarded_iterator(const Table* t, std::size_t first)
      : guard_(t), limit_(t->slot_count()) {
    if (first < limit_) {
      advance(first);
    } else {
      guard_.release();
    }
  }
  // At a known live entry whose object the caller has locked.
  template <class Object>
  guarded_iterator(const Table* t, const entry* e, Object&& object)
      : guard_(t), index_(e->second.slot), limit_(t->slot_count()) {
    Policy::hold(current_, *e, std::forward<Object>(object));
  }

  bool at_end() const noexcept { return Policy::empty(current_); }
  std::size_t index() const noexcept { return index_; }

  // Moves to the first live slot in [from, limit_), or to the end.
  WEAKREF_DETAIL_HOT void advance(std::size_t from) {
    const Table* t = guard_.table();
    holder previous;  // released after the step, still under the guard
    Policy::move(previous, current_);
    if (!t) return;
    for (std::size_t i = from; i < limit_; ++i) {
      const entry* e = t->slot(i);
      if (e && Policy::lock(current_, *e)) {
        index_ = i;
        return;
      }
    }
    Policy::reset(previous);
    guard_.release();  // iteration over: commit pending removals
  }

  // Iteration over. The last object is released while the guard still
  // holds: if that was its last owner, its removal is committed with the
  // others when the guard goes.
  WEAKREF_DETAIL_HOT void finish() noexcept {
    Policy::reset(current_);
    guard_.release();
  }

  guard_holder<Table> guard_;
  std::size_t index_ = 0;
  std::size_t limit_ = 0;
  mutable holder current_{};
};

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_CORE_HPP
