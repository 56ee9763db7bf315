// weakref::value_map and weakref::cache against the hand-written cache users
// write instead: std::unordered_map<K, std::weak_ptr<V>> with find + lock,
// never purged (the first version), purged every 1024 creations (the usual
// fix), or purged when its size has doubled since the last purge, and the
// same behind a std::mutex for weakref::cache, which is thread-safe.
//
// The workload: get-or-create over a fixed Zipf stream of 2^20 keys drawn
// from 2^20, whose callers keep only the last 64 results, so most objects
// die soon after they are made and many keys are never seen again. Every
// side runs the whole stream once per repetition (fixed iterations), so the
// entry and heap peaks compare the same work. The argument picks the
// objects: 0 plain std::make_shared, 1 weakref::make_shared (their deaths
// are reported to the weakref containers).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>
#include <weakref/cache.hpp>
#include <weakref/make_shared.hpp>
#include <weakref/value_map.hpp>

#include "peak_memory.hpp"
#include "zipf.hpp"

namespace {

// A 256-byte object. Made in one allocation with its control block, its
// memory stays while any weak_ptr to it exists: unpurged entries keep it.
struct Texture {
  explicit Texture(int id) : id(id) {}
  int id;
  std::array<char, 252> pixels{};
};

constexpr int kKeys = 1 << 20;
const std::vector<int> &keys() {
  static const std::vector<int> k = bench::zipf_keys(kKeys, kKeys);
  return k;
}

std::shared_ptr<Texture> make_texture(bool hooked, int key) {
  return hooked ? weakref::make_shared<Texture>(key) : std::make_shared<Texture>(key);
}

struct ValueMap {
  weakref::value_map<int, Texture> map;
  template <class F>
  std::shared_ptr<Texture> get_or_create(int key, F &&make) {
    return map.get_or_create(key, make);
  }
  std::size_t entries() const { return map.entry_count(); }
};

struct Cache {
  weakref::cache<int, Texture> cache;
  template <class F>
  std::shared_ptr<Texture> get_or_create(int key, F &&make) {
    return cache.get_or_create(key, make);
  }
  std::size_t entries() const { return cache.entry_count(); }
};

enum class Purge { never, every_1024, on_double };

template <Purge policy>
class WeakMap {
 public:
  template <class F>
  std::shared_ptr<Texture> get_or_create(int key, F &&make) {
    auto &slot = map_[key];
    if (auto value = slot.lock()) return value;
    auto value = make();
    slot = value;
    if (purge_due()) purge();
    return value;
  }
  std::size_t entries() const { return map_.size(); }

 private:
  bool purge_due() {
    if constexpr (policy == Purge::every_1024) return ++created_ % 1024 == 0;
    // The floor keeps a small map from being scanned on every creation.
    if constexpr (policy == Purge::on_double)
      return map_.size() >= std::max<std::size_t>(64, 2 * size_after_purge_);
    return false;
  }
  void purge() {
    for (auto it = map_.begin(); it != map_.end();)
      it = it->second.expired() ? map_.erase(it) : std::next(it);
    size_after_purge_ = map_.size();
  }

  std::unordered_map<int, std::weak_ptr<Texture>> map_;
  std::size_t created_ = 0;
  std::size_t size_after_purge_ = 0;
};

// The thread-safe hand-written cache: one mutex around the map, held while
// the object is made, so that it is made once per key.
class LockedWeakMap {
 public:
  template <class F>
  std::shared_ptr<Texture> get_or_create(int key, F &&make) {
    std::lock_guard<std::mutex> lock(mutex_);
    return map_.get_or_create(key, make);
  }
  std::size_t entries() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return map_.entries();
  }

 private:
  mutable std::mutex mutex_;
  WeakMap<Purge::every_1024> map_;
};

template <class Side>
void zipf_get_or_create(benchmark::State &state) {
  const bool hooked = state.range(0) != 0;
  const std::vector<int> &stream = keys();  // made before counting
  bench::PeakBytes peak;
  std::size_t peak_entries = 0;
  Side side;
  std::array<std::shared_ptr<Texture>, 64> recent;
  std::size_t i = 0;
  for (auto _ : state) {
    const int key = stream[i % kKeys];
    recent[i++ % 64] = side.get_or_create(key, [hooked, key] { return make_texture(hooked, key); });
    peak_entries = std::max(peak_entries, side.entries());
  }
  peak.report(state);
  state.counters["peak_entries"] = static_cast<double>(peak_entries);
}

void BM_ZipfGetOrCreate(benchmark::State &state) { zipf_get_or_create<ValueMap>(state); }
void BM_ZipfGetOrCreate_Baseline(benchmark::State &state) {
  zipf_get_or_create<WeakMap<Purge::never>>(state);
}
void BM_ZipfGetOrCreate_Purge1024(benchmark::State &state) {
  zipf_get_or_create<WeakMap<Purge::every_1024>>(state);
}
void BM_ZipfGetOrCreate_PurgeOnDouble(benchmark::State &state) {
  zipf_get_or_create<WeakMap<Purge::on_double>>(state);
}
void BM_ZipfCache(benchmark::State &state) { zipf_get_or_create<Cache>(state); }
void BM_ZipfCache_LockedPurge1024(benchmark::State &state) {
  zipf_get_or_create<LockedWeakMap>(state);
}

#define ZIPF_BENCHMARK(name) BENCHMARK(name)->Arg(0)->Arg(1)->Iterations(kKeys)
ZIPF_BENCHMARK(BM_ZipfGetOrCreate);
ZIPF_BENCHMARK(BM_ZipfGetOrCreate_Baseline);
ZIPF_BENCHMARK(BM_ZipfGetOrCreate_Purge1024);
ZIPF_BENCHMARK(BM_ZipfGetOrCreate_PurgeOnDouble);
ZIPF_BENCHMARK(BM_ZipfCache);
ZIPF_BENCHMARK(BM_ZipfCache_LockedPurge1024);

}  // namespace

BENCHMARK_MAIN();
