// weakref/make_shared.hpp - weakref::make_shared: std::make_shared for
// objects whose death can be observed (ref callbacks, finalize).
#ifndef WEAKREF_MAKE_SHARED_HPP
#define WEAKREF_MAKE_SHARED_HPP

#include <weakref/detail/death_hooks.hpp>
#include <weakref/detail/identity.hpp>
#include <weakref/exceptions.hpp>

#include <memory>
#include <type_traits>
#include <utility>

namespace weakref {

// Like std::make_shared<T>(args...), and the owner carries death hooks: ref
// callbacks and finalizers attached to it run once, right after the object
// is destroyed, on the thread that dropped the last owner. The hooks are
// found from any shared_ptr sharing this owner (aliasing, converted to a
// base, copied), because they live in the owner's deleter.
//
// The object is constructed as T(args...), exactly like std::make_shared.
// enable_shared_from_this works as usual. Unlike std::make_shared the object,
// its control block and its hooks are three allocations, and the object's
// memory is freed as soon as it dies (weak refs keep only the small rest).
template <class T, class... Args>
[[nodiscard]] std::shared_ptr<T> make_shared(Args&&... args) {
  static_assert(!std::is_array_v<T>, "weakref::make_shared does not make arrays");
  auto hooks = std::make_shared<detail::death_hooks>();
  T* object = new T(std::forward<Args>(args)...);
  // If allocating the control block throws, shared_ptr calls the deleter,
  // which deletes the object: nothing leaks.
  return std::shared_ptr<T>(object, detail::hooked_deleter{std::move(hooks), true});
}

}  // namespace weakref

#endif  // WEAKREF_MAKE_SHARED_HPP
