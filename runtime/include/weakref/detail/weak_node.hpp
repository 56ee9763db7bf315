// weakref/detail/weak_node.hpp - the node of a container that holds one
// object weakly per entry (set's element, value_map's value).
#ifndef WEAKREF_DETAIL_WEAK_NODE_HPP
#define WEAKREF_DETAIL_WEAK_NODE_HPP

#include <weakref/detail/death_watch.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>

namespace weakref {
namespace detail {

// A weak_table node (see its Node requirements) holding one object weakly.
// Erased during iteration it is only marked (the removal is committed when
// the iteration ends): a watched node keeps its weak_ptr, which keeps the
// object's death hooks for its cell; an unwatched one lets the object's
// memory go at once, as when the object dies.
template <class T>
struct weak_node {
  std::weak_ptr<T> object;
  std::size_t slot = 0;
  std::uint32_t cell = no_cell;
  bool erased = false;  // erased during iteration, removal pending

  explicit weak_node(std::weak_ptr<T> o) noexcept : object(std::move(o)) {}
  bool expired() const noexcept { return erased || object.expired(); }
  bool object_expired() const noexcept { return object.expired(); }
  void kill() noexcept {
    erased = true;
    if (cell == no_cell) object.reset();
  }
  // The live object, or null (also when erased).
  std::shared_ptr<T> lock() const noexcept { return erased ? nullptr : object.lock(); }
  // Gives the node a live object; weak_table::revive/replace call it.
  void set(const std::shared_ptr<T>& o) noexcept {
    object = o;
    erased = false;
  }
};

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_WEAK_NODE_HPP
