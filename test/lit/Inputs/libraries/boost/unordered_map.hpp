#pragma once
// Stand-in for <boost/unordered_map.hpp>: like Boost's, the class lives in
// boost::unordered and a using-declaration brings it into boost.
#include <unordered_map>

namespace boost {
namespace unordered {
template <class K, class V, class H = std::hash<K>,
          class E = std::equal_to<K>>
class unordered_map : public std::unordered_map<K, V, H, E> {};
} // namespace unordered
using boost::unordered::unordered_map;
} // namespace boost
