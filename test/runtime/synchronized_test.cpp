// weakref::synchronized: prompt release on the dying thread, whatever
// thread that is, and the bound when the lock is held at the death.
#include <weakref/enable_weakref.hpp>
#include <weakref/key_map.hpp>
#include <weakref/make_shared.hpp>
#include <weakref/set.hpp>
#include <weakref/synchronized.hpp>
#include <weakref/value_map.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Widget {
  int id = 0;
};

// Metadata whose destruction the tests watch.
struct Meta {
  explicit Meta(std::atomic<int>* destroyed, std::shared_ptr<Widget> held = nullptr)
      : destroyed(destroyed), held(std::move(held)) {}
  Meta(Meta&& other) noexcept
      : destroyed(std::exchange(other.destroyed, nullptr)), held(std::move(other.held)) {}
  Meta& operator=(Meta&&) = delete;
  ~Meta() {
    if (destroyed) ++*destroyed;
  }
  std::atomic<int>* destroyed;
  std::shared_ptr<Widget> held;  // may own another key of the same map
};

using MetaMap = weakref::synchronized<weakref::key_map<Widget, Meta>>;

TEST(Synchronized, KeyMapValueIsDestroyedBeforeTheKeysLastResetReturns) {
  std::atomic<int> destroyed{0};
  MetaMap meta;
  auto key = weakref::make_shared<Widget>();
  meta.lock()->try_emplace(key, &destroyed);
  key.reset();
  EXPECT_EQ(destroyed, 1);
  EXPECT_EQ(meta.lock()->entry_count(), 0u);
}

TEST(Synchronized, ValueMapEntryGoesWhenItsValueDies) {
  weakref::synchronized<weakref::value_map<std::string, Widget>> by_name;
  auto w = weakref::make_shared<Widget>();
  by_name.lock()->insert_or_assign(std::string(200, 'k'), w);  // a key worth freeing
  EXPECT_EQ(by_name.lock()->entry_count(), 1u);
  w.reset();
  EXPECT_EQ(by_name.lock()->entry_count(), 0u);
}

TEST(Synchronized, SetNodeGoesWhenItsElementDies) {
  weakref::synchronized<weakref::set<Widget>> observers;
  auto a = weakref::make_shared<Widget>();
  auto b = weakref::make_shared<Widget>();
  observers.with_lock([&](auto& s) {
    s.insert(a);
    s.insert(b);
  });
  a.reset();
  EXPECT_EQ(observers.lock()->entry_count(), 1u);
  b.reset();
  EXPECT_EQ(observers.lock()->entry_count(), 0u);
}

struct Anchored : weakref::enable_weakref<Anchored> {};

TEST(Synchronized, EnableWeakrefObjectsAreReleasedPromptlyToo) {
  std::atomic<int> destroyed{0};
  weakref::synchronized<weakref::key_map<Anchored, Meta>> meta;
  {
    Anchored a;
    meta.lock()->try_emplace(a.anchor_from_this(), &destroyed);
    EXPECT_EQ(destroyed, 0);
  }
  EXPECT_EQ(destroyed, 1);
  EXPECT_EQ(meta.lock()->entry_count(), 0u);
}

TEST(Synchronized, ADeathInsideTheLockedRegionWaitsForTheUnlock) {
  std::atomic<int> destroyed{0};
  MetaMap meta;
  auto key = weakref::make_shared<Widget>();
  {
    auto m = meta.lock();
    m->try_emplace(key, &destroyed);
    key.reset();
    EXPECT_EQ(destroyed, 0);  // the holder is this thread: not under its feet
    EXPECT_EQ(m->size(), 0u);  // yet already absent
  }
  EXPECT_EQ(destroyed, 1);
  EXPECT_EQ(meta.lock()->entry_count(), 0u);
}

TEST(Synchronized, ADestroyedValueMayOwnAnotherKeyOfTheSameMap) {
  std::atomic<int> destroyed{0};
  MetaMap meta;
  auto first = weakref::make_shared<Widget>();
  auto second = weakref::make_shared<Widget>();
  meta.with_lock([&](auto& m) {
    m.try_emplace(second, &destroyed);
    m.try_emplace(first, &destroyed, second);  // first's value owns second
  });
  second.reset();
  EXPECT_EQ(destroyed, 0);
  first.reset();  // cascades: first's value drops second, whose value goes too
  EXPECT_EQ(destroyed, 2);
  EXPECT_EQ(meta.lock()->entry_count(), 0u);
}

TEST(Synchronized, AValueDestructorMayLockTheContainerAgain) {
  struct Reentrant {
    MetaMap* map;
    std::atomic<int>* seen;
    ~Reentrant() {
      if (map) seen->store(static_cast<int>(map->lock()->entry_count()));
    }
  };
  std::atomic<int> seen{-1};
  auto map = std::make_unique<MetaMap>();
  weakref::synchronized<weakref::key_map<Widget, std::shared_ptr<Reentrant>>> outer;
  auto key = weakref::make_shared<Widget>();
  outer.lock()->try_emplace(key, std::make_shared<Reentrant>(Reentrant{map.get(), &seen}));
  key.reset();  // the value's destructor runs after outer's lock is released
  EXPECT_EQ(seen, 0);
  EXPECT_EQ(outer.lock()->entry_count(), 0u);
}

