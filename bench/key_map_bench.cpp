// key_map lookups against the hand-written side table it replaces:
// std::unordered_map<const T*, V> keyed by address, plus register/detach of
// finalizers against a plain std::function registry.
#include <weakref/finalize.hpp>
#include <weakref/key_map.hpp>
#include <weakref/make_shared.hpp>

#include <benchmark/benchmark.h>

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace {

struct Node {
  int id = 0;
};
struct Meta {
  int visits = 0;
};

constexpr int kNodes = 1024;

void BM_KeyMapLookup(benchmark::State& state) {
  std::vector<std::shared_ptr<Node>> nodes;
  weakref::key_map<Node, Meta> meta;
  for (int i = 0; i < kNodes; ++i) {
    nodes.push_back(std::make_shared<Node>());
    meta[nodes.back()].visits = i;
  }
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(meta.get(nodes[(i++ * 7) % kNodes]));
}
BENCHMARK(BM_KeyMapLookup);

void BM_KeyMapLookup_Baseline(benchmark::State& state) {
  std::vector<std::shared_ptr<Node>> nodes;
  std::unordered_map<const Node*, Meta> meta;
  for (int i = 0; i < kNodes; ++i) {
    nodes.push_back(std::make_shared<Node>());
    meta[nodes.back().get()].visits = i;
  }
  std::size_t i = 0;
  for (auto _ : state) {
    auto it = meta.find(nodes[(i++ * 7) % kNodes].get());
    benchmark::DoNotOptimize(it != meta.end() ? &it->second : nullptr);
  }
}
BENCHMARK(BM_KeyMapLookup_Baseline);

// Register a cleanup for an object, then cancel it.
void BM_FinalizeRegisterDetach(benchmark::State& state) {
  auto obj = weakref::make_shared<Node>();
  int cleaned = 0;
  for (auto _ : state) {
    weakref::finalize<> f(obj, [&cleaned] { ++cleaned; });
    benchmark::DoNotOptimize(f.detach());
  }
}
BENCHMARK(BM_FinalizeRegisterDetach);

void BM_FinalizeRegisterDetach_Baseline(benchmark::State& state) {
  std::unordered_map<std::size_t, std::function<void()>> cleanups;
  std::size_t next = 0;
  int cleaned = 0;
  for (auto _ : state) {
    std::size_t id = next++;
    cleanups.emplace(id, [&cleaned] { ++cleaned; });
    auto node = cleanups.extract(id);
    benchmark::DoNotOptimize(node);
  }
}
BENCHMARK(BM_FinalizeRegisterDetach_Baseline);

}  // namespace

BENCHMARK_MAIN();
