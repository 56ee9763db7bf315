#pragma once
// Stand-in for <boost/unordered_map.hpp>.
#include <unordered_map>

namespace boost {
template <class K, class V, class H = std::hash<K>,
          class E = std::equal_to<K>>
class unordered_map : public std::unordered_map<K, V, H, E> {};
} // namespace boost