// Assigning another container through the handle destroys the old keys and
// values after the unlock too, like every other removal.
TEST(Synchronized, AMoveAssignmentDestroysTheOldEntriesAfterTheUnlock) {
  enum class Ran { not_yet, under_the_lock, after_it };
  struct Probe {
    const bool* locked;
    Ran* ran;
    ~Probe() { *ran = *locked ? Ran::under_the_lock : Ran::after_it; }
  };
  using ProbeMap = weakref::key_map<Widget, std::unique_ptr<Probe>>;
  bool locked = false;
  Ran ran = Ran::not_yet;
  weakref::synchronized<ProbeMap> map;
  auto key = weakref::make_shared<Widget>();
  map.lock()->try_emplace(key, std::unique_ptr<Probe>(new Probe{&locked, &ran}));
  {
    auto handle = map.lock();
    locked = true;
    *handle = ProbeMap();
    EXPECT_TRUE(handle->empty());
    locked = false;  // still locked, but the old value's turn comes later
  }
  EXPECT_EQ(ran, Ran::after_it);
}

TEST(Synchronized, DeathsDuringIterationAreCommittedWhenTheIterationEnds) {
  std::atomic<int> destroyed{0};
  MetaMap meta;
  std::vector<std::shared_ptr<Widget>> keys;
  for (int i = 0; i < 4; ++i) {
    keys.push_back(weakref::make_shared<Widget>());
    meta.lock()->try_emplace(keys.back(), &destroyed);
  }
  {
    auto m = meta.lock();
    int visited = 0;
    for (auto& entry : *m) {
      ++visited;
      static_cast<void>(entry);
      keys[3].reset();  // dies while the loop runs (not yet visited)
    }
    EXPECT_EQ(visited, 3);
    EXPECT_EQ(m->size(), 3u);
  }
  EXPECT_EQ(destroyed, 1);
  EXPECT_EQ(meta.lock()->entry_count(), 3u);
}

TEST(Synchronized, ADeathOnAnotherThreadIsReleasedBeforeItsResetReturns) {
  std::atomic<int> destroyed{0};
  MetaMap meta;
  auto key = weakref::make_shared<Widget>();
  meta.lock()->try_emplace(key, &destroyed);
  int seen_after_reset = -1;
  std::thread killer([&] {
    key.reset();
    seen_after_reset = destroyed.load();
  });
  killer.join();
  EXPECT_EQ(seen_after_reset, 1);
  EXPECT_EQ(meta.lock()->entry_count(), 0u);
}

TEST(Synchronized, ADeathWhileAnotherThreadHoldsTheLockIsReleasedAtItsUnlock) {
  std::atomic<int> destroyed{0};
  MetaMap meta;
  auto key = weakref::make_shared<Widget>();
  meta.lock()->try_emplace(key, &destroyed);
  {
    auto m = meta.lock();
    std::thread killer([&key] { key.reset(); });  // cannot take the lock: posts
    killer.join();
    EXPECT_EQ(destroyed, 0);
    EXPECT_EQ(m->entry_count(), 1u);
  }
  EXPECT_EQ(destroyed, 1);  // done by the unlock above
  EXPECT_EQ(meta.lock()->entry_count(), 0u);
}

TEST(Synchronized, ManyThreadsDieInsideAndOutsideTheLock) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 300;
  std::atomic<int> destroyed{0};
  MetaMap meta;
  weakref::synchronized<weakref::set<Widget>> live;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto w = weakref::make_shared<Widget>();
        meta.lock()->try_emplace(w, &destroyed);
        live.lock()->insert(w);
        if ((i + t) % 3 == 0) {
          auto m = meta.lock();
          w.reset();  // dies inside the locked region
        } else {
          w.reset();
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(destroyed, kThreads * kPerThread);
  EXPECT_EQ(meta.lock()->entry_count(), 0u);
  EXPECT_EQ(live.lock()->entry_count(), 0u);
}

TEST(Synchronized, ElementsMayOutliveTheContainer) {
  std::atomic<int> destroyed{0};
  auto key = weakref::make_shared<Widget>();
  {
    MetaMap meta;
    meta.lock()->try_emplace(key, &destroyed);
  }
  EXPECT_EQ(destroyed, 1);  // cleared with the container
  key.reset();              // its notice lands nowhere
  EXPECT_EQ(destroyed, 1);
}

TEST(Synchronized, PlainObjectsAreStillSweptAmortised) {
  weakref::synchronized<weakref::set<Widget>> s;
  for (int i = 0; i < 200; ++i) s.lock()->insert(std::make_shared<Widget>());
  EXPECT_EQ(s.lock()->size(), 0u);
  EXPECT_LE(s.lock()->entry_count(), 17u);
}

}  // namespace
