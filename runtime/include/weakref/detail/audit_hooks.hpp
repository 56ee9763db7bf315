// weakref/detail/audit_hooks.hpp - what a tracked instance does when it is
// constructed, grows and is destroyed.
//
// tracked<T, Tag> may have no data members (its size and layout are T's), so
// its bookkeeping lives in an empty base, instance_hook, declared after T:
// it is constructed after T (even by T's inherited constructors, which run
// no code of tracked's own), so the instance it registers is complete, and
// it is destroyed before T, so the destructor can still measure T.
#ifndef WEAKREF_DETAIL_AUDIT_HOOKS_HPP
#define WEAKREF_DETAIL_AUDIT_HOOKS_HPP

#include <weakref/detail/audit_registry.hpp>
#include <weakref/detail/audit_site.hpp>
#include <weakref/detail/audit_visit.hpp>

#include <cstdint>
#include <type_traits>
#include <utility>

namespace weakref {
namespace audit {

template <class T, class Tag>
class tracked;

namespace detail {

// Containers are counted by entries; anything else (shared_ptr, function)
// by instances.
template <class T, class = void>
struct counts_entries : std::false_type {};
template <class T>
struct counts_entries<T, std::void_t<decltype(std::declval<const T&>().size())>>
    : std::true_type {};

template <class T, class = void>
struct has_key_type : std::false_type {};
template <class T>
struct has_key_type<T, std::void_t<typename T::key_type>> : std::true_type {};

// Adds a container's growth over one member call to its site.
template <class T, bool Counted = counts_entries<T>::value>
class growth_scope {
public:
  growth_scope(site& s, const T& container) noexcept
      : site_(s), container_(container), before_(container.size()) {}
  growth_scope(const growth_scope&) = delete;
  growth_scope& operator=(const growth_scope&) = delete;
  ~growth_scope() {
    const std::uint64_t after = container_.size();
    if (after > before_) site_.grew(after - before_, after);
  }

private:
  site& site_;
  const T& container_;
  std::uint64_t before_;
};

template <class T>
class growth_scope<T, false> {
public:
  growth_scope(site&, const T&) noexcept {}
  growth_scope(const growth_scope&) = delete;
  growth_scope& operator=(const growth_scope&) = delete;
  ~growth_scope() {}  // user-provided: a scope is never an unused variable
};

// Notes how a strong pointer about to enter a container arrives: moved in
// as its only owner (adopted) or shared with a holder outside. A pair (a
// map's value_type) is looked into; anything else says nothing.
template <class A>
void note_incoming(site& s, const std::remove_reference_t<A>& value) noexcept {
  using D = std::decay_t<A>;
  if constexpr (is_shared_ptr<D>::value) {
    if (!value) return;
    if (std::is_rvalue_reference_v<A&&> && value.use_count() == 1)
      s.adopted.fetch_add(1, std::memory_order_relaxed);
    else
      s.shared_in.fetch_add(1, std::memory_order_relaxed);
  } else if constexpr (is_pair<D>::value) {
    using First = std::conditional_t<std::is_rvalue_reference_v<A&&>,
                                     typename D::first_type&&, const typename D::first_type&>;
    using Second = std::conditional_t<std::is_rvalue_reference_v<A&&>,
                                      typename D::second_type&&, const typename D::second_type&>;
    note_incoming<First>(s, value.first);
    note_incoming<Second>(s, value.second);
  } else {
    static_cast<void>(s);
    static_cast<void>(value);
  }
}

// The empty base of tracked<T, Tag> that registers the instance.
template <class T, class Tag>
class instance_hook {
  using self_type = tracked<T, Tag>;

protected:
  instance_hook() noexcept { audit_enter(true); }
  instance_hook(const instance_hook&) noexcept { audit_enter(true); }
  // A moved container's entries were counted where they were added.
  instance_hook(instance_hook&&) noexcept { audit_enter(false); }
  instance_hook& operator=(const instance_hook&) noexcept { return *this; }
  instance_hook& operator=(instance_hook&&) noexcept { return *this; }
  ~instance_hook() { audit_leave(); }

  static source& audit_source() { return source_of<self_type, T, Tag>(); }

  growth_scope<T> audit_growth() noexcept {
    return growth_scope<T>(audit_source().where, audit_object());
  }

  // How the values given to a growth member arrive (see note_incoming).
  template <class... A>
  void audit_incoming(const std::remove_reference_t<A>&... values) noexcept {
    if constexpr (counts_entries<T>::value) {
      site& s = audit_source().where;
      (note_incoming<A>(s, values), ...);
    }
  }

private:
  const self_type& audit_self() const noexcept { return *static_cast<const self_type*>(this); }
  const T& audit_object() const noexcept { return audit_self(); }

  void audit_enter(bool count_entries) noexcept {
    source& src = audit_source();
    if constexpr (counts_entries<T>::value) {
      const std::uint64_t size = audit_object().size();
      if (count_entries && size > 0) src.where.grew(size, size);
    } else {
      static_cast<void>(count_entries);
      src.where.constructed();
    }
    src.enter(&audit_self());
  }

  // Measures first, outside any lock, then unregisters.
  void audit_leave() noexcept {
    source& src = audit_source();
    const site_info& info = src.where.info;
    if (measures_entries(info)) {
      const std::uint64_t retained = src.ops.retained(&audit_self(), info.kind);
      if (retained) src.where.retained_at_death.fetch_add(retained, std::memory_order_relaxed);
    }
    if constexpr (!counts_entries<T>::value) src.where.destroyed();
    src.leave(&audit_self());
  }
};

}  // namespace detail
}  // namespace audit
}  // namespace weakref

#endif  // WEAKREF_DETAIL_AUDIT_HOOKS_HPP
