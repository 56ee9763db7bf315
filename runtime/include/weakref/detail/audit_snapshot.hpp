// weakref/detail/audit_snapshot.hpp - measuring every site at once: the
// rows a report prints.
//
// A report measures the containers alive now and adds what the destroyed
// ones retained when they died. The exit report also builds the ownership
// graph (audit_cycles.hpp) and counts live callables: at exit the program's
// own objects are gone, so what is still alive is kept alive by nobody.
#ifndef WEAKREF_DETAIL_AUDIT_SNAPSHOT_HPP
#define WEAKREF_DETAIL_AUDIT_SNAPSHOT_HPP

#include <weakref/detail/audit_cycles.hpp>
#include <weakref/detail/audit_registry.hpp>
#include <weakref/detail/audit_site.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <numeric>
#include <utility>
#include <vector>

namespace weakref {
namespace audit {
namespace detail {

// One line of the report: a site under one check.
struct row {
  const char* check = "";
  const char* file = "";
  unsigned line = 0;
  const char* name = "";
  std::uint64_t retained = 0;
  std::uint64_t peak = 0;
  std::uint64_t total = 0;
  std::vector<unsigned> cycle_groups;  // ascending; empty unless in a cycle
};

struct snapshot {
  std::vector<row> rows;  // by file, line, check, name

  std::size_t leaking() const noexcept {
    return static_cast<std::size_t>(std::count_if(
        rows.begin(), rows.end(), [](const row& r) { return r.retained > 0; }));
  }
  // The row of (check, name), or null; for tests and tools.
  const row* find(const char* check, const char* name) const noexcept {
    for (const row& r : rows)
      if (std::strcmp(r.check, check) == 0 && std::strcmp(r.name, name) == 0) return &r;
    return nullptr;
  }
};

inline bool same_key(const row& a, const row& b) noexcept {
  return a.line == b.line && std::strcmp(a.file, b.file) == 0 &&
         std::strcmp(a.check, b.check) == 0 && std::strcmp(a.name, b.name) == 0;
}

inline bool key_less(const row& a, const row& b) noexcept {
  site_info x{a.check, a.file, a.line, a.name, site_kind::owning_container, false};
  site_info y{b.check, b.file, b.line, b.name, site_kind::owning_container, false};
  return compare_sites(x, y) < 0;
}

// What only the exit report measures, per site index.
struct exit_values {
  std::vector<std::uint64_t> cycle_retained;
  std::vector<std::vector<unsigned>> cycle_groups;
  std::vector<std::uint64_t> callable_retained;
  node_index nodes;
  std::vector<bool> leaked_node;

  // Whether address lies in an object of a leaked cycle: a container there
  // is counted by the cycle, not as a container.
  bool in_leaked_cycle(const void* address) const noexcept {
    std::size_t node = nodes.find(reinterpret_cast<std::uintptr_t>(address));
    return node != no_node && leaked_node[node];
  }
};

// Builds the ownership graph of the live field instances and finds its
// leaked cycles. Every source is locked by the caller.
inline void measure_cycles(const registry& r, exit_values& out) {
  struct field_instance {
    const source* from;
    const void* self;
    std::uintptr_t owner;
  };
  std::vector<field_instance> fields;
  for (const auto& src : r.sources) {
    if (!src->in_cycle_graph()) continue;
    for (const void* self : src->live) {
      std::uintptr_t owner = reinterpret_cast<std::uintptr_t>(self) - src->owner.offset;
      out.nodes.add(owner, src->owner.size);
      fields.push_back({src.get(), self, owner});
    }
  }
  out.nodes.finish();

  struct site_edge {
    std::size_t site, from, to;
  };
  std::vector<std::vector<std::size_t>> edges(out.nodes.size());
  std::vector<site_edge> site_edges;
  std::vector<std::uintptr_t> targets;
  for (const field_instance& f : fields) {
    const std::size_t from = out.nodes.find(f.owner);
    targets.clear();
    f.from->ops.targets(f.self, targets);
    for (std::uintptr_t target : targets) {
      const std::size_t to = out.nodes.find(target);
      if (to == no_node) continue;
      edges[from].push_back(to);
      site_edges.push_back({f.from->where.index, from, to});
    }
  }

  std::size_t count = 0;
  const std::vector<std::size_t> component = strong_components(edges, count);
  std::vector<std::size_t> size(count, 0);
  std::vector<std::size_t> first_node(count, no_node);
  for (std::size_t v = 0; v < component.size(); ++v) {
    ++size[component[v]];
    first_node[component[v]] = std::min(first_node[component[v]], v);
  }
  std::vector<bool> leaked(count, false);
  for (std::size_t c = 0; c < count; ++c) leaked[c] = size[c] > 1;
  for (const site_edge& e : site_edges)
    if (e.from == e.to) leaked[component[e.from]] = true;
  out.leaked_node.resize(component.size());
  for (std::size_t v = 0; v < component.size(); ++v) out.leaked_node[v] = leaked[component[v]];

  // Which sites have an edge inside which leaked cycle.
  std::vector<std::pair<std::size_t, std::size_t>> hits;  // component, site
  for (const site_edge& e : site_edges)
    if (component[e.from] == component[e.to] && leaked[component[e.from]])
      hits.push_back({component[e.from], e.site});
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());

