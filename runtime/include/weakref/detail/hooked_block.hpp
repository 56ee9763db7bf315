// weakref/detail/hooked_block.hpp - the single allocation of an object made
// by weakref::make_shared: [control block | death_hooks | object].
#ifndef WEAKREF_DETAIL_HOOKED_BLOCK_HPP
#define WEAKREF_DETAIL_HOOKED_BLOCK_HPP

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <weakref/detail/death_hooks.hpp>
#include <weakref/detail/hooked_types.hpp>
#include <weakref/detail/identity.hpp>
#include <weakref/detail/raise.hpp>

namespace weakref {
namespace detail {

// Where the parts of a block for a T are. The hooks sit at the same offset
// for every T, so they are found from the control block alone.
template <class T>
struct hooked_layout {
  static constexpr std::size_t round_up(std::size_t n, std::size_t a) {
    return (n + a - 1) / a * a;
  }
  static constexpr std::size_t align = alignof(T) > alignof(std::max_align_t)
                                           ? alignof(T)
                                           : alignof(std::max_align_t);
  static constexpr std::size_t object_offset =
      round_up(control_block_room + sizeof(death_hooks), alignof(T));
  static constexpr std::size_t size = object_offset + sizeof(T);
  static constexpr bool over_aligned = align > __STDCPP_DEFAULT_NEW_ALIGNMENT__;

  static unsigned char* allocate() {
    if constexpr (over_aligned)
      return static_cast<unsigned char*>(::operator new(size, std::align_val_t(align)));
    else
      return static_cast<unsigned char*>(::operator new(size));
  }
  static void deallocate(unsigned char* block) noexcept {
    if constexpr (over_aligned)
      ::operator delete(block, std::align_val_t(align));
    else
      ::operator delete(block);
  }
  static unsigned char* block_of(const T* object) noexcept {
    return reinterpret_cast<unsigned char*>(const_cast<std::remove_cv_t<T>*>(object)) -
           object_offset;
  }
};

// The control block's allocator: it hands out the front of the block (the
// only allocation shared_ptr asks it for) and frees the whole block when
// the control block goes, after the last weak reference, exactly when
// std::make_shared frees its block.
template <class U, class T>
struct hooked_allocator {
  using value_type = U;
  template <class V>
  struct rebind {
    using other = hooked_allocator<V, T>;
  };

  explicit hooked_allocator(unsigned char* b) noexcept : block(b) {}
  template <class V>
  hooked_allocator(const hooked_allocator<V, T>& other) noexcept : block(other.block) {}

  U* allocate(std::size_t n) noexcept {
    // An unexpected standard library layout fails here, at compile time.
    static_assert(sizeof(U) <= control_block_room,
                  "weakref::make_shared: this standard library's control block does "
                  "not fit the room reserved for it (control_block_room)");
    static_assert(alignof(U) <= hooked_layout<T>::align,
                  "weakref::make_shared: this standard library's control block is "
                  "over-aligned");
    static_cast<void>(n);  // 1: one control block
    return reinterpret_cast<U*>(block);
  }
  void deallocate(U*, std::size_t) noexcept {
    hooks_in_block(block)->~death_hooks();
    hooked_layout<T>::deallocate(block);
  }

  template <class V>
  bool operator==(const hooked_allocator<V, T>& other) const noexcept {
    return block == other.block;
  }
  template <class V>
  bool operator!=(const hooked_allocator<V, T>& other) const noexcept {
    return block != other.block;
  }

  unsigned char* block;
};

// Destroys the object in place, then runs its death hooks; the memory stays
// until the allocator frees the block.
template <class T>
struct hooked_deleter {
  void operator()(T* object) const noexcept {
    death_hooks* hooks = hooks_in_block(hooked_layout<T>::block_of(object));
    object->~T();
    hooks->fire();
  }
};

// std::make_shared's one allocation, with death hooks between the control
// block and the object. If T's constructor throws, the block is freed.
template <class T, class... Args>
std::shared_ptr<T> make_hooked(Args&&... args) {
  using layout = hooked_layout<T>;
  unsigned char* block = layout::allocate();
  death_hooks* hooks = ::new (static_cast<void*>(hooks_in_block(block))) death_hooks();
  T* object = nullptr;
  WEAKREF_TRY {
    object =
        ::new (static_cast<void*>(block + layout::object_offset)) T(std::forward<Args>(args)...);
  }
  WEAKREF_CATCH_ALL {
    hooks->~death_hooks();
    layout::deallocate(block);
    WEAKREF_RETHROW;
  }
  // The allocator cannot fail, so neither can this.
  std::shared_ptr<T> owner(object, hooked_deleter<T>(), hooked_allocator<T, T>(block));
  // Before the first object of this type escapes: from now on hooks_of
  // recognises its control blocks.
  static const bool known = (hooked_types::add(hooked_types::vptr_of(owner_word(owner))), true);
  static_cast<void>(known);
  return owner;
}

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_HOOKED_BLOCK_HPP
