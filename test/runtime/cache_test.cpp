// cache: the tutorial's SmartCache done right: weak values, once-per-key
// factories under thread races, an age limit and a keep-alive window.
#include <weakref/cache.hpp>
#include <weakref/make_shared.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Resource {
  explicit Resource(int id = 0) : id(id) { ++alive; }
  ~Resource() { --alive; }
  int id;
  static inline std::atomic<int> alive{0};
};

// A clock the tests move by hand.
struct FakeClock {
  using duration = std::chrono::steady_clock::duration;
  using time_point = std::chrono::steady_clock::time_point;
  static time_point now() { return time_point(duration(ticks.load())); }
  static void advance(std::chrono::seconds s) {
    ticks += std::chrono::duration_cast<duration>(s).count();
  }
  static inline std::atomic<duration::rep> ticks{0};
};

using Cache = weakref::cache<int, Resource>;

TEST(Cache, FactoryRunsOncePerLiveKey) {
  Cache c;
  int calls = 0;
  auto make = [&] {
    ++calls;
    return std::make_shared<Resource>(1);
  };
  auto a = c.get_or_create(1, make);
  auto b = c.get_or_create(1, make);
  EXPECT_EQ(a, b);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(c.get(1), a);
  EXPECT_EQ(c.size(), 1u);
}

TEST(Cache, ValuesDieWithTheirLastUserAndAreRecreated) {
  Cache c;
  int calls = 0;
  auto make = [&] {
    ++calls;
    return std::make_shared<Resource>(calls);
  };
  std::weak_ptr<Resource> watch = c.get_or_create(1, make);
  EXPECT_TRUE(watch.expired());
  EXPECT_EQ(c.get(1), nullptr);
  EXPECT_EQ(c.size(), 0u);
  EXPECT_EQ(c.get_or_create(1, make)->id, 2);
}

TEST(Cache, KeepAliveHoldsTheMostRecentlyUsed) {
  Cache c(weakref::cache_options{std::nullopt, 2});
  for (int k = 0; k < 4; ++k) c.get_or_create(k, [k] { return std::make_shared<Resource>(k); });
  // Keys 2 and 3 were used last; 0 and 1 died once nobody held them.
  EXPECT_EQ(c.get(0), nullptr);
  EXPECT_EQ(c.get(1), nullptr);
  EXPECT_NE(c.get(2), nullptr);
  EXPECT_NE(c.get(3), nullptr);
  // Using 2 again makes it the newest: a new key pushes 3 out, not 2.
  c.get(2);
  c.get_or_create(9, [] { return std::make_shared<Resource>(9); });
  EXPECT_NE(c.get(2), nullptr);
  EXPECT_EQ(c.get(3), nullptr);
}

TEST(Cache, EntriesOlderThanMaxAgeAreRecreated) {
  weakref::cache<int, Resource, std::hash<int>, std::equal_to<int>, FakeClock> c(
      weakref::cache_options{std::chrono::seconds(10), 0});
  int calls = 0;
  auto make = [&] {
    ++calls;
    return std::make_shared<Resource>(calls);
  };
  auto first = c.get_or_create(1, make);
  FakeClock::advance(std::chrono::seconds(5));
  EXPECT_EQ(c.get_or_create(1, make), first);
  FakeClock::advance(std::chrono::seconds(6));
  EXPECT_EQ(c.get(1), nullptr);  // too old, though still alive
  auto second = c.get_or_create(1, make);
  EXPECT_NE(second, first);
  EXPECT_EQ(first->id, 1);  // the old object lives on with its user
  EXPECT_EQ(calls, 2);
}

TEST(Cache, ThreadsRacingForOneKeyCallTheFactoryOnce) {
  Cache c;
  std::atomic<int> calls{0};
  std::atomic<bool> go{false};
  std::vector<std::shared_ptr<Resource>> results(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      results[static_cast<std::size_t>(t)] = c.get_or_create(7, [&] {
        ++calls;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return std::make_shared<Resource>(7);
      });
    });
  go = true;
  for (auto& th : threads) th.join();
  EXPECT_EQ(calls.load(), 1);
  for (const auto& r : results) EXPECT_EQ(r, results[0]);
}

TEST(Cache, AThrowingFactoryLetsTheNextCallerTry) {
  Cache c;
  EXPECT_THROW(c.get_or_create(1, []() -> std::shared_ptr<Resource> {
                 throw std::runtime_error("disk gone");
               }),
               std::runtime_error);
  EXPECT_EQ(c.entry_count(), 0u);
  auto value = c.get_or_create(1, [] { return std::make_shared<Resource>(1); });
  EXPECT_NE(value, nullptr);
}

TEST(Cache, ANullResultIsNotStored) {
  Cache c;
  EXPECT_EQ(c.get_or_create(1, [] { return std::shared_ptr<Resource>(); }), nullptr);
  EXPECT_EQ(c.entry_count(), 0u);
}

TEST(Cache, TheFactoryMayUseTheCacheForOtherKeys) {
  Cache c;
  auto outer = c.get_or_create(1, [&] {
    auto inner = c.get_or_create(2, [] { return std::make_shared<Resource>(2); });
    return std::make_shared<Resource>(inner->id + 10);
  });
  EXPECT_EQ(outer->id, 12);
}

