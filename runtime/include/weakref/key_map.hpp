// weakref/key_map.hpp - weakref::key_map, Python's WeakKeyDictionary.
#ifndef WEAKREF_KEY_MAP_HPP
#define WEAKREF_KEY_MAP_HPP

#include <weakref/detail/guarded_iterator.hpp>
#include <weakref/detail/identity.hpp>
#include <weakref/detail/raise.hpp>
#include <weakref/detail/table_access.hpp>
#include <weakref/detail/weak_table.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace weakref {

// A map from weakly held key objects to strongly held V: it attaches data to
// objects owned elsewhere without keeping them alive. An entry lives as long
// as its key object does.
//
// Keys are compared by identity, never by value: the key is the owner (the
// control block) of a std::shared_ptr<K>. Two equal but distinct objects are
// two keys; aliasing shared_ptrs of one owner are one key. As in Python, an
// assignment under an existing key keeps the key pointer stored first, and
// iteration yields that one.
//
// A null key - a null shared_ptr, or a non-null one that owns nothing (made
// with the aliasing constructor from an empty shared_ptr) - cannot be weakly
// referenced: inserting it throws std::invalid_argument, looking it up finds
// nothing.
//
// Invariants: an entry whose key died is dead and behaves as absent in every
// member. How its storage (and its V) goes depends on the key object:
//  * a key made by weakref::make_shared or deriving from enable_weakref
//    reports its death (Python's weakref callback): its entry is removed at
//    the map's next insertion, erase, pop or purge, or when the running
//    iteration ends, so entry_count() is the live count plus the deaths not
//    yet collected;
//  * a plain shared_ptr tells nobody, so its dead entry is found by looking
//    and swept amortised by insertions: once the plain insertions since the
//    last sweep exceed the entries live at it + 16, the next one made while
//    no iterator is alive sweeps; with plain keys only, entry_count() <=
//    2 * (live at the last sweep) + 17.
//
// Either way the V of a dead entry is destroyed by this map or one of its
// iterators, on the thread using them, never on the thread where the key
// died (that thread only posts a notice). Call purge() to free them now.
// While a dead entry waits, its weak_ptr also keeps the key's control block
// allocated (with std::make_shared: the key object's memory, though not the
// object itself).
//
// A V& (from get, at, operator[], iteration) stays valid until its entry is
// removed: erased, cleared, or swept after its key died. Holding the key
// keeps the entry alive.
//
// Iteration visits live entries in insertion order; each step holds its key
// strongly, so the visited entry cannot die under the loop body. Inserting and
// erasing (the visited entry included) during iteration is safe: entries added
// after begin() are not visited by that iteration, erased ones are not
// visited, and removals are committed - their values destroyed - when the
// last iterator goes away, so the visited V stays usable for the whole step
// even after erase(k). A key that dies during iteration is visited if it was
// alive when the iteration reached it.
//
// Thread safety: like std::unordered_map for the map itself, with one
// difference: iterators register with the map, so begin() and find() (even on
// a const map) need the same exclusion as writes. get, at, contains, count,
// size, empty, snapshot and copying from the map may run concurrently with
// each other. Key objects may die on any thread at any time, even while a
// member runs; that never corrupts the map.
template <class K, class V>
class key_map {
  struct node {
    std::weak_ptr<K> key;  // also keeps the identity (control block) from reuse
    std::optional<V> value;  // optional so that a revived entry can be rebuilt in place
    std::size_t slot = 0;
    std::uint32_t cell = detail::no_cell;
    bool erased = false;  // erased during iteration, removal pending

    template <class... Args>
    explicit node(const std::shared_ptr<K>& k, Args&&... args)
        : key(k), value(std::in_place, std::forward<Args>(args)...) {}
    bool expired() const noexcept { return erased || key.expired(); }
    bool object_expired() const noexcept { return key.expired(); }
    // Keeps the weak_ptr: the identity must not be reused while the node is in
    // the index. The value stays until the removal is committed.
    void kill() noexcept { erased = true; }
  };
  using table_type = detail::weak_table<detail::owner_id_t, node, detail::owner_id_hash,
                                        std::equal_to<detail::owner_id_t>>;
  using entry = typename table_type::entry;

public:
  using key_type = std::shared_ptr<K>;
  using mapped_type = V;
  using value_type = std::pair<const std::shared_ptr<K>, V>;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;

