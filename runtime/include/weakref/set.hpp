// weakref/set.hpp - weakref::set, Python's WeakSet: an observer list that
// does not keep its observers alive.
#ifndef WEAKREF_SET_HPP
#define WEAKREF_SET_HPP

#include <weakref/detail/guarded_iterator.hpp>
#include <weakref/detail/identity.hpp>
#include <weakref/detail/raise.hpp>
#include <weakref/detail/table_access.hpp>
#include <weakref/detail/weak_node.hpp>
#include <weakref/detail/weak_table.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace weakref {

// A set of weakly held objects, in insertion order. An element lives in the
// set only as long as somebody else owns it.
//
// Identity: elements are the same when they share an owner (the shared_ptr
// control block), never by value and never by address alone: aliasing
// shared_ptrs of one owner are one element, and a new object at a reused
// address is a new element.
//
// Iteration visits live elements in insertion order and holds the visited
// element strongly during its step, so a listener can be notified even if
// every other owner drops it meanwhile. Inserting and erasing (the visited
// element included) during iteration is safe: elements inserted after begin()
// are not visited by that iteration, erased ones are not visited, and a death
// during iteration means the element is visited or not (n or n-1 elements),
// with size() n-1 afterwards. Pending removals are committed when the last
// iterator goes away (CPython's _IterationGuard, without failing a running
// iterator).
//
// Dead elements never accumulate. One made by weakref::make_shared (or
// deriving from enable_weakref) reports its death: its node is removed at the
// set's next insertion, erase or purge, or when the running iteration ends
// (entry_count() is the live count plus the deaths not yet collected). Other
// elements are found dead by looking and swept amortised: with plain
// elements only, after any insertion made while no iterator is alive,
// entry_count() <= 2 * (live elements at the last sweep) + 17.
//
// Thread safety: share one container between threads only under a lock,
// even for const use: begin() and find() register an iteration guard.
// Elements may die on any thread at any time, even while a member runs; that
// never corrupts the set: the dying thread only posts a death notice to the
// set's inbox (its own mutex), and the set removes the node itself.
template <class T>
class set {
  // In the node, object is the element.
  using node = detail::weak_node<T>;
  using table_type =
      detail::weak_table<detail::owner_id_t, node, detail::owner_id_hash, std::equal_to<>>;
  using entry = typename table_type::entry;

public:
  using key_type = std::shared_ptr<T>;
  using value_type = std::shared_ptr<T>;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;

private:
  // How iteration holds an element: a live shared_ptr, visible as *it.
  struct iteration_policy {
    using container = set;
    using value_type = std::shared_ptr<T>;
    using reference = const std::shared_ptr<T>&;
    using pointer = const std::shared_ptr<T>*;
    using holder = std::shared_ptr<T>;
    static bool lock(holder& h, const entry& e) noexcept {
      h = e.second.lock();
      return h != nullptr;
    }
    static void hold(holder& h, const entry&, std::shared_ptr<T> element) noexcept {
      h = std::move(element);
    }
    static bool empty(const holder& h) noexcept { return !h; }
    static void reset(holder& h) noexcept { h.reset(); }
    static reference get(const holder& h) noexcept { return h; }
    static void copy(holder& to, const holder& from) noexcept { to = from; }
    static void move(holder& to, holder& from) noexcept { to = std::move(from); }
  };

public:
  // Forward iterator over the live elements; see the class comment.
  using iterator = detail::guarded_iterator<table_type, iteration_policy>;
  using const_iterator = iterator;

  set() = default;
  set(std::initializer_list<std::shared_ptr<T>> init) {
    for (const auto& element : init) add(element);
  }
  // A copy holds the same live elements, weakly, in the same order.
  set(const set& other) {
    other.table_.for_each_entry([this](const entry& e) {
      if (auto element = e.second.lock()) table_.add(element, e.first, e.second.object);
    });
  }
  set(set&&) noexcept = default;
  set& operator=(const set& other) {
    if (this != &other) {
      set copy(other);
      *this = std::move(copy);
    }
    return *this;
  }
  set& operator=(set&&) noexcept = default;

  // ---- iteration
  WEAKREF_DETAIL_HOT iterator begin() const { return iterator(&table_, 0); }
  iterator end() const noexcept { return iterator(); }
  iterator cbegin() const { return begin(); }
  iterator cend() const noexcept { return end(); }

