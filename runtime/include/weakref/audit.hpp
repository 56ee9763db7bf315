// weakref/audit.hpp - weakref::audit, the runtime half of weakify's
// instrumentation mode: measures, while the program runs, what each flagged
// site really keeps alive for nobody.
//
// The weakify plugin (-fplugin-arg-weakify-instrument) wraps the type of
// every candidate site in tracked<T, Tag>, where Tag is a struct it writes
// next to the declaration:
//
//   struct Tag {
//     static constexpr weakref::audit::site_info info();  // the site
//     static std::size_t owner_size();     // fields only: sizeof(Owner)
//     static std::size_t member_offset();  // fields only: offsetof(Owner, m)
//   };
//
// and includes this header first in each instrumented unit. At exit, after
// every static destructor, the audit is written: a table on stderr and, when
// $WEAKIFY_AUDIT names a file, JSON there. report() writes it earlier.
#ifndef WEAKREF_AUDIT_HPP
#define WEAKREF_AUDIT_HPP

#include <weakref/detail/audit_hooks.hpp>
#include <weakref/detail/audit_output.hpp>
#include <weakref/detail/audit_registry.hpp>
#include <weakref/detail/audit_site.hpp>
#include <weakref/detail/audit_snapshot.hpp>

#include <atomic>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <type_traits>
#include <utility>

namespace weakref {
namespace audit {

// A T (a standard container, std::shared_ptr or std::function) that reports
// to the audit of site Tag. It is a drop-in replacement for T: same size and
// layout (no data members), T's constructors, assignment from whatever T
// takes, conversion to T& for every function that takes one. The members
// that add entries are hidden by forwarding templates that return exactly
// what T's return, and count the growth: total (entries ever added) and
// peak (the largest size one instance reached). For shared_ptr and
// function, total counts instances constructed and peak the most alive at
// once.
template <class T, class Tag>
class tracked : public T, private detail::instance_hook<T, Tag> {
  using hook = detail::instance_hook<T, Tag>;
  friend hook;

  template <class U>
  static constexpr bool forwards_assignment =
      !std::is_same_v<std::decay_t<U>, tracked> &&
      !std::is_same_v<std::decay_t<U>, std::nullptr_t> && std::is_assignable_v<T&, U&&>;

public:
  using T::T;
  tracked() = default;
  tracked(const tracked&) = default;
  tracked(tracked&&) = default;
  tracked(const T& other) : T(other) {}
  tracked(T&& other) noexcept(std::is_nothrow_move_constructible_v<T>) : T(std::move(other)) {}
  ~tracked() = default;

  // ---- assignment
  tracked& operator=(const tracked& other) {
    auto scope = this->audit_growth();
    T::operator=(static_cast<const T&>(other));
    return *this;
  }
  tracked& operator=(tracked&& other) noexcept(std::is_nothrow_move_assignable_v<T>) {
    auto scope = this->audit_growth();
    T::operator=(static_cast<T&&>(other));
    return *this;
  }
  template <class U, class = std::enable_if_t<forwards_assignment<U>>>
  tracked& operator=(U&& value) {
    auto scope = this->audit_growth();
    T::operator=(std::forward<U>(value));
    return *this;
  }
  // `= nullptr`, and `= {}` as T takes it where T has operator=(nullptr_t).
  template <class U = T, class = std::enable_if_t<std::is_assignable_v<U&, std::nullptr_t>>>
  tracked& operator=(std::nullptr_t) {
    T::operator=(nullptr);
    return *this;
  }
  // `= {a, b}` and `= {}` for containers.
  template <class U = T, class V = typename U::value_type>
  auto operator=(std::initializer_list<V> list)
      -> std::enable_if_t<std::is_assignable_v<U&, std::initializer_list<V>>, tracked&> {
    auto scope = this->audit_growth();
    T::operator=(list);
    return *this;
  }

