// weakref::set as an observer list against what C++ users pick instead:
// boost::signals2 with tracked slots (the library answer: a slot is
// disconnected when its tracked object dies), with its default mutex and
// with dummy_mutex (single-threaded, like weakref::set), and the
// hand-written std::vector<std::weak_ptr<L>> lock loop.
//
// Every side gets the same weakref::make_shared observers, so the set is
// told of each death and signals2 sees ordinary shared_ptrs. The observers
// exist before peak_bytes starts counting: it is what the list costs.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <boost/signals2/dummy_mutex.hpp>
#include <boost/signals2/signal.hpp>
#include <boost/signals2/signal_type.hpp>
#include <memory>
#include <vector>
#include <weakref/make_shared.hpp>
#include <weakref/set.hpp>

#include "peak_memory.hpp"

namespace {

struct Observer {
  long calls = 0;
  void notify() { ++calls; }
};

using Signal = boost::signals2::signal<void()>;
using UnlockedSignal = boost::signals2::signal_type<
    void(), boost::signals2::keywords::mutex_type<boost::signals2::dummy_mutex>>::type;

std::vector<std::shared_ptr<Observer>> make_observers(long n) {
  std::vector<std::shared_ptr<Observer>> owners;
  for (long i = 0; i < n; ++i) owners.push_back(weakref::make_shared<Observer>());
  return owners;
}

// The three observer lists behind one interface: add, and notify everyone.
struct WeakrefList {
  weakref::set<Observer> observers;
  void add(const std::shared_ptr<Observer> &o) { observers.add(o); }
  void notify() {
    for (const auto &o : observers) o->notify();
  }
  std::size_t entries() const { return observers.entry_count(); }
  static constexpr bool counts_entries = true;
};

// The usual hand-written loop: notify the live, drop the dead.
struct VectorList {
  std::vector<std::weak_ptr<Observer>> observers;
  void add(const std::shared_ptr<Observer> &o) { observers.push_back(o); }
  void notify() {
    observers.erase(std::remove_if(observers.begin(), observers.end(),
                                   [](const std::weak_ptr<Observer> &weak) {
                                     if (auto o = weak.lock()) {
                                       o->notify();
                                       return false;
                                     }
                                     return true;
                                   }),
                    observers.end());
  }
  std::size_t entries() const { return observers.size(); }
  static constexpr bool counts_entries = true;
};

template <class S>
struct SignalList {
  S signal;
  void add(const std::shared_ptr<Observer> &o) {
    signal.connect(typename S::slot_type(&Observer::notify, o.get()).track_foreign(o));
  }
  void notify() { signal(); }
  // signals2 does not show how many disconnected slots it still stores.
  static constexpr bool counts_entries = false;
};

// ---- notify N live observers.
template <class List>
void notify(benchmark::State &state) {
  auto owners = make_observers(state.range(0));
  bench::PeakBytes peak;
  List list;
  for (const auto &o : owners) list.add(o);
  for (auto _ : state) list.notify();
  peak.report(state);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_Listeners(benchmark::State &state) { notify<WeakrefList>(state); }
void BM_Listeners_Baseline(benchmark::State &state) { notify<VectorList>(state); }
void BM_Listeners_Signals2(benchmark::State &state) { notify<SignalList<Signal>>(state); }
void BM_Listeners_Signals2Unlocked(benchmark::State &state) {
  notify<SignalList<UnlockedSignal>>(state);
}
BENCHMARK(BM_Listeners)->Arg(1)->Arg(16)->Arg(1024);
BENCHMARK(BM_Listeners_Baseline)->Arg(1)->Arg(16)->Arg(1024);
BENCHMARK(BM_Listeners_Signals2)->Arg(1)->Arg(16)->Arg(1024);
BENCHMARK(BM_Listeners_Signals2Unlocked)->Arg(1)->Arg(16)->Arg(1024);

// ---- churn, as set_bench's BM_NotifyChurn: before each notification one
// observer dies and a new one subscribes.
template <class List>
void churn(benchmark::State &state) {
  auto owners = make_observers(state.range(0));
  bench::PeakBytes peak;
  List list;
  for (const auto &o : owners) list.add(o);
  std::size_t next = 0;
  std::size_t peak_entries = 0;
  for (auto _ : state) {
    auto &slot = owners[next++ % owners.size()];
    slot = weakref::make_shared<Observer>();  // the old one dies
    list.add(slot);
    list.notify();
    if constexpr (List::counts_entries) peak_entries = std::max(peak_entries, list.entries());
  }
  peak.report(state);
  if constexpr (List::counts_entries)
    state.counters["peak_entries"] = static_cast<double>(peak_entries);
}

void BM_ListenerChurn(benchmark::State &state) { churn<WeakrefList>(state); }
void BM_ListenerChurn_Baseline(benchmark::State &state) { churn<VectorList>(state); }
void BM_ListenerChurn_Signals2(benchmark::State &state) { churn<SignalList<Signal>>(state); }
void BM_ListenerChurn_Signals2Unlocked(benchmark::State &state) {
  churn<SignalList<UnlockedSignal>>(state);
}
BENCHMARK(BM_ListenerChurn)->Arg(1)->Arg(16)->Arg(1024);
BENCHMARK(BM_ListenerChurn_Baseline)->Arg(1)->Arg(16)->Arg(1024);
BENCHMARK(BM_ListenerChurn_Signals2)->Arg(1)->Arg(16)->Arg(1024);
BENCHMARK(BM_ListenerChurn_Signals2Unlocked)->Arg(1)->Arg(16)->Arg(1024);

}  // namespace

BENCHMARK_MAIN();
