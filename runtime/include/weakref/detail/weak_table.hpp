// weakref/detail/weak_table.hpp - the hash index + insertion-ordered slot
// vector with an iteration guard (CPython's _IterationGuard) and amortised
// purging, on which value_map, key_map, set and cache are built.
#ifndef WEAKREF_DETAIL_WEAK_TABLE_HPP
#define WEAKREF_DETAIL_WEAK_TABLE_HPP

#include <weakref/detail/death_watch.hpp>
#include <weakref/detail/entry_index.hpp>
#include <weakref/detail/raise.hpp>
#include <weakref/detail/sweep_schedule.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace weakref {
namespace detail {

// A hash index Key -> Node (see entry_index) plus a vector of node
// pointers in insertion order ("slots"). Node must provide `std::size_t
// slot`, `std::uint32_t cell` (initialised to no_cell), `bool expired()
// const` (dead or killed: absent), `bool object_expired() const` (its
// object is dead) and `void kill()` (make it expired). A watched node holds
// a weak reference to its object's owner for as long as it is watched,
// killed or not: it keeps the object's death hooks in memory for the node's
// cell (see death_watch). Give a node another object only through revive()
// or replace().
//
// Invariants:
//  * every node in the index has exactly one canonical slot: order_[n.slot]
//    points to it; other slots pointing to it (left behind when a dead node
//    was revived during iteration) are stale and skipped;
//  * while guards_ > 0 (an iterator is alive) no node leaves the index and no
//    slot moves: erase only kills, revival and insertion append; the pending
//    work is done when the last guard goes;
//  * stale slots exist only while guarded (or sweep_pending_ is set): a
//    node is never freed while a slot other than its own points to it;
//  * a node whose object reports its death (weakref::make_shared,
//    enable_weakref) is watched (see death_watch): n.cell is its cell, until
//    the node leaves the index or gets another object;
//  * deaths of watched objects are collected (their nodes removed) at every
//    insertion, erase, purge and at the end of every iteration;
//  * dead unwatched nodes are swept on sweep_schedule's rule, so index size
//    stays at most 2 * live + kSlack + 1 whenever no iterator is alive
//    (with watched objects only: live + deaths not yet collected); an
//    iteration that met many dead nodes (an eighth of the index) sweeps
//    them when it ends, so its walk pays for the sweep;
//  * at most half the slots (plus one) are holes, so an iteration visits
//    at most about twice as many slots as there are nodes.
//
// A reported death removes the cell's node only when that node is dead, so a
// stray notice for a reused cell is harmless (see death_watch).
//
// Node destructors (user keys and values) run only after the table is
// consistent again, so they may re-enter the container.
template <class Key, class Node, class Hash, class KeyEqual>
class weak_table {
public:
  using entry = indexed_entry<Key, Node>;  // a pair<const Key, Node>
  // A node that left the table, destroyed with its handle.
  using node_type = std::unique_ptr<entry, entry_deleter<entry>>;
  static constexpr std::size_t kSweepSlack = sweep_schedule::kSlack;
  static constexpr std::size_t kDeadSeenShare = 8;  // see settle()

  weak_table() = default;
  weak_table(const Hash& h, const KeyEqual& eq) : index_(h, eq) {}
  weak_table(const weak_table&) = delete;
  weak_table& operator=(const weak_table&) = delete;
  // A move leaves each table's iteration guards where they are: they belong
  // to iterators, which keep pointing at the table they came from. Those of
  // the source find only empty slots (see leave_empty_slots), and each table
  // settles when its own last guard goes.
  weak_table(weak_table&& other) noexcept
      : index_(std::move(other.index_)), order_(std::move(other.order_)),
        blocks_(std::move(other.blocks_)), guards_(0), sweep_pending_(false),
        schedule_(other.schedule_), holes_(other.holes_), watch_(std::move(other.watch_)) {
    finish_move_from(other);
  }
  weak_table& operator=(weak_table&& other) noexcept {
    if (this != &other) {
      watch_ = std::move(other.watch_);  // takes this table's notices back first
      std::vector<entry*> doomed = std::exchange(order_, std::move(other.order_));
      index_ = std::move(other.index_);
      schedule_ = other.schedule_;
      holes_ = other.holes_;
      dead_seen_ = 0;
      finish_move_from(other);
      // Last, when both tables are consistent; under weakref::synchronized
      // after its lock is released (see defer_destruction).
      for_each_canonical(doomed, [this](entry* e) { dispose(e); });
    }
    return *this;
  }
  ~weak_table() {
    watch_.clear();  // the notices go back before any node goes
    for_each_canonical(order_, entry_deleter<entry>());
  }

