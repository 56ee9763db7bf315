// bench/zipf.hpp - a fixed Zipf-distributed key sequence, so the weakref
// containers and their hand-written baselines see exactly the same keys.
#ifndef WEAKIFY_BENCH_ZIPF_HPP
#define WEAKIFY_BENCH_ZIPF_HPP

#include <cmath>
#include <cstddef>
#include <random>
#include <vector>

namespace bench {

// `count` keys in [0, universe), key k drawn with probability ~ 1/(k+1)^s.
inline std::vector<int> zipf_keys(std::size_t count, int universe, double s = 1.0,
                                  unsigned seed = 42) {
  std::vector<double> cdf(static_cast<std::size_t>(universe));
  double sum = 0;
  for (int k = 0; k < universe; ++k) cdf[static_cast<std::size_t>(k)] = sum += 1.0 / std::pow(k + 1, s);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> pick(0, sum);
  std::vector<int> keys(count);
  for (auto& key : keys) {
    auto it = std::lower_bound(cdf.begin(), cdf.end(), pick(rng));
    key = static_cast<int>(it - cdf.begin());
  }
  return keys;
}

}  // namespace bench

#endif  // WEAKIFY_BENCH_ZIPF_HPP
