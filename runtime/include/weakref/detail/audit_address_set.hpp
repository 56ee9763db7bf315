// weakref/detail/audit_address_set.hpp - the live instances of one site.
//
// Every audited member registers its address when constructed and removes
// it when destroyed, so this set is on the path of every object the program
// makes: an open-addressing table of pointers (no allocation per insert, a
// few probes per operation), grown at half load, with tombstones for
// removed addresses. Not thread-safe: the site's mutex guards it.
#ifndef WEAKREF_DETAIL_AUDIT_ADDRESS_SET_HPP
#define WEAKREF_DETAIL_AUDIT_ADDRESS_SET_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

namespace weakref {
namespace audit {
namespace detail {

class address_set {
public:
  // Adds p (never null); a present address is left as it is.
  void insert(const void* p) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    std::size_t i = home(p, slots_.size());
    const void** reusable = nullptr;
    for (;; i = (i + 1) & (slots_.size() - 1)) {
      const void*& slot = slots_[i];
      if (slot == p) return;
      if (slot == tombstone() && !reusable) reusable = &slot;
      if (slot == nullptr) {
        if (reusable) {
          *reusable = p;
        } else {
          slot = p;
          ++used_;
        }
        ++size_;
        return;
      }
    }
  }

  void erase(const void* p) noexcept {
    if (slots_.empty()) return;
    for (std::size_t i = home(p, slots_.size());; i = (i + 1) & (slots_.size() - 1)) {
      const void*& slot = slots_[i];
      if (slot == nullptr) return;
      if (slot == p) {
        slot = tombstone();
        --size_;
        return;
      }
    }
  }

  std::size_t size() const noexcept { return size_; }

  // Iterates over the addresses present, in no particular order.
  class iterator {
  public:
    iterator(const void* const* at, const void* const* end) noexcept : at_(at), end_(end) {
      skip();
    }
    const void* operator*() const noexcept { return *at_; }
    iterator& operator++() noexcept {
      ++at_;
      skip();
      return *this;
    }
    bool operator!=(const iterator& other) const noexcept { return at_ != other.at_; }

  private:
    void skip() noexcept {
      while (at_ != end_ && (*at_ == nullptr || *at_ == tombstone())) ++at_;
    }
    const void* const* at_;
    const void* const* end_;
  };
  iterator begin() const noexcept { return {slots_.data(), slots_.data() + slots_.size()}; }
  iterator end() const noexcept {
    return {slots_.data() + slots_.size(), slots_.data() + slots_.size()};
  }

private:
  static const void* tombstone() noexcept { return reinterpret_cast<const void*>(1); }

  static std::size_t home(const void* p, std::size_t capacity) noexcept {
    // Objects are aligned: mix the bits above the alignment.
    std::uint64_t h = reinterpret_cast<std::uintptr_t>(p) >> 3;
    h *= 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(h >> 32) & (capacity - 1);
  }

  // Doubles when live entries fill a quarter; otherwise rebuilds in place
  // size to clear tombstones.
  void grow() {
    std::size_t capacity = slots_.empty() ? 16 : slots_.size();
    if ((size_ + 1) * 4 > capacity) capacity *= 2;
    std::vector<const void*> old(capacity, nullptr);
    old.swap(slots_);
    used_ = size_ = 0;
    for (const void* slot : old)
      if (slot != nullptr && slot != tombstone()) insert(slot);
  }

  std::vector<const void*> slots_;
  std::size_t size_ = 0;  // addresses present
  std::size_t used_ = 0;  // slots not empty (addresses and tombstones)
};

}  // namespace detail
}  // namespace audit
}  // namespace weakref

#endif  // WEAKREF_DETAIL_AUDIT_ADDRESS_SET_HPP