  Hash hash_function() const { return index_.hash_function(); }
  KeyEqual key_eq() const { return index_.key_eq(); }

  // Any node for key, live or dead; nullptr when absent.
  entry* lookup(const Key& key) const { return index_.find(key, index_.hash(key)); }

  // Adds a node for a key that is not in the index; watched is the object
  // whose death kills the node.
  template <class P, class K, class... Args>
  entry* add(const std::shared_ptr<P>& watched, K&& key, Args&&... args) {
    const std::size_t hash = index_.hash(key);
    // Everything that can throw comes before the table changes.
    order_.reserve(order_.size() + 1);
    index_.reserve_one();
    void* block = blocks_.allocate();
    entry* e = nullptr;
    WEAKREF_TRY {
      e = ::new (block) entry(std::piecewise_construct, std::forward_as_tuple(std::forward<K>(key)),
                              std::forward_as_tuple(std::forward<Args>(args)...));
    }
    WEAKREF_CATCH_ALL {
      blocks_.release(block);
      WEAKREF_RETHROW;
    }
    e->hash = hash;
    index_.insert(e);
    e->second.slot = order_.size();
    order_.push_back(e);
    note_insertion(watch(e, watched));
    return e;
  }

  // Makes room for one revive() during iteration, so that a container can
  // reserve it before it changes the node's payload; may throw.
  void reserve_revival() {
    if (guards_ > 0) order_.reserve(order_.size() + 1);
  }

  // Gives a dead or killed node a new live object, watched; set_object(Node&)
  // stores it and must not throw. During iteration the node moves to a fresh
  // slot at the end, so running iterations do not visit it. If making that
  // slot throws (never after reserve_revival()), the node is left as it was.
  template <class P, class SetObject>
  void revive(entry* e, const std::shared_ptr<P>& watched, SetObject&& set_object) {
    if (guards_ > 0) {
      order_.push_back(e);
      e->second.slot = order_.size() - 1;
      sweep_pending_ = true;  // the old slot is stale: it must go with the guard
    }
    unwatch(e);  // before the node lets go of the old object's hooks
    set_object(e->second);
    note_insertion(watch(e, watched));
  }

  // The same for a node that stores its object with Node::set(object)
  // (weak_node).
  template <class P>
  void revive(entry* e, const std::shared_ptr<P>& object) {
    revive(e, object, [&object](Node& n) { n.set(object); });
  }

  // Gives a live node another object with Node::set(object) (value_map
  // assignment), taking the old notice back first as revive() does.
  template <class P>
  void replace(entry* e, const std::shared_ptr<P>& object) noexcept {
    const bool same_owner = watch_.watches(e->second.cell, object);
    if (!same_owner) unwatch(e);
    e->second.set(object);
    if (!same_owner) watch(e, object);
  }

  // Removes a node (live or dead). During iteration it is only killed.
  void remove(entry* e) noexcept { remove(e, false); }

  void clear() {
    if (guards_ > 0) {
      for_each_entry([](entry& e) { e.second.kill(); });
      sweep_pending_ = true;
      return;
    }
    watch_.clear();
    std::vector<entry*> doomed = std::exchange(order_, {});
    index_.clear();
    reset_counters();
    for_each_canonical(doomed, [this](entry* e) { dispose(e); });
  }

