// weakref/detail/audit_registry.hpp - the process-wide list of audited sites
// and of the live instances of each.
//
// Each Tag (one per site and unit) gets a source: its site, the functions
// that measure its instance type, where the instance lies in its owner, and
// the set of its live instances. Sources naming the same site share one
// site record. The registry is created on first use and never destroyed, so
// that instances destroyed by static destructors, and the report after them,
// still find it.
//
// Locking: the registry's mutex guards the lists and the sites' exit values;
// a source's mutex guards its instance set. A report takes the registry's
// mutex and then every source's; everybody else takes one mutex at a time.
// No user code runs under either: measuring only reads containers and
// reference counts.
#ifndef WEAKREF_DETAIL_AUDIT_REGISTRY_HPP
#define WEAKREF_DETAIL_AUDIT_REGISTRY_HPP

#include <weakref/detail/audit_address_set.hpp>
#include <weakref/detail/audit_site.hpp>
#include <weakref/detail/audit_visit.hpp>
#include <weakref/detail/raise.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace weakref {
namespace audit {
namespace detail {

// How to measure one instance type, given an instance's address.
struct source_ops {
  // What the instance retains now, for a container site of this kind.
  std::uint64_t (*retained)(const void* self, site_kind kind);
  // Holds a target (a non-empty std::function, a non-null pointer).
  bool (*engaged)(const void* self);
  // Appends the addresses its strong pointers point at.
  void (*targets)(const void* self, std::vector<std::uintptr_t>& out);
};

// Where a field's instance lies in the object that has it; variables have
// no owner.
struct owner_layout {
  bool field = false;
  std::size_t size = 0;
  std::size_t offset = 0;
};

// One Tag's live instances.
struct source {
  source(site& s, const source_ops& o, const owner_layout& l) : where(s), ops(o), owner(l) {}

  site& where;
  const source_ops ops;
  const owner_layout owner;
  std::mutex mutex;
  address_set live;

  // Whether the cycle graph looks at this source's instances.
  bool in_cycle_graph() const noexcept {
    return owner.field &&
           (where.info.cycle_edge || where.info.kind == site_kind::strong_pointer);
  }

  // An instance that cannot be recorded (the set cannot grow) is left out of
  // the audit rather than failing the program's own construction.
  void enter(const void* self) noexcept {
    std::lock_guard<std::mutex> lock(mutex);
    WEAKREF_TRY { live.insert(self); }
    WEAKREF_CATCH_ALL {}
  }
  void leave(const void* self) noexcept {
    std::lock_guard<std::mutex> lock(mutex);
    live.erase(self);
  }
};

// One per process, even when the program's shared libraries are built with
// -fvisibility=hidden: its default visibility lets the dynamic linker bind
// every copy of instance() to one.
class __attribute__((visibility("default"))) registry {
public:
  // Created on first use, never destroyed; reachable from a static, so leak
  // checkers do not count it.
  static registry& instance() {
    static registry* const the_registry = new registry;
    return *the_registry;
  }

  // Called once per Tag, from that Tag's function-local static. One site
  // is one source: a Tag instantiated in the executable and again in a
  // shared library with hidden symbols has two statics, and an instance
  // registered through one must leave through the same set.
  source& add_source(site_info info, const source_ops& ops, const owner_layout& owner) {
    if (!info.check) info.check = "";
    if (!info.file) info.file = "";
    if (!info.name) info.name = "";
    std::lock_guard<std::mutex> lock(mutex);
    auto found = by_key_.find(info);
    if (found != by_key_.end()) return *found->second;
    sites.push_back(std::make_unique<site>(info, sites.size()));
    sources.push_back(std::make_unique<source>(*sites.back(), ops, owner));
    by_key_.emplace(info, sources.back().get());
    return *sources.back();
  }

  std::mutex mutex;
  std::vector<std::unique_ptr<site>> sites;
  std::vector<std::unique_ptr<source>> sources;
  // The exit report has run: set once, by the first unit's exit function.
  std::atomic<bool> finished{false};

private:
  registry() = default;

  struct site_less {
    bool operator()(const site_info& a, const site_info& b) const noexcept {
      return compare_sites(a, b) < 0;
    }
  };
  std::map<site_info, source*, site_less> by_key_;
};

// The measuring functions of instance type Self (a tracked<T, Tag>) that is
// a T.
template <class Self, class T>
struct ops_of {
  static const T& object(const void* self) noexcept {
    return *static_cast<const Self*>(self);
  }
  static std::uint64_t retained(const void* self, site_kind kind) {
    if (kind == site_kind::owning_container) return count_sole_owners(object(self));
    if (kind == site_kind::weak_container) return count_expired(object(self));
    return 0;
  }
  static bool engaged(const void* self) {
    if constexpr (std::is_constructible_v<bool, const T&>) {
      return static_cast<bool>(object(self));
    } else {
      static_cast<void>(self);
      return true;
    }
  }
  static void targets(const void* self, std::vector<std::uintptr_t>& out) {
    collect_targets(object(self), out);
  }
  static constexpr source_ops value{&retained, &engaged, &targets};
};

// Tags of fields say where the field lies in its owner; Tags of variables
// do not.
template <class Tag, class = void>
struct layout_of {
  static owner_layout get() noexcept { return {}; }
};
template <class Tag>
struct layout_of<Tag, std::void_t<decltype(Tag::owner_size()), decltype(Tag::member_offset())>> {
  static owner_layout get() noexcept {
    return {true, static_cast<std::size_t>(Tag::owner_size()),
            static_cast<std::size_t>(Tag::member_offset())};
  }
};

// The source of one Tag: one lookup in the registry, ever.
template <class Self, class T, class Tag>
source& source_of() {
  static source* const the_source =
      &registry::instance().add_source(Tag::info(), ops_of<Self, T>::value, layout_of<Tag>::get());
  return *the_source;
}

}  // namespace detail
}  // namespace audit
}  // namespace weakref

#endif  // WEAKREF_DETAIL_AUDIT_REGISTRY_HPP
