// weakref::set as an observer list against the hand-written one it replaces:
// std::vector<std::weak_ptr<L>> with a lock loop that drops dead entries.
#include <weakref/make_shared.hpp>
#include <weakref/set.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace {

struct Observer {
  long calls = 0;
  void notify() { ++calls; }
};

// ---- notify N live observers.
void BM_Notify(benchmark::State& state) {
  weakref::set<Observer> observers;
  std::vector<std::shared_ptr<Observer>> owners;
  for (long i = 0; i < state.range(0); ++i) {
    owners.push_back(std::make_shared<Observer>());
    observers.insert(owners.back());
  }
  for (auto _ : state)
    for (const auto& o : observers) o->notify();
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Notify)->Arg(1)->Arg(16)->Arg(1024);

void BM_Notify_Baseline(benchmark::State& state) {
  std::vector<std::weak_ptr<Observer>> observers;
  std::vector<std::shared_ptr<Observer>> owners;
  for (long i = 0; i < state.range(0); ++i) {
    owners.push_back(std::make_shared<Observer>());
    observers.push_back(owners.back());
  }
  for (auto _ : state)
    for (const auto& weak : observers)
      if (auto o = weak.lock()) o->notify();
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Notify_Baseline)->Arg(1)->Arg(16)->Arg(1024);

// ---- notify with churn: before each notification one observer dies and a
// new one subscribes. Second argument 0: plain std::make_shared observers
// (dead ones swept amortised); 1: weakref::make_shared observers (their
// deaths are reported to the set). The weakref side subscribes with add(),
// which weakify's fix-it writes for push_back (insert() also makes an
// iterator, which holds the element: two more reference count updates).
std::shared_ptr<Observer> make_observer(bool hooked) {
  return hooked ? weakref::make_shared<Observer>() : std::make_shared<Observer>();
}

void BM_NotifyChurn(benchmark::State& state) {
  const bool hooked = state.range(1) != 0;
  weakref::set<Observer> observers;
  std::vector<std::shared_ptr<Observer>> owners;
  for (long i = 0; i < state.range(0); ++i) {
    owners.push_back(make_observer(hooked));
    observers.insert(owners.back());
  }
  std::size_t next = 0;
  std::size_t peak = 0;
  for (auto _ : state) {
    auto& slot = owners[next++ % owners.size()];
    slot = make_observer(hooked);  // the old one dies
    observers.add(slot);
    for (const auto& o : observers) o->notify();
    peak = std::max(peak, observers.entry_count());
  }
  state.counters["peak_entries"] = static_cast<double>(peak);
}
BENCHMARK(BM_NotifyChurn)->ArgsProduct({{1, 16, 1024}, {0, 1}});

void BM_NotifyChurn_Baseline(benchmark::State& state) {
  const bool hooked = state.range(1) != 0;
  std::vector<std::weak_ptr<Observer>> observers;
  std::vector<std::shared_ptr<Observer>> owners;
  for (long i = 0; i < state.range(0); ++i) {
    owners.push_back(make_observer(hooked));
    observers.push_back(owners.back());
  }
  std::size_t next = 0;
  std::size_t peak = 0;
  for (auto _ : state) {
    auto& slot = owners[next++ % owners.size()];
    slot = make_observer(hooked);
    observers.push_back(slot);
    // The usual hand-written loop: notify the live, drop the dead.
    observers.erase(std::remove_if(observers.begin(), observers.end(),
                                   [](const std::weak_ptr<Observer>& weak) {
                                     if (auto o = weak.lock()) {
                                       o->notify();
                                       return false;
                                     }
                                     return true;
                                   }),
                    observers.end());
    peak = std::max(peak, observers.size());
  }
  state.counters["peak_entries"] = static_cast<double>(peak);
}
BENCHMARK(BM_NotifyChurn_Baseline)->ArgsProduct({{1, 16, 1024}, {0, 1}});

}  // namespace

BENCHMARK_MAIN();