  // From now on removed nodes are kept, not destroyed, until
  // take_retired(): weakref::synchronized destroys them after its lock is
  // released, because their destructors may use the container.
  void defer_destruction() noexcept { defers_ = true; }
  std::vector<node_type> take_retired() noexcept { return std::exchange(retired_, {}); }

  // Makes deaths call sink(owner) on the dying thread (see death_inbox).
  void set_death_sink(std::weak_ptr<void> owner, death_inbox::sink_function sink) {
    watch_.set_sink(std::move(owner), sink);
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
    if (sweep_pending_ && guards_ == 0) sweep_now();  // left by a move (adopt_unsettled)
    // Loops: removing a node destroys its key (and key_map's value), which
    // may own other watched objects of this table (cascading deletes).
    while (deaths_reported()) collect_reported();
  }

private:
  // object_dead: its notice needs no taking back (see death_watch::forget).
  void remove(entry* e, bool object_dead) noexcept {
    if (guards_ > 0) {
      e->second.kill();
      sweep_pending_ = true;
      return;
    }
    if (object_dead)
      watch_.forget(std::exchange(e->second.cell, no_cell));
    else
      unwatch(e);
    order_[e->second.slot] = nullptr;
    ++holes_;
    index_.erase(e);
    if (holes_ > order_.size() / 2) compact_slots();
    dispose(e);  // after the update
  }

