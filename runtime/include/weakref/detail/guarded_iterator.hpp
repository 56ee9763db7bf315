// weakref/detail/guarded_iterator.hpp - the iterator of the weak
// containers: walks a weak_table's slots in insertion order while holding
// the table's iteration guard.
#ifndef WEAKREF_DETAIL_GUARDED_ITERATOR_HPP
#define WEAKREF_DETAIL_GUARDED_ITERATOR_HPP

#include <cstddef>
#include <iterator>
#include <type_traits>
#include <utility>

// Forces inlining of the few iterator members on a notify loop's path (GCC,
// Clang); elsewhere a plain inline.
#if defined(__GNUC__) || defined(__clang__)
#define WEAKREF_DETAIL_HOT [[gnu::always_inline]] inline
#else
#define WEAKREF_DETAIL_HOT inline
#endif

namespace weakref {
namespace detail {

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
// moves and the slot vector only grows, so limit_ stays in range (a table
// moved from under its iterators keeps that many empty slots).
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
// Whether Policy's iterator converts from Other's (Policy::converts_from).
template <class Policy, class Other, class = void>
inline constexpr bool policy_converts = false;
template <class Policy, class Other>
inline constexpr bool
    policy_converts<Policy, Other, std::void_t<decltype(Policy::template converts_from<Other>)>> =
        Policy::template converts_from<Other>;

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

  // iterator -> const_iterator, for policies that say so (converts_from);
  // their copy() takes the other policy's holder.
  template <class Other, class = std::enable_if_t<policy_converts<Policy, Other>>>
  guarded_iterator(const guarded_iterator<Table, Other>& other)
      : guard_(other.guard_), index_(other.index_), limit_(other.limit_) {
    Policy::copy(current_, other.current_);
  }

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
  template <class, class>
  friend class guarded_iterator;

  // At the first live slot >= first, visiting slots < the current size.
  WEAKREF_DETAIL_HOT guarded_iterator(const Table* t, std::size_t first)
      : guarded_iterator(t, first, t->slot_count()) {}
  // At the first live slot in [first, limit): erase(it) continues the
  // iteration it came from, which does not visit later insertions.
  WEAKREF_DETAIL_HOT guarded_iterator(const Table* t, std::size_t first, std::size_t limit)
      : guard_(t), limit_(limit) {
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
  // The node this iterator visits, when it is one of t's and still at its
  // slot (a node revived since has a later slot); else nullptr. Reads no
  // key: after a move the node may belong to another table.
  entry* visited_in(const Table* t) const noexcept {
    if (at_end() || guard_.table() != t || index_ >= t->slot_count()) return nullptr;
    return t->slot(index_);
  }
  std::size_t index() const noexcept { return index_; }
  std::size_t limit() const noexcept { return limit_; }

  // Moves to the first live slot in [from, limit_), or to the end.
  WEAKREF_DETAIL_HOT void advance(std::size_t from) {
    const Table* t = guard_.table();
    holder previous;  // released after the step, still under the guard
    Policy::move(previous, current_);
    if (!t) return;
    for (std::size_t i = from; i < limit_; ++i) {
      const entry* e = t->slot(i);
      if (!e) continue;
      if (Policy::lock(current_, *e)) {
        index_ = i;
        return;
      }
      t->saw_dead();
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

#endif  // WEAKREF_DETAIL_GUARDED_ITERATOR_HPP