  // What an iterator points at: the key held strongly by the iterator while it
  // stays there, and the value by reference (const for a const map).
  using reference_entry = std::pair<const std::shared_ptr<K>&, V&>;
  using const_reference_entry = std::pair<const std::shared_ptr<K>&, const V&>;

private:
  // How iteration holds an entry: its key strongly (so it cannot die during
  // the step) and the pair *it, which refers to that key and to the value.
  template <bool Const>
  struct iteration_policy {
    using container = key_map;
    using entry_view = std::conditional_t<Const, const_reference_entry, reference_entry>;
    using value_type = key_map::value_type;
    using reference = entry_view&;
    using pointer = entry_view*;
    struct holder {
      std::shared_ptr<K> key;
      std::optional<entry_view> view;  // refers to key
    };
    template <class Other>
    static constexpr bool converts_from =
        Const && std::is_same_v<Other, iteration_policy<false>>;

    // table_ is mutable: the node behind a const entry is not const.
    static V& value_of(const entry& e) noexcept { return *const_cast<node&>(e.second).value; }
    static bool lock(holder& h, const entry& e) noexcept {
      if (e.second.erased) return false;
      h.key = e.second.key.lock();
      if (!h.key) return false;
      h.view.emplace(h.key, value_of(e));
      return true;
    }
    static void hold(holder& h, const entry& e, std::shared_ptr<K> key) noexcept {
      h.key = std::move(key);
      h.view.emplace(h.key, value_of(e));
    }
    static bool empty(const holder& h) noexcept { return !h.view.has_value(); }
    static void reset(holder& h) noexcept {
      h.view.reset();
      h.key.reset();
    }
    static reference get(holder& h) noexcept { return *h.view; }
    template <class From>
    static void copy(holder& to, const From& from) noexcept {
      to.view.reset();
      to.key = from.key;
      if (from.view) to.view.emplace(to.key, from.view->second);
    }
    static void move(holder& to, holder& from) noexcept {
      to.view.reset();
      to.key = std::move(from.key);
      if (from.view) to.view.emplace(to.key, from.view->second);
      from.view.reset();
    }
  };
  template <bool Const>
  using basic_iterator = detail::guarded_iterator<table_type, iteration_policy<Const>>;

public:
  using iterator = basic_iterator<false>;
  using const_iterator = basic_iterator<true>;

  key_map() = default;
  // Later duplicates win, as in a Python dict display.
  key_map(std::initializer_list<std::pair<std::shared_ptr<K>, V>> init) {
    for (const auto& kv : init) insert_or_assign(kv.first, kv.second);
  }
  // Copies the live entries, in order: the same keys (weakly), copies of the
  // values.
  key_map(const key_map& other) {
    static_assert(std::is_copy_constructible_v<V>,
                  "weakref::key_map: copying the map copies its values; V is not copyable");
    other.for_each_live([this](const entry& e, const std::shared_ptr<K>& key) {
      table_.add(key, e.first, key, *e.second.value);
    });
  }
  key_map(key_map&&) noexcept = default;
  key_map& operator=(const key_map& other) {
    if (this != &other) {
      key_map copy(other);
      *this = std::move(copy);
    }
    return *this;
  }
  key_map& operator=(key_map&&) noexcept = default;

  // ---- iteration
  iterator begin() { return iterator(&table_, 0); }
  const_iterator begin() const { return const_iterator(&table_, 0); }
  iterator end() noexcept { return iterator(); }
  const_iterator end() const noexcept { return const_iterator(); }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const noexcept { return end(); }

