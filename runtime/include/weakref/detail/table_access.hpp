// weakref/detail/table_access.hpp - lets weakref::synchronized reach the
// weak_table inside a container (each container befriends this).
#ifndef WEAKREF_DETAIL_TABLE_ACCESS_HPP
#define WEAKREF_DETAIL_TABLE_ACCESS_HPP

namespace weakref {
namespace detail {

struct table_access {
  template <class Container>
  static auto& of(Container& c) noexcept {
    return c.table_;
  }
};

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_TABLE_ACCESS_HPP
