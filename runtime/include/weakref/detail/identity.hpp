// weakref/detail/identity.hpp - an object's identity is its owner (the
// shared_ptr control block), not its address.
#ifndef WEAKREF_DETAIL_IDENTITY_HPP
#define WEAKREF_DETAIL_IDENTITY_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>

namespace weakref {
namespace detail {

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

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_IDENTITY_HPP