  // ---- lookup: a null key finds nothing
  iterator find(const std::shared_ptr<K>& key) {
    if (entry* e = live_entry(key)) return iterator(&table_, e, e->second.key.lock());
    return end();
  }
  const_iterator find(const std::shared_ptr<K>& key) const {
    if (entry* e = live_entry(key)) return const_iterator(&table_, e, e->second.key.lock());
    return end();
  }
  [[nodiscard]] size_type count(const std::shared_ptr<K>& key) const {
    return live_entry(key) ? 1 : 0;
  }
  [[nodiscard]] bool contains(const std::shared_ptr<K>& key) const {
    return live_entry(key) != nullptr;
  }
  // The value under key, or nullptr.
  [[nodiscard]] V* get(const std::shared_ptr<K>& key) {
    entry* e = live_entry(key);
    return e ? std::addressof(*e->second.value) : nullptr;
  }
  [[nodiscard]] const V* get(const std::shared_ptr<K>& key) const {
    entry* e = live_entry(key);
    return e ? std::addressof(*e->second.value) : nullptr;
  }
  // The value under key; throws std::out_of_range when absent.
  V& at(const std::shared_ptr<K>& key) {
    if (V* value = get(key)) return *value;
    detail::raise(std::out_of_range("weakref::key_map::at: key absent"));
  }
  const V& at(const std::shared_ptr<K>& key) const {
    if (const V* value = get(key)) return *value;
    detail::raise(std::out_of_range("weakref::key_map::at: key absent"));
  }

  // ---- insertion: a null key throws std::invalid_argument; a dead entry
  // counts as absent and is replaced (the new entry goes last in the order)

  // Stores value under key; .second is true when the key was absent.
  std::pair<iterator, bool> insert_or_assign(const std::shared_ptr<K>& key, V value) {
    check_key(key);
    table_.collect_deaths();
    const detail::owner_id_t id = detail::owner_id(key);
    entry* e = table_.lookup(id);
    if (e && !e->second.expired()) {
      *e->second.value = std::move(value);  // the stored key pointer is kept
      return {at_entry(e), false};
    }
    if (e) {
      revive(e, key, std::move(value));
    } else {
      e = table_.add(key, id, key, std::move(value));
    }
    return {at_entry(e), true};
  }

  // Constructs V(args...) in place under key only when key is absent; when it
  // is present the args are left untouched. emplace and try_emplace are the
  // same: the key is never part of what gets constructed.
  template <class... Args>
  std::pair<iterator, bool> try_emplace(const std::shared_ptr<K>& key, Args&&... args) {
    auto [e, inserted] = emplace_entry(key, std::forward<Args>(args)...);
    return {at_entry(e), inserted};
  }
  template <class... Args>
  std::pair<iterator, bool> emplace(const std::shared_ptr<K>& key, Args&&... args) {
    return try_emplace(key, std::forward<Args>(args)...);
  }
  std::pair<iterator, bool> insert(std::pair<std::shared_ptr<K>, V> kv) {
    return try_emplace(kv.first, std::move(kv.second));
  }

  // The value under key, default-constructed first when absent. Values are
  // held strongly, so unlike value_map this reference can exist.
  template <class W = V, std::enable_if_t<std::is_default_constructible_v<W>, int> = 0>
  V& operator[](const std::shared_ptr<K>& key) {
    return *emplace_entry(key).first->second.value;
  }

  // Python's setdefault: the value under key; if absent, stores default_value.
  V& setdefault(const std::shared_ptr<K>& key, V default_value) {
    return *emplace_entry(key, std::move(default_value)).first->second.value;
  }

  // ---- removal: outside iteration the value is destroyed before returning
  size_type erase(const std::shared_ptr<K>& key) {
    table_.collect_deaths();
    entry* e = live_entry(key);
    if (!e) return 0;
    table_.remove(e);
    return 1;
  }
  iterator erase(iterator pos) { return erase_at(pos); }
  iterator erase(const_iterator pos) { return erase_at(pos); }
  // Removes and returns the value under key (nullopt when absent).
  std::optional<V> pop(const std::shared_ptr<K>& key) {
    table_.collect_deaths();
    entry* e = live_entry(key);
    if (!e) return std::nullopt;
    std::optional<V> value(std::move(*e->second.value));
    table_.remove(e);
    return value;
  }
  V pop(const std::shared_ptr<K>& key, V default_value) {
    if (std::optional<V> value = pop(key)) return std::move(*value);
    return default_value;
  }
  void clear() { table_.clear(); }

  // ---- size: live entries only, exact (O(n): deaths are found by looking)
  [[nodiscard]] size_type size() const noexcept { return table_.live_count(); }
  [[nodiscard]] bool empty() const noexcept { return !table_.any_live(); }