  void collect_reported() noexcept {
    const bool lost = watch_.collect([this](entry* e, std::uint32_t) {
      if (e->second.expired()) {
        // A killed node's object may live: its notice is taken back.
        remove(e, e->second.object_expired());
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
    for_each_entry([&n](const entry& e) { n += e.second.expired() ? 0 : 1; });
    return n;
  }
  bool any_live() const noexcept {
    for (std::size_t i = 0; i < order_.size(); ++i)
      if (const entry* e = slot(i); e && !e->second.expired()) return true;
    return false;
  }
  std::size_t entry_count() const noexcept { return index_.size(); }

  // Slot access for iterators: the canonical live-or-dead node at slot i, or
  // nullptr for holes and stale slots.
  std::size_t slot_count() const noexcept { return order_.size(); }
  entry* slot(std::size_t i) const noexcept { return canonical(order_, i); }

  // Each node once, in slot order (stale slots left by a revival during
  // iteration are skipped).
  template <class F>
  void for_each_entry(F&& f) const {
    for_each_canonical(order_, [&f](entry* e) { f(*e); });
  }

  void acquire_guard() const noexcept { ++guards_; }
  void release_guard() const noexcept {
    if (--guards_ == 0 && (sweep_pending_ || dead_seen_ != 0 || deaths_reported()))
      const_cast<weak_table*>(this)->settle();
  }
  // An iteration found a dead node.
  void saw_dead() const noexcept { ++dead_seen_; }
  bool guarded() const noexcept { return guards_ > 0; }

private:
  // The end of both moves, once this table holds other's slots: other is
  // reset but keeps its guards (and empty slots for their iterators), and
  // the work those iterators left for their last guard comes here.
  void finish_move_from(weak_table& other) noexcept {
    const bool unsettled = other.sweep_pending_;
    other.reset_counters();
    other.leave_empty_slots(order_.size());
    adopt_unsettled(unsettled);
  }

  // After a move from this table: its running iterators step on up to the
  // slot count they saw (see guarded_iterator), so while there are some the
  // slots stay, empty, until the last one goes. Costs an allocation only
  // then; running out of memory there ends the program, as any throw from a
  // noexcept move does.
  void leave_empty_slots(std::size_t count) noexcept {
    order_.clear();
    if (guards_ == 0) return;
    order_.resize(count, nullptr);
    holes_ = count;
    sweep_pending_ = true;
  }

  // After taking the slots of a table whose iterators had left work for
  // their last guard (killed nodes, stale slots of revived ones). A stale
  // slot must go before any node is freed, so an unguarded table drops them
  // now (compact_slots runs no user code); the killed nodes go at its next
  // mutation (collect_deaths), or when its own last guard goes.
  void adopt_unsettled(bool unsettled) noexcept {
    if (!unsettled) return;
    sweep_pending_ = true;
    if (guards_ == 0) compact_slots();
  }

  // All but guards_, which only iterators change.
  void reset_counters() noexcept {
    sweep_pending_ = false;
    dead_seen_ = 0;
    schedule_ = sweep_schedule();
    holes_ = 0;
  }

  // Done when the last guard goes: pending removals (and the dead nodes
  // iterations met, when they are many), then reported deaths.
  void settle() noexcept {
    if (sweep_pending_ || dead_seen_ * kDeadSeenShare >= index_.size()) sweep_now();
    collect_deaths();
  }

  void note_insertion(bool watched) {
    if (watched) return;  // its death is reported: no sweep needed for it
    if (schedule_.unreported_insertion()) sweep();
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
      entry* e = slot(i);
      if (!e) continue;
      e->second.slot = w;
      order_[w++] = e;
    }
    order_.resize(w);
    holes_ = 0;
  }

  void sweep_now() noexcept {
    sweep_pending_ = false;
    dead_seen_ = 0;
    // The buffer is recycled; a sweep re-entered from a node's destructor
    // finds it taken and uses its own.
    std::vector<entry*> graveyard;
    graveyard.swap(graveyard_buffer_);
    std::size_t w = 0;
    for (std::size_t i = 0; i < order_.size(); ++i) {
      entry* e = slot(i);
      if (!e) continue;
      if (e->second.expired()) {
        bool recorded = false;
        WEAKREF_TRY {
          graveyard.push_back(e);
          recorded = true;
        }
        WEAKREF_CATCH_ALL {
          // Out of memory: this node stays, dead, for a later sweep. (Not
          // destroyed here: its destructor may re-enter the table while the
          // slots still list the nodes this loop removed.)
        }
        if (recorded) {
          unwatch(e);
          index_.erase(e);
          continue;
        }
      }
      e->second.slot = w;
      order_[w++] = e;
    }
    order_.resize(w);
    holes_ = 0;
    schedule_.swept(w);
    for (entry* e : graveyard) dispose(e);  // after the update
    graveyard.clear();
    if (graveyard_buffer_.capacity() < graveyard.capacity()) graveyard_buffer_.swap(graveyard);
  }

  // Destroys a node that left the table, now or (see defer_destruction) later.
  void dispose(entry* e) noexcept {
    if (defers_) {
      WEAKREF_TRY {
        retired_.emplace_back(e);
        return;
      }
      WEAKREF_CATCH_ALL {
        // Out of memory: destroyed now, under the lock; still sound.
      }
    }
    blocks_.destroy(e);
  }

  // The node whose canonical slot is order[i], or nullptr (a hole, or a
  // stale slot left by a revival during iteration).
  static entry* canonical(const std::vector<entry*>& order, std::size_t i) noexcept {
    entry* e = order[i];
    return (e && e->second.slot == i) ? e : nullptr;
  }

  // f(e) for each node of a slot vector once, also for a vector taken out
  // of the table; allocates nothing.
  template <class F>
  static void for_each_canonical(const std::vector<entry*>& order, F&& f) {
    for (std::size_t i = 0; i < order.size(); ++i)
      if (entry* e = canonical(order, i)) f(e);
  }

  entry_index<entry, Hash, KeyEqual> index_;
  std::vector<entry*> order_;
  entry_blocks<entry> blocks_;
  mutable std::size_t guards_ = 0;
  mutable bool sweep_pending_ = false;
  mutable std::size_t dead_seen_ = 0;  // by iterations, since the last sweep
  sweep_schedule schedule_;
  std::size_t holes_ = 0;
  bool defers_ = false;
  std::vector<node_type> retired_;  // see defer_destruction
  std::vector<entry*> graveyard_buffer_;  // see sweep_now
  // Declared last, destroyed first: the notices are taken back before any
  // node goes.
  death_watch<entry> watch_;
};

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_WEAK_TABLE_HPP
