// weakref/detail/audit_visit.hpp - finding the shared_ptrs and weak_ptrs
// inside a value, for the audit's measurements.
//
// A std::shared_ptr (or std::weak_ptr) is one pointer; a std::pair is its two
// members, so a map entry is its key and its value; any other range except a
// string is its elements; anything else holds none. Whether a type can hold
// a pointer at all is decided at compile time, so measuring a container of
// plain values costs nothing.
#ifndef WEAKREF_DETAIL_AUDIT_VISIT_HPP
#define WEAKREF_DETAIL_AUDIT_VISIT_HPP

#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace weakref {
namespace audit {
namespace detail {

template <class T>
struct is_shared_ptr : std::false_type {};
template <class T>
struct is_shared_ptr<std::shared_ptr<T>> : std::true_type {};

template <class T>
struct is_weak_ptr : std::false_type {};
template <class T>
struct is_weak_ptr<std::weak_ptr<T>> : std::true_type {};

template <class T>
struct is_pair : std::false_type {};
template <class A, class B>
struct is_pair<std::pair<A, B>> : std::true_type {};

// Strings are ranges of characters, never of pointers: not worth a look.
template <class T>
struct is_string : std::false_type {};
template <class C, class Tr, class A>
struct is_string<std::basic_string<C, Tr, A>> : std::true_type {};
template <class C, class Tr>
struct is_string<std::basic_string_view<C, Tr>> : std::true_type {};

// The element type of a range, or void for anything else.
template <class T, class = void>
struct element_of {
  using type = void;
};
template <class T>
struct element_of<T, std::void_t<decltype(std::begin(std::declval<const T&>())),
                                 decltype(std::end(std::declval<const T&>()))>> {
  using type = std::remove_cv_t<
      std::remove_reference_t<decltype(*std::begin(std::declval<const T&>()))>>;
};
template <class T>
using element_t = typename element_of<T>::type;

// A range worth visiting. A range of itself (std::filesystem::path's
// components are paths) would never end.
template <class T>
constexpr bool is_visited_range() {
  using E = element_t<T>;
  return !std::is_void_v<E> && !is_string<T>::value && !std::is_same_v<E, T>;
}

// Whether a T can contain a pointer that IsPointer recognises.
template <template <class> class IsPointer, class T>
constexpr bool may_hold() {
  using U = std::remove_cv_t<T>;
  if constexpr (IsPointer<U>::value) {
    return true;
  } else if constexpr (is_pair<U>::value) {
    return may_hold<IsPointer, typename U::first_type>() ||
           may_hold<IsPointer, typename U::second_type>();
  } else if constexpr (is_visited_range<U>()) {
    return may_hold<IsPointer, element_t<U>>();
  } else {
    return false;
  }
}

// Calls f(p) for each pointer p in value that IsPointer recognises.
template <template <class> class IsPointer, class T, class F>
void for_each_pointer(const T& value, F& f) {
  using U = std::remove_cv_t<T>;
  if constexpr (IsPointer<U>::value) {
    f(value);
  } else if constexpr (!may_hold<IsPointer, U>()) {
    static_cast<void>(value);
    static_cast<void>(f);
  } else if constexpr (is_pair<U>::value) {
    for_each_pointer<IsPointer>(value.first, f);
    for_each_pointer<IsPointer>(value.second, f);
  } else {
    for (const auto& element : value) for_each_pointer<IsPointer>(element, f);
  }
}

// Strong pointers whose object nobody else owns: what an owning container
// keeps alive for nobody.
template <class T>
std::uint64_t count_sole_owners(const T& value) {
  std::uint64_t count = 0;
  auto f = [&count](const auto& p) { count += p.use_count() == 1 ? 1 : 0; };
  for_each_pointer<is_shared_ptr>(value, f);
  return count;
}

// Weak pointers whose object is gone: entries kept for nothing.
template <class T>
std::uint64_t count_expired(const T& value) {
  std::uint64_t count = 0;
  auto f = [&count](const auto& p) { count += p.expired() ? 1 : 0; };
  for_each_pointer<is_weak_ptr>(value, f);
  return count;
}

// The addresses the non-null strong pointers in value point at: the edges
// of the cycle graph.
template <class T>
void collect_targets(const T& value, std::vector<std::uintptr_t>& out) {
  auto f = [&out](const auto& p) {
    if (p) out.push_back(reinterpret_cast<std::uintptr_t>(
               static_cast<const volatile void*>(p.get())));
  };
  for_each_pointer<is_shared_ptr>(value, f);
}

}  // namespace detail
}  // namespace audit
}  // namespace weakref

#endif  // WEAKREF_DETAIL_AUDIT_VISIT_HPP