  // ---- Python extras
  // A strong copy of the live entries in order (keys held, values copied),
  // safe to keep across mutations. Only for copyable V.
  template <class W = V, std::enable_if_t<std::is_copy_constructible_v<W>, int> = 0>
  [[nodiscard]] std::vector<std::pair<std::shared_ptr<K>, V>> snapshot() const {
    std::vector<std::pair<std::shared_ptr<K>, V>> out;
    for_each_live([&out](const entry& e, const std::shared_ptr<K>& key) {
      out.emplace_back(key, *e.second.value);
    });
    return out;
  }
  // Drops dead entries now, destroying their values (at the end of the
  // current iteration if any).
  void purge() { table_.sweep(); }

  // Diagnostic: entries stored, dead ones not yet swept included.
  [[nodiscard]] size_type entry_count() const noexcept { return table_.entry_count(); }

private:
  static void check_key(const std::shared_ptr<K>& key) {
    if (!key || detail::owner_id(key) == nullptr)
      detail::raise(std::invalid_argument("weakref::key_map: a key must be a non-null shared_ptr that "
                                  "owns its object"));
  }

  // The live entry for key, or nullptr. An entry found with a live key can be
  // dead only when it was erased during iteration: while the node holds its
  // weak_ptr, no other object can have the same identity.
  // So only `erased` is read: not the key's control block, which the
  // caller's own pointer would have to fetch (one cache miss per lookup).
  entry* live_entry(const std::shared_ptr<K>& key) const {
    if (!key) return nullptr;
    entry* e = table_.lookup(detail::owner_id(key));
    return e && !e->second.erased ? e : nullptr;
  }

  iterator at_entry(entry* e) { return iterator(&table_, e, e->second.key.lock()); }

  template <class... Args>
  std::pair<entry*, bool> emplace_entry(const std::shared_ptr<K>& key, Args&&... args) {
    check_key(key);
    table_.collect_deaths();
    const detail::owner_id_t id = detail::owner_id(key);
    if (entry* e = table_.lookup(id)) {
      if (!e->second.expired()) return {e, false};
      revive(e, key, std::forward<Args>(args)...);
      return {e, true};
    }
    return {table_.add(key, id, key, std::forward<Args>(args)...), true};
  }

  // Gives a dead node a new key pointer and value. Only a node erased during
  // iteration can be revived, and it may be the one being visited: the loop
  // body's V& then refers to the new value. The args may refer to the old
  // value (`m.try_emplace(k, v)` after `m.erase(k)`), so when V can be moved
  // the new value is built before the old one goes. If that throws, the node
  // stays dead with its old value.
  template <class... Args>
  void revive(entry* e, const std::shared_ptr<K>& key, Args&&... args) {
    table_.reserve_revival();  // before the value changes: nothing throws after it
    if constexpr (std::is_move_constructible_v<V>) {
      V fresh(std::forward<Args>(args)...);
      e->second.value.emplace(std::move(fresh));
    } else {
      e->second.value.emplace(std::forward<Args>(args)...);
    }
    table_.revive(e, key, [&key](node& n) {
      n.key = key;
      n.erased = false;
    });
  }

  template <bool C>
  iterator erase_at(const basic_iterator<C>& pos) {
    if (pos.at_end()) return end();
    iterator next(&table_, pos.index() + 1, pos.limit());
    // Only the entry pos visits: not one revived under the same key since.
    entry* e = pos.visited_in(&table_);
    if (e && !e->second.erased) table_.remove(e);
    return next;
  }

  // Calls f(entry, locked key) for each live entry in order. Walks canonical
  // slots only: a node revived during iteration also has a stale older slot.
  template <class F>
  void for_each_live(F&& f) const {
    for (std::size_t i = 0; i < table_.slot_count(); ++i) {
      const entry* e = table_.slot(i);
      if (!e || e->second.erased) continue;
      if (auto key = e->second.key.lock()) f(*e, key);
    }
  }

  // mutable: lookups and iteration may commit removals (dead entries are
  // not observable state).
  mutable table_type table_;

  friend struct detail::table_access;  // weakref::synchronized
};

}  // namespace weakref

#endif  // WEAKREF_KEY_MAP_HPP
