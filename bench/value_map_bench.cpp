// value_map against the hand-written cache it replaces:
// std::unordered_map<K, std::weak_ptr<V>> with find + lock.
#include "zipf.hpp"

#include <weakref/make_shared.hpp>
#include <weakref/value_map.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <memory>
#include <unordered_map>
#include <vector>

namespace {

struct Texture {
  explicit Texture(int id) : id(id) {}
  int id;
  std::array<char, 48> pixels{};
};

constexpr int kUniverse = 4096;
const std::vector<int>& keys() {
  static const std::vector<int> k = bench::zipf_keys(1 << 16, kUniverse);
  return k;
}

// ---- hits: every key present and alive.
void BM_ValueMapHit(benchmark::State& state) {
  weakref::value_map<int, Texture> cache;
  std::vector<std::shared_ptr<Texture>> owners;
  for (int k = 0; k < kUniverse; ++k) {
    owners.push_back(std::make_shared<Texture>(k));
    cache.insert_or_assign(k, owners.back());
  }
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cache.get(keys()[i++ & 0xffff]));
  }
}
BENCHMARK(BM_ValueMapHit);

void BM_ValueMapHit_Baseline(benchmark::State& state) {
  std::unordered_map<int, std::weak_ptr<Texture>> cache;
  std::vector<std::shared_ptr<Texture>> owners;
  for (int k = 0; k < kUniverse; ++k) {
    owners.push_back(std::make_shared<Texture>(k));
    cache[k] = owners.back();
  }
  std::size_t i = 0;
  for (auto _ : state) {
    auto it = cache.find(keys()[i++ & 0xffff]);
    benchmark::DoNotOptimize(it != cache.end() ? it->second.lock() : nullptr);
  }
}
BENCHMARK(BM_ValueMapHit_Baseline);

// ---- get-or-create with objects dying: callers keep only the last 64
// results alive, so cold keys die and are re-created on their next use.
template <class GetOrCreate>
void run_get_or_create(benchmark::State& state, GetOrCreate&& get_or_create) {
  std::array<std::shared_ptr<Texture>, 64> recent;
  std::size_t i = 0;
  for (auto _ : state) {
    int key = keys()[i & 0xffff];
    recent[i++ & 63] = get_or_create(key);
  }
}

void BM_GetOrCreate(benchmark::State& state) {
  weakref::value_map<int, Texture> cache;
  run_get_or_create(state, [&](int key) {
    return cache.get_or_create(key, [key] { return std::make_shared<Texture>(key); });
  });
  state.counters["entries"] = static_cast<double>(cache.entry_count());
}
BENCHMARK(BM_GetOrCreate);

void BM_GetOrCreate_Baseline(benchmark::State& state) {
  std::unordered_map<int, std::weak_ptr<Texture>> cache;
  run_get_or_create(state, [&](int key) {
    auto& slot = cache[key];
    auto value = slot.lock();
    if (!value) {
      value = std::make_shared<Texture>(key);
      slot = value;
    }
    return value;
  });
  state.counters["entries"] = static_cast<double>(cache.size());
}
BENCHMARK(BM_GetOrCreate_Baseline);

// ---- churn: 100k short-lived objects under fresh keys, 100 kept alive.
// Argument 0: plain std::make_shared objects (found dead by the amortised
// sweep); 1: weakref::make_shared objects (their deaths are reported).
// The baseline never purges, so its entries grow without bound.
std::shared_ptr<Texture> make_texture(bool hooked, int k) {
  return hooked ? weakref::make_shared<Texture>(k) : std::make_shared<Texture>(k);
}

void BM_ChurnPeakEntries(benchmark::State& state) {
  const bool hooked = state.range(0) != 0;
  std::size_t peak = 0;
  for (auto _ : state) {
    weakref::value_map<int, Texture> cache;
    std::vector<std::shared_ptr<Texture>> kept;
    for (int k = 0; k < 100000; ++k) {
      auto value = make_texture(hooked, k);
      cache.insert_or_assign(k, value);
      if (k % 1000 == 0) kept.push_back(value);
      peak = std::max(peak, cache.entry_count());
    }
  }
  state.counters["peak_entries"] = static_cast<double>(peak);
}
BENCHMARK(BM_ChurnPeakEntries)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_ChurnPeakEntries_Baseline(benchmark::State& state) {
  const bool hooked = state.range(0) != 0;
  std::size_t peak = 0;
  for (auto _ : state) {
    std::unordered_map<int, std::weak_ptr<Texture>> cache;
    std::vector<std::shared_ptr<Texture>> kept;
    for (int k = 0; k < 100000; ++k) {
      auto value = make_texture(hooked, k);
      cache[k] = value;
      if (k % 1000 == 0) kept.push_back(value);
      peak = std::max(peak, cache.size());
    }
  }
  state.counters["peak_entries"] = static_cast<double>(peak);
}
BENCHMARK(BM_ChurnPeakEntries_Baseline)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
