// weakref/detail/entry_index.hpp - the hash index of a weak_table: key ->
// entry, open addressing with linear probing over a power-of-two array of
// pointers, plus the entries' allocation with a few blocks kept for reuse.
//
// Why not std::unordered_map: it allocates and frees a node per entry and
// finds a bucket with an integer division. A weak container adds and drops
// entries as fast as its objects are born and die, so in an observer list
// under churn those were the largest costs after the objects' own.
#ifndef WEAKREF_DETAIL_ENTRY_INDEX_HPP
#define WEAKREF_DETAIL_ENTRY_INDEX_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace weakref {
namespace detail {

// What the index stores: the key and node as a pair (the containers read
// .first and .second), and the key's hash, so that probing compares hashes
// first and removing an entry never calls the user's hash function.
template <class Key, class Node>
struct indexed_entry : std::pair<const Key, Node> {
  using std::pair<const Key, Node>::pair;
  std::size_t hash = 0;
};

// Returns the memory of one entry (no entry in it any more).
template <class Entry>
void deallocate_entry(void* block) noexcept {
  std::allocator<Entry>().deallocate(static_cast<Entry*>(block), 1);
}

// Frees one entry: its destructor (user keys and values), then its memory.
template <class Entry>
struct entry_deleter {
  void operator()(Entry* e) const noexcept {
    e->~Entry();
    deallocate_entry<Entry>(e);
  }
};

// Memory for entries, one block each (so that any entry can also be freed
// alone, by entry_deleter, on another thread), keeping up to kKept freed
// blocks for the next insertions: an object list under churn allocates
// nothing for its entries.
template <class Entry>
class entry_blocks {
 public:
  static constexpr std::size_t kKept = 8;

  entry_blocks() noexcept = default;
  entry_blocks(const entry_blocks&) = delete;
  entry_blocks& operator=(const entry_blocks&) = delete;
  entry_blocks(entry_blocks&& other) noexcept
      : free_(std::exchange(other.free_, nullptr)), kept_(std::exchange(other.kept_, 0)) {}
  entry_blocks& operator=(entry_blocks&& other) noexcept {
    std::swap(free_, other.free_);
    std::swap(kept_, other.kept_);
    return *this;
  }
  ~entry_blocks() {
    while (free_) deallocate_entry<Entry>(pop());
  }

  // Throws std::bad_alloc.
  void* allocate() {
    if (free_) return pop();
    return std::allocator<Entry>().allocate(1);
  }
  // Memory from allocate() with no entry in it.
  void release(void* block) noexcept {
    if (kept_ == kKept) {
      deallocate_entry<Entry>(block);
      return;
    }
    free_ = ::new (block) free_block{free_};
    ++kept_;
  }
  // Destroys e and keeps or frees its memory.
  void destroy(Entry* e) noexcept {
    e->~Entry();
    release(e);
  }

 private:
  struct free_block {
    free_block* next;
  };
  static_assert(sizeof(Entry) >= sizeof(free_block) && alignof(Entry) >= alignof(free_block));

  void* pop() noexcept {
    free_block* block = free_;
    free_ = block->next;
    --kept_;
    block->~free_block();
    return block;
  }

  free_block* free_ = nullptr;
  std::size_t kept_ = 0;
};

// Entries by key. Holds pointers only: creating and destroying entries is
// the table's job. At most half full, so a probe is short.
template <class Entry, class Hash, class KeyEqual>
class entry_index {
  using key_type = std::remove_const_t<typename Entry::first_type>;

 public:
  entry_index() = default;
  entry_index(const Hash& hash, const KeyEqual& eq) : hash_(hash), eq_(eq) {}
  entry_index(const entry_index&) = delete;
  entry_index& operator=(const entry_index&) = delete;
  entry_index(entry_index&& other) noexcept
      : hash_(other.hash_),
        eq_(other.eq_),
        slots_(std::move(other.slots_)),
        mask_(std::exchange(other.mask_, 0)),
        size_(std::exchange(other.size_, 0)) {}
  // The hash and equality come along: the entries were placed with them.
  entry_index& operator=(entry_index&& other) noexcept {
    hash_ = other.hash_;
    eq_ = other.eq_;
    slots_ = std::move(other.slots_);
    mask_ = std::exchange(other.mask_, 0);
    size_ = std::exchange(other.size_, 0);
    return *this;
  }

  Hash hash_function() const { return hash_; }
  KeyEqual key_eq() const { return eq_; }
  std::size_t size() const noexcept { return size_; }

  std::size_t hash(const key_type& key) const { return hash_(key); }

  // The entry whose key equals key (its hash given), or nullptr.
  Entry* find(const key_type& key, std::size_t hash) const {
    if (size_ == 0) return nullptr;
    for (std::size_t i = home(hash);; i = (i + 1) & mask_) {
      Entry* e = slots_[i];
      if (!e) return nullptr;
      if (e->hash == hash && eq_(e->first, key)) return e;
    }
  }

  // Makes room for one more entry, so that the next insert() cannot fail.
  // Throws std::bad_alloc.
  void reserve_one() {
    if (2 * (size_ + 1) > capacity()) grow();
  }

  // Adds e (its hash set; no equal key present) after reserve_one().
  void insert(Entry* e) noexcept {
    std::size_t i = home(e->hash);
    while (slots_[i]) i = (i + 1) & mask_;
    slots_[i] = e;
    ++size_;
  }

  // Removes e, which is present. Later entries of its probe run move back
  // into the gap, so no tombstones are left.
  void erase(const Entry* e) noexcept {
    std::size_t gap = home(e->hash);
    while (slots_[gap] != e) gap = (gap + 1) & mask_;
    for (std::size_t i = (gap + 1) & mask_; slots_[i]; i = (i + 1) & mask_) {
      // slots_[i] may fill the gap unless its home lies cyclically in (gap, i].
      const std::size_t h = home(slots_[i]->hash);
      const bool home_after_gap = gap < i ? (gap < h && h <= i) : (gap < h || h <= i);
      if (home_after_gap) continue;
      slots_[gap] = slots_[i];
      gap = i;
    }
    slots_[gap] = nullptr;
    --size_;
  }

  // Forgets every entry (they are not destroyed); keeps the array.
  void clear() noexcept {
    for (std::size_t i = 0; i < capacity(); ++i) slots_[i] = nullptr;
    size_ = 0;
  }

 private:
  static constexpr std::size_t kMinCapacity = 8;

  std::size_t capacity() const noexcept { return slots_ ? mask_ + 1 : 0; }

  // Fibonacci hashing: a user's hash may be the identity (std::hash<int>),
  // whose low bits alone would cluster.
  std::size_t home(std::size_t hash) const noexcept {
    return static_cast<std::size_t>((static_cast<std::uint64_t>(hash) * 0x9E3779B97F4A7C15ull) >>
                                    32) &
           mask_;
  }

  void grow() {
    const std::size_t old_capacity = capacity();
    const std::size_t new_capacity = old_capacity ? 2 * old_capacity : kMinCapacity;
    std::unique_ptr<Entry*[]> old = std::exchange(slots_, std::make_unique<Entry*[]>(new_capacity));
    mask_ = new_capacity - 1;
    size_ = 0;
    for (std::size_t i = 0; i < old_capacity; ++i)
      if (old[i]) insert(old[i]);
  }

  Hash hash_;
  KeyEqual eq_;
  std::unique_ptr<Entry*[]> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_ENTRY_INDEX_HPP
