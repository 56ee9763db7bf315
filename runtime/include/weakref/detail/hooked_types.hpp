// weakref/detail/hooked_types.hpp - which shared_ptr control blocks are
// weakref's own, told by their vtable pointer, without RTTI.
#ifndef WEAKREF_DETAIL_HOOKED_TYPES_HPP
#define WEAKREF_DETAIL_HOOKED_TYPES_HPP

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <weakref/detail/spin_lock.hpp>

namespace weakref {
namespace detail {

// Every control block (libstdc++, libc++, MSVC STL) is a polymorphic object,
// so its first word is its vtable pointer, one per control block type. Each
// weakref::make_shared<T> instantiation adds its type's vptr here before its
// first object escapes; a control block whose vptr is here is one of ours.
// Comparing that word is what std::get_deleter's typeid test does, minus
// the RTTI and the virtual call.
//
// An open-addressed set of vptrs, append-only: a lookup takes no lock, an
// addition (once per type) takes a spin lock. A full table is replaced by a
// twice bigger copy; the old one stays readable (it is leaked on purpose:
// a lookup may still be in it, and the total is bounded by the number of
// hooked types).
class hooked_types {
 public:
  static bool contains(const void* vptr) noexcept {
    const table* t = current().load(std::memory_order_acquire);
    for (std::size_t i = slot_of(vptr, t->mask);; i = (i + 1) & t->mask) {
      const void* v = t->slots[i].load(std::memory_order_acquire);
      if (v == vptr) return true;
      if (!v) return false;
    }
  }

  // Throws std::bad_alloc when a bigger table cannot be made.
  static void add(const void* vptr) {
    spin_guard guard(writer());
    const table* t = current().load(std::memory_order_relaxed);
    if (contains(vptr)) return;
    if ((count() + 1) * 2 > t->mask + 1) {
      const std::size_t capacity = (t->mask + 1) * 2;
      auto* slots = new std::atomic<const void*>[capacity]();
      auto* bigger = new table{capacity - 1, slots};
      for (std::size_t i = 0; i <= t->mask; ++i)
        if (const void* v = t->slots[i].load(std::memory_order_relaxed)) insert(*bigger, v);
      insert(*bigger, vptr);
      current().store(bigger, std::memory_order_release);
    } else {
      insert(*t, vptr);
    }
    ++count();
  }

  // The first word of a control block: its vptr.
  static const void* vptr_of(const void* control_block) noexcept {
    const void* vptr;
    std::memcpy(&vptr, control_block, sizeof vptr);
    return vptr;
  }

 private:
  struct table {
    std::size_t mask;
    std::atomic<const void*>* slots;
  };

  static std::size_t slot_of(const void* vptr, std::size_t mask) noexcept {
    const auto v = reinterpret_cast<std::uintptr_t>(vptr);
    return static_cast<std::size_t>((v >> 3) * 0x9E3779B97F4A7C15ull >> 40) & mask;
  }

  static void insert(const table& t, const void* vptr) noexcept {
    std::size_t i = slot_of(vptr, t.mask);
    while (t.slots[i].load(std::memory_order_relaxed)) i = (i + 1) & t.mask;
    t.slots[i].store(vptr, std::memory_order_release);
  }

  // Constant-initialised statics: usable before main and during static
  // destruction, in any order, with no guard to test on each lookup.
  static constexpr std::size_t initial_capacity = 64;
  inline static std::atomic<const void*> initial_slots_[initial_capacity];
  inline static const table initial_{initial_capacity - 1, initial_slots_};
  inline static std::atomic<const table*> current_{&initial_};
  inline static std::size_t count_ = 0;  // guarded by writer_
  inline static spin_lock writer_;

  static std::atomic<const table*>& current() noexcept { return current_; }
  static std::size_t& count() noexcept { return count_; }
  static spin_lock& writer() noexcept { return writer_; }
};

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_HOOKED_TYPES_HPP
