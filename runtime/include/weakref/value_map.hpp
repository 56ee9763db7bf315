// weakref/value_map.hpp - weakref::value_map, Python's WeakValueDictionary.
#ifndef WEAKREF_VALUE_MAP_HPP
#define WEAKREF_VALUE_MAP_HPP

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
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace weakref {

// A map from K to weakly held V: an entry lives only as long as somebody
// else owns its value. Its interface is the std::map / std::unordered_map
// subset that makes sense for weak values, plus WeakValueDictionary's.
//
// Invariants: a dead entry (its value destroyed) behaves as absent in every
// member; a dead entry is replaced by an insertion under its key; a dead old
// value never removes a newer value under the same key.
//
// Dead entries never accumulate. A value made by weakref::make_shared (or
// deriving from enable_weakref) reports its death: its entry is removed at
// the map's next insertion, erase, pop or purge, or when the running
// iteration ends (entry_count() is the live count plus the deaths not yet
// collected). Other values are found dead by looking and swept amortised:
// with plain values only, after any insertion made while no iterator is
// alive, entry_count() <= 2 * (live entries at the last sweep) + 17.
//
// Iteration visits live entries; each step holds its value strongly. Inserting
// and erasing (the visited entry included) during iteration is safe: entries
// added after begin() are not visited by that iteration, erased ones are not
// visited, and removals are committed when the last iterator goes away.
//
// There is no operator[]: it would have to return a reference to a weak slot,
// which cannot exist. Write insert_or_assign(k, v) for `m[k] = v` and get(k)
// for a read of `m[k]`.
//
// Thread safety: share one container between threads only under a lock,
// even for const use: begin() and find() register an iteration guard.
// Values may die on any thread at any time, even while a member runs; that
// never corrupts the map: the dying thread only posts a death notice to the
// map's inbox (its own mutex), and the map removes the entry itself. Use weakref::cache for a map shared across threads.
template <class K, class V, class Hash = std::hash<K>, class KeyEqual = std::equal_to<K>>
class value_map {
  // In the node, object is the value.
  using node = detail::weak_node<V>;
  using table_type = detail::weak_table<K, node, Hash, KeyEqual>;
  using entry = typename table_type::entry;

public:
  using key_type = K;
  using mapped_type = std::shared_ptr<V>;
  using value_type = std::pair<const K, std::shared_ptr<V>>;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using hasher = Hash;
  using key_equal = KeyEqual;

  // What an iterator points at: the key by reference, the value held strongly
  // by the iterator while it stays there.
  using reference_entry = std::pair<const K&, std::shared_ptr<V>>;

private:
  // How iteration holds an entry: the key by reference, the value locked.
  struct iteration_policy {
    using container = value_map;
    using value_type = value_map::value_type;
    using reference = reference_entry&;
    using pointer = reference_entry*;
    using holder = std::optional<reference_entry>;
    static bool lock(holder& h, const entry& e) {
      if (auto value = e.second.lock()) {
        h.emplace(e.first, std::move(value));
        return true;
      }
      return false;
    }
    static void hold(holder& h, const entry& e, std::shared_ptr<V> value) noexcept {
      h.emplace(e.first, std::move(value));
    }
    static bool empty(const holder& h) noexcept { return !h.has_value(); }
    static void reset(holder& h) noexcept { h.reset(); }
    static reference get(holder& h) noexcept { return *h; }
    // The entry holds a reference, so std::optional cannot assign it: rebuild.
    static void copy(holder& to, const holder& from) noexcept {
      to.reset();
      if (from) to.emplace(from->first, from->second);
    }
    static void move(holder& to, holder& from) noexcept {
      to.reset();
      if (from) {
        to.emplace(from->first, std::move(from->second));
        from.reset();
      }
    }
  };

public:
  // Forward iterator over the live entries; see the class comment.
  using iterator = detail::guarded_iterator<table_type, iteration_policy>;
  using const_iterator = iterator;

  value_map() = default;
  explicit value_map(const Hash& hash, const KeyEqual& eq = KeyEqual()) : table_(hash, eq) {}
  value_map(std::initializer_list<std::pair<K, std::shared_ptr<V>>> init) {
    for (const auto& kv : init) insert_or_assign(kv.first, kv.second);
  }
  value_map(const value_map& other) : table_(other.table_.hash_function(), other.table_.key_eq()) {
    other.table_.for_each_entry([this](const entry& e) {
      if (auto value = e.second.lock()) table_.add(value, e.first, e.second.object);
    });
  }
  value_map(value_map&&) noexcept = default;
  value_map& operator=(const value_map& other) {
    if (this != &other) {
      value_map copy(other);
      *this = std::move(copy);
    }
    return *this;
  }
  value_map& operator=(value_map&&) noexcept = default;

  // ---- iteration
  WEAKREF_DETAIL_HOT iterator begin() const { return iterator(&table_, 0); }
  iterator end() const noexcept { return iterator(); }
  iterator cbegin() const { return begin(); }
  iterator cend() const noexcept { return end(); }

  // ---- lookup
  iterator find(const K& key) const {
    if (const entry* e = table_.lookup(key))
      if (auto value = e->second.lock()) return iterator(&table_, e, std::move(value));
    return end();
  }
  [[nodiscard]] size_type count(const K& key) const { return contains(key) ? 1 : 0; }
  [[nodiscard]] bool contains(const K& key) const {
    const entry* e = table_.lookup(key);
    return e && !e->second.expired();
  }
  // The live value, or null.
  [[nodiscard]] std::shared_ptr<V> get(const K& key) const {
    if (const entry* e = table_.lookup(key)) return e->second.lock();
    return nullptr;
  }
  [[nodiscard]] std::shared_ptr<V> get(const K& key, std::shared_ptr<V> default_value) const {
    if (auto value = get(key)) return value;
    return default_value;
  }
  // The live value; throws std::out_of_range when absent or dead.
  std::shared_ptr<V> at(const K& key) const {
    if (auto value = get(key)) return value;
    detail::raise(std::out_of_range("weakref::value_map::at: key absent or its value dead"));
  }

  // ---- insertion: a dead entry counts as absent and is replaced
  std::pair<iterator, bool> emplace(const K& key, std::shared_ptr<V> value) {
    return insert_if_absent(key, std::move(value));
  }
  std::pair<iterator, bool> emplace(K&& key, std::shared_ptr<V> value) {
    return insert_if_absent(std::move(key), std::move(value));
  }
  std::pair<iterator, bool> try_emplace(const K& key, std::shared_ptr<V> value) {
    return insert_if_absent(key, std::move(value));
  }
  std::pair<iterator, bool> try_emplace(K&& key, std::shared_ptr<V> value) {
    return insert_if_absent(std::move(key), std::move(value));
  }
  std::pair<iterator, bool> insert(std::pair<K, std::shared_ptr<V>>&& kv) {
    return insert_if_absent(std::move(kv.first), std::move(kv.second));
  }
  std::pair<iterator, bool> insert(const std::pair<K, std::shared_ptr<V>>& kv) {
    return insert_if_absent(kv.first, kv.second);
  }
  template <class P, std::enable_if_t<std::is_constructible_v<std::pair<K, std::shared_ptr<V>>, P&&>, int> = 0>
  std::pair<iterator, bool> insert(P&& kv) {
    std::pair<K, std::shared_ptr<V>> converted(std::forward<P>(kv));
    return insert_if_absent(std::move(converted.first), std::move(converted.second));
  }

  std::pair<iterator, bool> insert_or_assign(const K& key, std::shared_ptr<V> value) {
    return assign(key, std::move(value));
  }
  std::pair<iterator, bool> insert_or_assign(K&& key, std::shared_ptr<V> value) {
    return assign(std::move(key), std::move(value));
  }

  // The live value under key, or factory() stored and returned. factory may
  // return anything convertible to shared_ptr<V>; if it returns null, nothing
  // is stored and null is returned. If factory itself stored a live value
  // under key, that one is kept and returned (one value per key).
  template <class F>
  std::shared_ptr<V> get_or_create(const K& key, F&& factory) {
    if (auto value = get(key)) return value;
    std::shared_ptr<V> created = std::forward<F>(factory)();
    if (!created) return created;
    return setdefault(key, std::move(created));
  }

  // The live value under key; if none, stores value and returns it.
  std::shared_ptr<V> setdefault(const K& key, std::shared_ptr<V> value) {
    table_.collect_deaths();
    if (entry* e = table_.lookup(key)) {
      if (auto live = e->second.lock()) return live;
      if (!value) return value;
      table_.revive(e, value);
      return value;
    }
    if (!value) return value;
    table_.add(value, key, value);
    return value;
  }

  // ---- removal
  size_type erase(const K& key) {
    table_.collect_deaths();
    entry* e = table_.lookup(key);
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
  // Removes and returns the live value under key (null when absent or dead).
  std::shared_ptr<V> pop(const K& key) {
    table_.collect_deaths();
    entry* e = table_.lookup(key);
    if (!e) return nullptr;
    std::shared_ptr<V> value = e->second.lock();
    table_.remove(e);
    return value;
  }
  std::shared_ptr<V> pop(const K& key, std::shared_ptr<V> default_value) {
    if (auto value = pop(key)) return value;
    return default_value;
  }
  void clear() { table_.clear(); }

  // ---- size: live entries only, exact (O(n): deaths are found by looking)
  [[nodiscard]] size_type size() const noexcept { return table_.live_count(); }
  [[nodiscard]] bool empty() const noexcept { return !table_.any_live(); }

  // ---- Python extras
  // A strong copy of the live entries, safe to keep across mutations.
  [[nodiscard]] std::vector<std::pair<K, std::shared_ptr<V>>> snapshot() const {
    std::vector<std::pair<K, std::shared_ptr<V>>> out;
    table_.for_each_entry([&out](const entry& e) {
      if (auto value = e.second.lock()) out.emplace_back(e.first, std::move(value));
    });
    return out;
  }
  // Drops dead entries now (at the end of the current iteration if any).
  void purge() { table_.sweep(); }

  // Diagnostic: entries stored, dead ones not yet swept included.
  [[nodiscard]] size_type entry_count() const noexcept { return table_.entry_count(); }

  hasher hash_function() const { return table_.hash_function(); }
  key_equal key_eq() const { return table_.key_eq(); }

private:
  template <class KK>
  std::pair<iterator, bool> insert_if_absent(KK&& key, std::shared_ptr<V> value) {
    if (!value) return {end(), false};  // a null value would be dead on arrival
    table_.collect_deaths();
    if (entry* e = table_.lookup(key)) {
      if (auto live = e->second.lock()) return {iterator(&table_, e, std::move(live)), false};
      table_.revive(e, value);
      return {iterator(&table_, e, std::move(value)), true};
    }
    entry* e = table_.add(value, std::forward<KK>(key), value);
    return {iterator(&table_, e, std::move(value)), true};
  }

  template <class KK>
  std::pair<iterator, bool> assign(KK&& key, std::shared_ptr<V> value) {
    if (!value) {  // assigning null is erasing
      erase(key);
      return {end(), false};
    }
    table_.collect_deaths();
    if (entry* e = table_.lookup(key)) {
      const bool was_live = !e->second.expired();
      if (was_live) {
        table_.replace(e, value);
      } else {
        table_.revive(e, value);
      }
      return {iterator(&table_, e, std::move(value)), !was_live};
    }
    entry* e = table_.add(value, std::forward<KK>(key), value);
    return {iterator(&table_, e, std::move(value)), true};
  }

  // mutable: lookups and iteration may commit removals (dead entries are
  // not observable state).
  mutable table_type table_;

  friend struct detail::table_access;  // weakref::synchronized
};

}  // namespace weakref

#endif  // WEAKREF_VALUE_MAP_HPP
