#pragma once
// Stand-in for "absl/container/flat_hash_map.h".
#include <unordered_map>

namespace absl {
template <class K, class V, class H = std::hash<K>,
          class E = std::equal_to<K>>
class flat_hash_map : public std::unordered_map<K, V, H, E> {};
} // namespace absl
