// weakref/detail/local_function.hpp - a std::function that keeps a small,
// trivially copied callable in place instead of boxing it on the heap.
//
// libstdc++ stores a callable inside std::function only when
// std::is_trivially_copyable says yes. GCC 12 says no for some closures that
// are trivially copy-constructible and destructible (a lambda that was
// forwarded through a template and stored in a class), and std::tuple is
// never trivially copyable. Each such std::function costs an allocation.
// A byte_box holds the callable as bytes: copying the box copies the bytes,
// which for a trivially copy-constructible type is what its copy
// constructor does, and the box itself is trivially copyable.
#ifndef WEAKREF_DETAIL_LOCAL_FUNCTION_HPP
#define WEAKREF_DETAIL_LOCAL_FUNCTION_HPP

#include <functional>
#include <new>
#include <optional>
#include <type_traits>
#include <utility>

namespace weakref {
namespace detail {

template <class G>
inline constexpr bool copies_as_bytes = std::is_trivially_copy_constructible_v<G>&&
    std::is_trivially_move_constructible_v<G>&& std::is_trivially_destructible_v<G>;

template <class G>
class byte_box {
  static_assert(copies_as_bytes<G>);

 public:
  // The bytes start zeroed: an empty callable writes none, and copying
  // unwritten bytes would read indeterminate values.
  explicit byte_box(const G& callable) noexcept : bytes_{} {
    ::new (static_cast<void*>(bytes_)) G(callable);
  }

  decltype(auto) operator()() { return (*std::launder(reinterpret_cast<G*>(bytes_)))(); }

 private:
  alignas(G) unsigned char bytes_[sizeof(G)];
};

// Makes out hold callable, moved into a std::function<Result()>: in place
// whenever std::function can keep something of its size there.
template <class Result, class G>
void emplace_local_function(std::optional<std::function<Result()>>& out, G&& callable) {
  using callable_type = std::decay_t<G>;
  if constexpr (copies_as_bytes<callable_type>)
    out.emplace(byte_box<callable_type>(callable));
  else
    out.emplace(std::forward<G>(callable));
}

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_LOCAL_FUNCTION_HPP
