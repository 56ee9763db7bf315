// weakref/detail/audit_site.hpp - what the plugin says about an audited
// site, and the counters the runtime keeps for it.
//
// site_kind and site_info are public (weakref::audit, re-exported by
// <weakref/audit.hpp>): the plugin writes them into every Tag it generates.
// Everything in weakref::audit::detail is not part of the interface.
#ifndef WEAKREF_DETAIL_AUDIT_SITE_HPP
#define WEAKREF_DETAIL_AUDIT_SITE_HPP

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace weakref {
namespace audit {

// How a site's instances are measured.
enum class site_kind {
  owning_container,  // retained = strong pointers only the container holds
  weak_container,    // retained = expired weak pointers in the entries
  strong_pointer,    // a std::shared_ptr field: a node of the cycle graph
  callable,          // a std::function: retained = live, non-empty at exit
};

// One candidate site, as the plugin found it. The strings are literals, so
// they outlive every static destructor and can be read by the exit report.
struct site_info {
  const char* check;  // the weakify check that flagged the site
  const char* file;   // absolute path
  unsigned line;
  const char* name;   // qualified name, "AssetLoader::Cache"
  site_kind kind;
  bool cycle_edge;    // its strong pointers also take part in the cycle graph
};

namespace detail {

inline constexpr const char ownership_cycle_check[] = "weakify-ownership-cycle";

inline bool is_cycle_check(const char* check) noexcept {
  return std::strcmp(check, ownership_cycle_check) == 0;
}

// The order of every listing: file, line, check, name. Two Tags naming the
// same site (a header's static variable, seen by each unit) compare equal.
inline int compare_sites(const site_info& a, const site_info& b) noexcept {
  if (int c = std::strcmp(a.file, b.file)) return c;
  if (a.line != b.line) return a.line < b.line ? -1 : 1;
  if (int c = std::strcmp(a.check, b.check)) return c;
  return std::strcmp(a.name, b.name);
}

// Measurement kinds that look into the entries of a container.
inline bool measures_entries(const site_info& info) noexcept {
  return !is_cycle_check(info.check) && (info.kind == site_kind::owning_container ||
                                         info.kind == site_kind::weak_container);
}

// The counters of one site, shared by every Tag naming it. Instances update
// them without a lock (relaxed atomics: they are statistics, read at report
// time under the registry's lock).
struct site {
  site(const site_info& i, std::size_t n) noexcept : info(i), index(n) {}

  // Entries added (containers) or instances constructed (pointers).
  std::atomic<std::uint64_t> total{0};
  // Largest size one container reached, or most pointers alive at once.
  std::atomic<std::uint64_t> peak{0};
  // Pointer and callable instances alive now.
  std::atomic<std::uint64_t> live{0};
  // What containers retained when they were destroyed.
  std::atomic<std::uint64_t> retained_at_death{0};
  // Strong pointers handed to the container as their only owner (a
  // temporary: push_back(make_shared<T>())) or shared with someone else.
  std::atomic<std::uint64_t> adopted{0};
  std::atomic<std::uint64_t> shared_in{0};

  const site_info info;
  const std::size_t index;  // in the registry's list

  // Set by the exit report, under the registry's lock; report() before exit
  // shows these (zero), since cycles and self-capture can only be told
  // apart from ordinary ownership once the program's own objects are gone.
  std::uint64_t cycle_retained = 0;
  std::uint64_t callable_retained = 0;
  std::vector<unsigned> cycle_groups;

  void raise_peak(std::uint64_t value) noexcept {
    std::uint64_t seen = peak.load(std::memory_order_relaxed);
    while (seen < value &&
           !peak.compare_exchange_weak(seen, value, std::memory_order_relaxed)) {
    }
  }

  // A container grew by added entries, to size entries.
  void grew(std::uint64_t added, std::uint64_t size) noexcept {
    total.fetch_add(added, std::memory_order_relaxed);
    raise_peak(size);
  }

  // An observer list or side table that only ever adopted its entries owns
  // them by design (a document's pages): what it holds at its death is not
  // kept alive for anybody else. A cache's entries are made in place and
  // handed out later, so a cache never counts as owning.
  bool owns_its_entries() const noexcept {
    return std::strcmp(info.check, "weakify-owning-cache") != 0 &&
           adopted.load(std::memory_order_relaxed) > 0 &&
           shared_in.load(std::memory_order_relaxed) == 0;
  }

  // A pointer or callable instance was constructed / destroyed.
  void constructed() noexcept {
    total.fetch_add(1, std::memory_order_relaxed);
    raise_peak(live.fetch_add(1, std::memory_order_relaxed) + 1);
  }
  void destroyed() noexcept { live.fetch_sub(1, std::memory_order_relaxed); }
};

}  // namespace detail
}  // namespace audit
}  // namespace weakref

#endif  // WEAKREF_DETAIL_AUDIT_SITE_HPP