TEST(Cache, EraseAndClearForgetEntriesButNotTheirUsers) {
  Cache c(weakref::cache_options{std::nullopt, 4});
  auto a = c.get_or_create(1, [] { return std::make_shared<Resource>(1); });
  c.get_or_create(2, [] { return std::make_shared<Resource>(2); });
  EXPECT_TRUE(c.erase(1));
  EXPECT_FALSE(c.erase(1));
  EXPECT_EQ(c.get(1), nullptr);
  EXPECT_EQ(a->id, 1);
  int before = Resource::alive;
  c.clear();  // key 2 was only kept alive by the cache
  EXPECT_EQ(Resource::alive, before - 1);
  EXPECT_EQ(c.size(), 0u);
}

TEST(Cache, DeadEntriesNeverAccumulateUnderChurn) {
  Cache c;
  std::vector<std::shared_ptr<Resource>> kept;
  std::size_t peak = 0;
  for (int k = 0; k < 100000; ++k) {
    auto value = c.get_or_create(k, [k] { return std::make_shared<Resource>(k); });
    if (k % 1000 == 0) kept.push_back(value);
    peak = std::max(peak, c.entry_count());
  }
  EXPECT_EQ(c.size(), kept.size());
  EXPECT_LE(peak, 2 * (kept.size() + 1) + 17);
}

TEST(Cache, ConcurrentUseWithValuesDyingEverywhere) {
  Cache c(weakref::cache_options{std::nullopt, 8});
  std::atomic<int> wrong{0};
  auto work = [&](int seed) {
    std::vector<std::shared_ptr<Resource>> held;
    for (int i = 0; i < 3000; ++i) {
      int key = (i * 7 + seed) % 64;
      auto value = c.get_or_create(key, [key] { return std::make_shared<Resource>(key); });
      if (!value || value->id != key) ++wrong;
      if (i % 3 == 0) held.push_back(value);
      if (held.size() > 16) held.erase(held.begin());
      if (i % 100 == 0) c.erase(key);
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(work, t);
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

// Prompt release: a value that reports its death takes its entry (and its
// key) with it on the dying thread, whatever thread that is.
using StringCache = weakref::cache<std::string, Resource>;

TEST(Cache, AReportedDeathRemovesItsEntryBeforeTheResetReturns) {
  StringCache c;
  auto value = c.get_or_create(std::string(100, 'k'),
                               [] { return weakref::make_shared<Resource>(1); });
  EXPECT_EQ(c.entry_count(), 1u);
  value.reset();
  EXPECT_EQ(c.entry_count(), 0u);
}

TEST(Cache, ADeathOnAnotherThreadRemovesItsEntryThere) {
  StringCache c;
  auto value = c.get_or_create("a", [] { return weakref::make_shared<Resource>(1); });
  std::size_t seen = 99;
  std::thread killer([&] {
    value.reset();
    seen = c.entry_count();
  });
  killer.join();
  EXPECT_EQ(seen, 0u);
}

// A clock that can stop a thread while it holds the cache's lock (the cache
// reads the clock under its lock when entries have a maximum age).
struct GateClock {
  using duration = std::chrono::steady_clock::duration;
  using time_point = std::chrono::steady_clock::time_point;
  static time_point now() {
    if (hold) {
      entered = true;
      while (hold) std::this_thread::yield();
    }
    return time_point();
  }
  static inline std::atomic<bool> hold{false};
  static inline std::atomic<bool> entered{false};
};

TEST(Cache, ADeathWhileTheLockIsHeldIsCollectedAtTheUnlock) {
  weakref::cache<std::string, Resource, std::hash<std::string>, std::equal_to<std::string>,
                 GateClock>
      c(weakref::cache_options{std::chrono::hours(1), 0});
  auto make = [] { return weakref::make_shared<Resource>(1); };
  auto victim = c.get_or_create("victim", make);
  auto other = c.get_or_create("other", make);
  GateClock::hold = true;
  std::thread holder([&c] { static_cast<void>(c.get("other")); });  // stops under the lock
  while (!GateClock::entered) std::this_thread::yield();
  victim.reset();  // cannot take the lock: only posts its notice
  GateClock::hold = false;
  holder.join();
  // The holder's unlock collected it: entry_count() itself collects only
  // after it has counted.
  EXPECT_EQ(c.entry_count(), 1u);
}

TEST(Cache, ManyThreadsDroppingValuesLeaveNoEntries) {
  StringCache c;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&c, t] {
      for (int i = 0; i < 500; ++i) {
        auto v = c.get_or_create(std::to_string((i * 13 + t) % 97),
                                 [] { return weakref::make_shared<Resource>(3); });
        static_cast<void>(v);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(c.entry_count(), 0u);
}

// The Python tutorial's SmartCache: expensive objects are built once while
// in use, and freed when the program stops using them.
TEST(Cache, SmartCacheExample) {
  struct Report {
    explicit Report(std::string n) : name(std::move(n)) {}
    std::string name;
  };
  weakref::cache<std::string, Report> reports(weakref::cache_options{std::nullopt, 1});
  int builds = 0;
  auto build = [&](const std::string& name) {
    return reports.get_or_create(name, [&] {
      ++builds;
      return std::make_shared<Report>(name);
    });
  };
  auto q1 = build("q1");
  auto again = build("q1");
  EXPECT_EQ(builds, 1);
  q1.reset();
  again.reset();
  EXPECT_NE(reports.get("q1"), nullptr);  // the keep-alive window holds it
  build("q2");                            // ... until another one is newer
  EXPECT_EQ(reports.get("q1"), nullptr);
  EXPECT_EQ(builds, 2);
}

}  // namespace