  // ---- growth. Each name hides all of T's overloads, so each has a
  // forwarding template for plain arguments and, where T's signature has a
  // value_type or key_type parameter, an overload that takes a braced list.
  template <class U = T, class... A>
  auto insert(A&&... args) -> decltype(std::declval<U&>().insert(std::forward<A>(args)...)) {
    this->template audit_incoming<A&&...>(args...);
    auto scope = this->audit_growth();
    return T::insert(std::forward<A>(args)...);
  }
  template <class U = T>
  auto insert(typename U::value_type&& value)
      -> decltype(std::declval<U&>().insert(std::move(value))) {
    this->template audit_incoming<typename U::value_type&&>(value);
    auto scope = this->audit_growth();
    return T::insert(std::move(value));
  }
  template <class U = T>
  auto insert(std::initializer_list<typename U::value_type> list)
      -> decltype(std::declval<U&>().insert(list)) {
    auto scope = this->audit_growth();
    return T::insert(list);
  }
  template <class U = T>
  auto insert(typename U::const_iterator hint, typename U::value_type&& value)
      -> decltype(std::declval<U&>().insert(hint, std::move(value))) {
    this->template audit_incoming<typename U::value_type&&>(value);
    auto scope = this->audit_growth();
    return T::insert(hint, std::move(value));
  }
  template <class U = T>
  auto insert(typename U::const_iterator position,
              std::initializer_list<typename U::value_type> list)
      -> decltype(std::declval<U&>().insert(position, list)) {
    auto scope = this->audit_growth();
    return T::insert(position, list);
  }
  template <class U = T>
  auto insert(typename U::const_iterator position, typename U::size_type count,
              const typename U::value_type& value)
      -> decltype(std::declval<U&>().insert(position, count, value)) {
    auto scope = this->audit_growth();
    return T::insert(position, count, value);
  }

  template <class U = T, class... A>
  auto emplace(A&&... args) -> decltype(std::declval<U&>().emplace(std::forward<A>(args)...)) {
    this->template audit_incoming<A&&...>(args...);
    auto scope = this->audit_growth();
    return T::emplace(std::forward<A>(args)...);
  }
  template <class U = T, class... A>
  auto emplace_hint(A&&... args)
      -> decltype(std::declval<U&>().emplace_hint(std::forward<A>(args)...)) {
    this->template audit_incoming<A&&...>(args...);
    auto scope = this->audit_growth();
    return T::emplace_hint(std::forward<A>(args)...);
  }
  template <class U = T, class... A>
  auto emplace_back(A&&... args)
      -> decltype(std::declval<U&>().emplace_back(std::forward<A>(args)...)) {
    this->template audit_incoming<A&&...>(args...);
    auto scope = this->audit_growth();
    return T::emplace_back(std::forward<A>(args)...);
  }
  template <class U = T, class... A>
  auto emplace_front(A&&... args)
      -> decltype(std::declval<U&>().emplace_front(std::forward<A>(args)...)) {
    this->template audit_incoming<A&&...>(args...);
    auto scope = this->audit_growth();
    return T::emplace_front(std::forward<A>(args)...);
  }

  template <class U = T, class... A>
  auto try_emplace(const typename U::key_type& key, A&&... args)
      -> decltype(std::declval<U&>().try_emplace(key, std::forward<A>(args)...)) {
    this->template audit_incoming<A&&...>(args...);
    auto scope = this->audit_growth();
    return T::try_emplace(key, std::forward<A>(args)...);
  }
  template <class U = T, class... A>
  auto try_emplace(typename U::key_type&& key, A&&... args)
      -> decltype(std::declval<U&>().try_emplace(std::move(key), std::forward<A>(args)...)) {
    this->template audit_incoming<A&&...>(args...);
    auto scope = this->audit_growth();
    return T::try_emplace(std::move(key), std::forward<A>(args)...);
  }
  template <class U = T, class... A>
  auto try_emplace(typename U::const_iterator hint, const typename U::key_type& key, A&&... args)
      -> decltype(std::declval<U&>().try_emplace(hint, key, std::forward<A>(args)...)) {
    this->template audit_incoming<A&&...>(args...);
    auto scope = this->audit_growth();
    return T::try_emplace(hint, key, std::forward<A>(args)...);
  }
  template <class U = T, class... A>
  auto try_emplace(typename U::const_iterator hint, typename U::key_type&& key, A&&... args)
      -> decltype(std::declval<U&>().try_emplace(hint, std::move(key), std::forward<A>(args)...)) {
    this->template audit_incoming<A&&...>(args...);
    auto scope = this->audit_growth();
    return T::try_emplace(hint, std::move(key), std::forward<A>(args)...);
  }

