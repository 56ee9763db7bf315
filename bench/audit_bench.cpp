// What instrument mode costs a program at run time: each workload of the
// audited std containers and members (weakref::audit::tracked, with Tags as
// the plugin writes them) against the same workload on the plain types.
// BM_X is audited, BM_X_Baseline plain; scripts/bench.py prints the ratios.
#include <weakref/audit.hpp>

#include <benchmark/benchmark.h>

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

namespace audit = weakref::audit;

struct Texture {
  long id = 0;
};

struct CacheSite {
  static constexpr audit::site_info info() {
    return {"weakify-owning-cache", "/bench/audit.cpp", 1, "Bench::Cache",
            audit::site_kind::owning_container, false};
  }
};
struct ObserverSite {
  static constexpr audit::site_info info() {
    return {"weakify-owning-observers", "/bench/audit.cpp", 2, "Bench::Observers",
            audit::site_kind::owning_container, false};
  }
};

using PlainCache = std::unordered_map<long, std::shared_ptr<Texture>>;
using AuditedCache = audit::tracked<PlainCache, CacheSite>;
using PlainList = std::vector<std::shared_ptr<Texture>>;
using AuditedList = audit::tracked<PlainList, ObserverSite>;

// ---- get-or-create through operator[], over 1024 keys: mostly hits.
template <class Cache>
void getOrCreate(benchmark::State& state) {
  Cache cache;
  long key = 0;
  for (auto _ : state) {
    auto& slot = cache[key];
    if (!slot) slot = std::make_shared<Texture>(Texture{key});
    benchmark::DoNotOptimize(slot.get());
    key = (key * 7 + 1) & 1023;
  }
}
void BM_CacheGetOrCreate(benchmark::State& s) { getOrCreate<AuditedCache>(s); }
void BM_CacheGetOrCreate_Baseline(benchmark::State& s) { getOrCreate<PlainCache>(s); }
BENCHMARK(BM_CacheGetOrCreate);
BENCHMARK(BM_CacheGetOrCreate_Baseline);

// ---- subscribe and unsubscribe: push_back then pop_back of a shared
// observer.
template <class List>
void subscribeChurn(benchmark::State& state) {
  List list;
  auto observer = std::make_shared<Texture>();
  for (auto _ : state) {
    list.push_back(observer);
    if (list.size() > 64) list.clear();
  }
}
void BM_Subscribe(benchmark::State& s) { subscribeChurn<AuditedList>(s); }
void BM_Subscribe_Baseline(benchmark::State& s) { subscribeChurn<PlainList>(s); }
BENCHMARK(BM_Subscribe);
BENCHMARK(BM_Subscribe_Baseline);

// ---- notify 64 observers: iteration is not hooked.
template <class List>
void notify(benchmark::State& state) {
  List list;
  for (int i = 0; i < 64; ++i) list.push_back(std::make_shared<Texture>());
  for (auto _ : state)
    for (const auto& o : list) benchmark::DoNotOptimize(++o->id);
}
void BM_Notify(benchmark::State& s) { notify<AuditedList>(s); }
void BM_Notify_Baseline(benchmark::State& s) { notify<PlainList>(s); }
BENCHMARK(BM_Notify);
BENCHMARK(BM_Notify_Baseline);

// ---- objects made and destroyed, each with a shared_ptr member on a
// possible cycle (registered and unregistered) and a callback member.
struct PlainNode {
  std::shared_ptr<PlainNode> next;
  std::function<void()> onClose;
};
struct AuditedNode {
  struct NextSite {
    static constexpr audit::site_info info() {
      return {"weakify-ownership-cycle", "/bench/audit.cpp", 3, "AuditedNode::next",
              audit::site_kind::strong_pointer, true};
    }
    static std::size_t owner_size() { return sizeof(AuditedNode); }
    static std::size_t member_offset();
  };
  struct CloseSite {
    static constexpr audit::site_info info() {
      return {"weakify-self-capture", "/bench/audit.cpp", 4, "AuditedNode::onClose",
              audit::site_kind::callable, false};
    }
    static std::size_t owner_size() { return sizeof(AuditedNode); }
    static std::size_t member_offset();
  };
  audit::tracked<std::shared_ptr<AuditedNode>, NextSite> next;
  audit::tracked<std::function<void()>, CloseSite> onClose;
};
std::size_t AuditedNode::NextSite::member_offset() { return 0; }
std::size_t AuditedNode::CloseSite::member_offset() {
  return sizeof(audit::tracked<std::shared_ptr<AuditedNode>, NextSite>);
}

template <class Node>
void objectChurn(benchmark::State& state) {
  for (auto _ : state) {
    auto a = std::make_shared<Node>();
    a->next = std::make_shared<Node>();
    a->onClose = [] {};
    benchmark::DoNotOptimize(a.get());
  }
}
void BM_ObjectChurn(benchmark::State& s) { objectChurn<AuditedNode>(s); }
void BM_ObjectChurn_Baseline(benchmark::State& s) { objectChurn<PlainNode>(s); }
BENCHMARK(BM_ObjectChurn);
BENCHMARK(BM_ObjectChurn_Baseline);

}  // namespace

BENCHMARK_MAIN();