  // ---- insertion. A null pointer is never stored (it would be dead on
  // arrival); inserting an element already present keeps its place.
  std::pair<iterator, bool> insert(std::shared_ptr<T> element) {
    const auto [e, added] = place(element);
    if (!e) return {end(), false};
    // An element already present has element's owner, so it is alive.
    if (!added) return {iterator(&table_, e, e->second.lock()), false};
    return {iterator(&table_, e, std::move(element)), true};
  }
  // Python's WeakSet.add; the std::vector spelling fix-its rewrite to. Like
  // insert, without making an iterator (which holds the element and an
  // iteration guard).
  void add(const std::shared_ptr<T>& element) { place(element); }

  // ---- lookup
  [[nodiscard]] bool contains(const std::shared_ptr<T>& element) const {
    if (!element) return false;
    const entry* e = table_.lookup(detail::owner_id(element));
    return e && !e->second.expired();
  }
  [[nodiscard]] size_type count(const std::shared_ptr<T>& element) const {
    return contains(element) ? 1 : 0;
  }
  iterator find(const std::shared_ptr<T>& element) const {
    if (!element) return end();
    if (const entry* e = table_.lookup(detail::owner_id(element)))
      if (auto live = e->second.lock()) return iterator(&table_, e, std::move(live));
    return end();
  }

  // ---- removal
  // Removes element; returns 1 if it was a live member. Python's discard.
  size_type erase(const std::shared_ptr<T>& element) {
    if (!element) return 0;
    table_.collect_deaths();
    entry* e = table_.lookup(detail::owner_id(element));
    if (!e) return 0;
    bool was_live = !e->second.expired();
    table_.remove(e);
    return was_live ? 1 : 0;
  }
  iterator erase(iterator pos) {
    iterator next = pos;
    ++next;
    if (entry* e = pos.visited_in(&table_)) table_.remove(e);
    return next;
  }
  // Removes every element for which pred(const shared_ptr<T>&) is true;
  // returns how many live elements went.
  template <class Pred>
  size_type erase_if(Pred pred) {
    size_type removed = 0;
    for (auto it = begin(); it != end();) {
      if (pred(*it)) {
        it = erase(it);
        ++removed;
      } else {
        ++it;
      }
    }
    return removed;
  }
  void clear() { table_.clear(); }

  // ---- size: live elements only, exact (O(n): deaths are found by looking)
  [[nodiscard]] size_type size() const noexcept { return table_.live_count(); }
  [[nodiscard]] bool empty() const noexcept { return !table_.any_live(); }

  // ---- Python extras
  // A strong copy of the live elements in order, safe to keep and to iterate
  // while the set changes.
  [[nodiscard]] std::vector<std::shared_ptr<T>> snapshot() const {
    std::vector<std::shared_ptr<T>> out;
    table_.for_each_entry([&out](const entry& e) {
      if (auto element = e.second.lock()) out.push_back(std::move(element));
    });
    return out;
  }
  // Calls f(T&) on every live element, in order; f may insert or erase.
  template <class F>
  void for_each(F&& f) const {
    for (const auto& element : *this) f(*element);
  }
  // Drops dead elements now (at the end of the current iteration if any).
  void purge() { table_.sweep(); }

  // Diagnostic: nodes stored, dead ones not yet swept included.
  [[nodiscard]] size_type entry_count() const noexcept { return table_.entry_count(); }

private:
  // Adds element unless it is present; returns its node and whether it was
  // added ({nullptr, false} for a null element).
  std::pair<entry*, bool> place(const std::shared_ptr<T>& element) {
    if (!element) return {nullptr, false};
    table_.collect_deaths();
    const detail::owner_id_t id = detail::owner_id(element);
    if (entry* e = table_.lookup(id)) {
      if (!e->second.expired()) return {e, false};
      // Erased during iteration (a watched node keeps the identity until the
      // removal is committed), or dead with its identity reused (an
      // unwatched one let it go): it comes back, after the running
      // iterations.
      table_.revive(e, element);
      return {e, true};
    }
    return {table_.add(element, id, std::weak_ptr<T>(element)), true};
  }

  // mutable: lookups and iteration may commit removals (dead elements are
  // not observable state).
  mutable table_type table_;

  friend struct detail::table_access;  // weakref::synchronized
};

}  // namespace weakref

#endif  // WEAKREF_SET_HPP