  // Groups are numbered by their first site in report order, then by
  // address, so that a program's output is the same from run to run as far
  // as its cycles differ.
  std::vector<std::size_t> rank(r.sites.size());
  {
    std::vector<std::size_t> by_key(r.sites.size());
    std::iota(by_key.begin(), by_key.end(), std::size_t{0});
    std::sort(by_key.begin(), by_key.end(), [&r](std::size_t a, std::size_t b) {
      return compare_sites(r.sites[a]->info, r.sites[b]->info) < 0;
    });
    for (std::size_t i = 0; i < by_key.size(); ++i) rank[by_key[i]] = i;
  }
  std::vector<std::size_t> first_rank(count, no_node);
  for (const auto& hit : hits)
    first_rank[hit.first] = std::min(first_rank[hit.first], rank[hit.second]);
  std::vector<std::size_t> groups;
  for (std::size_t c = 0; c < count; ++c)
    if (first_rank[c] != no_node) groups.push_back(c);
  std::sort(groups.begin(), groups.end(), [&](std::size_t a, std::size_t b) {
    return std::make_pair(first_rank[a], first_node[a]) <
           std::make_pair(first_rank[b], first_node[b]);
  });
  std::vector<unsigned> number(count, 0);
  for (std::size_t i = 0; i < groups.size(); ++i) number[groups[i]] = static_cast<unsigned>(i + 1);

  for (const auto& hit : hits) {
    out.cycle_retained[hit.second] += size[hit.first];
    out.cycle_groups[hit.second].push_back(number[hit.first]);
  }
  for (auto& list : out.cycle_groups) std::sort(list.begin(), list.end());
}

// Measures every site. at_exit adds cycles and callables (keep stores them
// in the sites, for later reports); otherwise their last stored values are
// shown.
inline snapshot measure(registry& r, bool at_exit, bool keep) {
  std::lock_guard<std::mutex> registry_lock(r.mutex);
  std::vector<std::unique_lock<std::mutex>> locks;
  locks.reserve(r.sources.size());
  for (const auto& src : r.sources) locks.emplace_back(src->mutex);

  const std::size_t n = r.sites.size();
  exit_values ex;
  ex.cycle_retained.assign(n, 0);
  ex.cycle_groups.assign(n, {});
  ex.callable_retained.assign(n, 0);
  if (at_exit) {
    measure_cycles(r, ex);
    for (const auto& src : r.sources) {
      if (src->where.info.kind != site_kind::callable) continue;
      for (const void* self : src->live)
        if (src->ops.engaged(self)) ++ex.callable_retained[src->where.index];
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      ex.cycle_retained[i] = r.sites[i]->cycle_retained;
      ex.cycle_groups[i] = r.sites[i]->cycle_groups;
      ex.callable_retained[i] = r.sites[i]->callable_retained;
    }
  }
  if (at_exit && keep) {
    for (std::size_t i = 0; i < n; ++i) {
      r.sites[i]->cycle_retained = ex.cycle_retained[i];
      r.sites[i]->cycle_groups = ex.cycle_groups[i];
      r.sites[i]->callable_retained = ex.callable_retained[i];
    }
  }

  std::vector<std::uint64_t> contained(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    contained[i] = r.sites[i]->retained_at_death.load(std::memory_order_relaxed);
  for (const auto& src : r.sources) {
    const site_info& info = src->where.info;
    if (!measures_entries(info)) continue;
    for (const void* self : src->live) {
      if (at_exit && ex.in_leaked_cycle(self)) continue;
      contained[src->where.index] += src->ops.retained(self, info.kind);
    }
  }
  locks.clear();

  snapshot shot;
  for (const auto& s : r.sites) {
    const site_info& info = s->info;
    row primary;
    primary.check = info.check;
    primary.file = info.file;
    primary.line = info.line;
    primary.name = info.name;
    primary.peak = s->peak.load(std::memory_order_relaxed);
    primary.total = s->total.load(std::memory_order_relaxed);
    row cycle = primary;
    cycle.check = ownership_cycle_check;
    cycle.retained = ex.cycle_retained[s->index];
    cycle.cycle_groups = ex.cycle_groups[s->index];
    if (is_cycle_check(info.check)) {
      shot.rows.push_back(std::move(cycle));
      continue;
    }
    if (measures_entries(info))
      primary.retained = s->owns_its_entries() ? 0 : contained[s->index];
    else if (info.kind == site_kind::callable)
      primary.retained = ex.callable_retained[s->index];
    shot.rows.push_back(std::move(primary));
    // A container that closed no cycle is listed once, under its own check.
    if (info.cycle_edge && cycle.retained > 0) shot.rows.push_back(std::move(cycle));
  }

  // A site's cycle row may meet another site of the same name flagged by
  // the cycle check itself: one row.
  std::sort(shot.rows.begin(), shot.rows.end(), key_less);
  std::vector<row> merged;
  for (row& next : shot.rows) {
    if (!merged.empty() && same_key(merged.back(), next)) {
      row& into = merged.back();
      into.retained += next.retained;
      into.peak = std::max(into.peak, next.peak);
      into.total = std::max(into.total, next.total);
      into.cycle_groups.insert(into.cycle_groups.end(), next.cycle_groups.begin(),
                               next.cycle_groups.end());
      std::sort(into.cycle_groups.begin(), into.cycle_groups.end());
      into.cycle_groups.erase(std::unique(into.cycle_groups.begin(), into.cycle_groups.end()),
                              into.cycle_groups.end());
    } else {
      merged.push_back(std::move(next));
    }
  }
  shot.rows = std::move(merged);
  return shot;
}

}  // namespace detail
}  // namespace audit
}  // namespace weakref

#endif  // WEAKREF_DETAIL_AUDIT_SNAPSHOT_HPP