  template <class U = T, class M>
  auto insert_or_assign(const typename U::key_type& key, M&& value)
      -> decltype(std::declval<U&>().insert_or_assign(key, std::forward<M>(value))) {
    this->template audit_incoming<M&&>(value);
    auto scope = this->audit_growth();
    return T::insert_or_assign(key, std::forward<M>(value));
  }
  template <class U = T, class M>
  auto insert_or_assign(typename U::key_type&& key, M&& value)
      -> decltype(std::declval<U&>().insert_or_assign(std::move(key), std::forward<M>(value))) {
    this->template audit_incoming<M&&>(value);
    auto scope = this->audit_growth();
    return T::insert_or_assign(std::move(key), std::forward<M>(value));
  }
  template <class U = T, class M>
  auto insert_or_assign(typename U::const_iterator hint, const typename U::key_type& key, M&& value)
      -> decltype(std::declval<U&>().insert_or_assign(hint, key, std::forward<M>(value))) {
    this->template audit_incoming<M&&>(value);
    auto scope = this->audit_growth();
    return T::insert_or_assign(hint, key, std::forward<M>(value));
  }
  template <class U = T, class M>
  auto insert_or_assign(typename U::const_iterator hint, typename U::key_type&& key, M&& value)
      -> decltype(std::declval<U&>().insert_or_assign(hint, std::move(key),
                                                      std::forward<M>(value))) {
    this->template audit_incoming<M&&>(value);
    auto scope = this->audit_growth();
    return T::insert_or_assign(hint, std::move(key), std::forward<M>(value));
  }

  template <class U = T>
  auto push_back(const typename U::value_type& value)
      -> decltype(std::declval<U&>().push_back(value)) {
    this->template audit_incoming<const typename U::value_type&>(value);
    auto scope = this->audit_growth();
    return T::push_back(value);
  }
  template <class U = T>
  auto push_back(typename U::value_type&& value)
      -> decltype(std::declval<U&>().push_back(std::move(value))) {
    this->template audit_incoming<typename U::value_type&&>(value);
    auto scope = this->audit_growth();
    return T::push_back(std::move(value));
  }
  template <class U = T>
  auto push_front(const typename U::value_type& value)
      -> decltype(std::declval<U&>().push_front(value)) {
    this->template audit_incoming<const typename U::value_type&>(value);
    auto scope = this->audit_growth();
    return T::push_front(value);
  }
  template <class U = T>
  auto push_front(typename U::value_type&& value)
      -> decltype(std::declval<U&>().push_front(std::move(value))) {
    this->template audit_incoming<typename U::value_type&&>(value);
    auto scope = this->audit_growth();
    return T::push_front(std::move(value));
  }

  // Only a keyed operator[] (map, unordered_map) can add an entry; a
  // vector's is forwarded without counting.
  template <class K, class U = T>
  auto operator[](K&& key) -> decltype(std::declval<U&>()[std::forward<K>(key)]) {
    if constexpr (detail::has_key_type<U>::value) {
      auto scope = this->audit_growth();
      return T::operator[](std::forward<K>(key));
    } else {
      return T::operator[](std::forward<K>(key));
    }
  }
  template <class U = T>
  auto operator[](typename U::key_type&& key) -> decltype(std::declval<U&>()[std::move(key)]) {
    auto scope = this->audit_growth();
    return T::operator[](std::move(key));
  }
  template <class K, class U = T>
  auto operator[](K&& key) const -> decltype(std::declval<const U&>()[std::forward<K>(key)]) {
    return T::operator[](std::forward<K>(key));
  }

  // ADL's swap for two instances of one site: T's, without a temporary.
  friend void swap(tracked& a, tracked& b) noexcept(std::is_nothrow_swappable_v<T>) {
    using std::swap;
    swap(static_cast<T&>(a), static_cast<T&>(b));
  }
};

namespace detail {

// The exit report runs once, whichever unit's exit function comes first.
inline void final_report() {
  registry& r = registry::instance();
  if (r.finished.exchange(true)) return;
  write_report(measure(r, true, true), destination_from_environment(), stderr);
}

}  // namespace detail

// Writes the audit now: every site, with containers measured alive and
// destroyed. Cycles and self-capture are counted at exit, when the
// program's own objects are gone; before that their sites show the value of
// the last exit report (zero).
inline void report() {
  detail::write_report(detail::measure(detail::registry::instance(), false, false),
                       detail::destination_from_environment(), stderr);
}

}  // namespace audit
}  // namespace weakref

namespace std {
template <class T, class Tag>
struct hash<weakref::audit::tracked<T, Tag>> : hash<T> {};
}  // namespace std

// Each including unit has one; they run after the static destructors (from
// the ELF fini arrays, which exit() runs after the atexit handlers), and
// the first one writes the report.
namespace {
[[gnu::destructor]] void weakify_audit_at_exit() { weakref::audit::detail::final_report(); }
}  // namespace

#endif  // WEAKREF_AUDIT_HPP
