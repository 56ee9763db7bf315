// weakref/detail/audit_cycles.hpp - the ownership graph of the exit report:
// which objects still alive at exit own each other in a cycle.
//
// Nodes are the objects that have audited strong-pointer fields, as address
// ranges; an edge goes from a node to the node whose range contains what one
// of its strong pointers points at. At exit every owner that is not a static
// is gone, so a strongly connected component of more than one node, or with
// an edge to itself, is a cycle that nobody can free any more.
#ifndef WEAKREF_DETAIL_AUDIT_CYCLES_HPP
#define WEAKREF_DETAIL_AUDIT_CYCLES_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace weakref {
namespace audit {
namespace detail {

inline constexpr std::size_t no_node = static_cast<std::size_t>(-1);

// Address ranges merged into nodes. Ranges that overlap (a class and its
// base, an object and a member object, each with audited fields) are one
// allocation, so they are one node.
class node_index {
public:
  void add(std::uintptr_t begin, std::size_t size) {
    ranges_.push_back({begin, begin + (size ? size : 1)});
  }

  // Merges the ranges added so far; find() works from here on.
  void finish() {
    std::sort(ranges_.begin(), ranges_.end());
    std::vector<std::pair<std::uintptr_t, std::uintptr_t>> merged;
    for (const auto& r : ranges_) {
      if (!merged.empty() && r.first < merged.back().second)
        merged.back().second = std::max(merged.back().second, r.second);
      else
        merged.push_back(r);
    }
    ranges_ = std::move(merged);
  }

  std::size_t size() const noexcept { return ranges_.size(); }

  // The node whose range contains address, or no_node.
  std::size_t find(std::uintptr_t address) const noexcept {
    auto after = std::upper_bound(
        ranges_.begin(), ranges_.end(), address,
        [](std::uintptr_t a, const std::pair<std::uintptr_t, std::uintptr_t>& r) {
          return a < r.first;
        });
    if (after == ranges_.begin()) return no_node;
    --after;
    return address < after->second ? static_cast<std::size_t>(after - ranges_.begin()) : no_node;
  }

private:
  std::vector<std::pair<std::uintptr_t, std::uintptr_t>> ranges_;
};

// The strongly connected components of a graph given as adjacency lists:
// component[v] for each node, numbered from 0. Tarjan's algorithm with an
// explicit stack, since a long chain of owners must not overflow the
// call stack at exit.
inline std::vector<std::size_t> strong_components(
    const std::vector<std::vector<std::size_t>>& edges, std::size_t& count) {
  const std::size_t n = edges.size();
  std::vector<std::size_t> order(n, no_node), low(n, 0), component(n, no_node);
  std::vector<bool> on_stack(n, false);
  std::vector<std::size_t> stack;
  std::vector<std::pair<std::size_t, std::size_t>> calls;  // node, next edge
  std::size_t next_order = 0;
  count = 0;

  auto visit = [&](std::size_t v) {
    order[v] = low[v] = next_order++;
    stack.push_back(v);
    on_stack[v] = true;
    calls.push_back({v, 0});
  };

  for (std::size_t root = 0; root < n; ++root) {
    if (order[root] != no_node) continue;
    visit(root);
    while (!calls.empty()) {
      const std::size_t v = calls.back().first;
      const std::size_t edge = calls.back().second;
      if (edge < edges[v].size()) {
        ++calls.back().second;
        const std::size_t w = edges[v][edge];
        if (order[w] == no_node)
          visit(w);
        else if (on_stack[w])
          low[v] = std::min(low[v], order[w]);
        continue;
      }
      if (low[v] == order[v]) {
        std::size_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          component[w] = count;
        } while (w != v);
        ++count;
      }
      calls.pop_back();
      if (!calls.empty()) {
        const std::size_t parent = calls.back().first;
        low[parent] = std::min(low[parent], low[v]);
      }
    }
  }
  return component;
}

}  // namespace detail
}  // namespace audit
}  // namespace weakref

#endif  // WEAKREF_DETAIL_AUDIT_CYCLES_HPP
