// weakref/make_shared.hpp - weakref::make_shared: std::make_shared for
// objects whose death can be observed (ref callbacks, finalize).
#ifndef WEAKREF_MAKE_SHARED_HPP
#define WEAKREF_MAKE_SHARED_HPP

#include <memory>
#include <type_traits>
#include <utility>
#include <weakref/detail/death_hooks.hpp>
#include <weakref/detail/hooked_block.hpp>
#include <weakref/detail/identity.hpp>
#include <weakref/exceptions.hpp>

namespace weakref {

// Like std::make_shared<T>(args...), and the owner carries death hooks: ref
// callbacks and finalizers attached to it run once, right after the object
// is destroyed, on the thread that dropped the last owner. The hooks are
// found from any shared_ptr sharing this owner (aliasing, converted to a
// base, copied), because they live next to the owner's control block.
//
// The object is constructed as T(args...), exactly like std::make_shared,
// and enable_shared_from_this works as usual. Like std::make_shared it is one
// allocation - control block, hooks and object - and the object's memory is
// freed with its control block, when the last weak reference goes (the
// object itself is destroyed when the last owner goes). If T's constructor
// throws, nothing is left allocated.
template <class T, class... Args>
[[nodiscard]] std::shared_ptr<T> make_shared(Args&&... args) {
  static_assert(!std::is_array_v<T>, "weakref::make_shared does not make arrays");
  return detail::make_hooked<T>(std::forward<Args>(args)...);
}

}  // namespace weakref

#endif  // WEAKREF_MAKE_SHARED_HPP
