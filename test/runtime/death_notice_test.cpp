// Containers and objects that report their death (weakref::make_shared,
// enable_weakref): their entries go at the container's next mutation or at
// the end of an iteration, so dead entries never accumulate, and the death
// notices are detached whenever an entry or a container goes first - also
// when the death happens on another thread at the same time.
#include <weakref/cache.hpp>
#include <weakref/enable_weakref.hpp>
#include <weakref/key_map.hpp>
#include <weakref/make_shared.hpp>
#include <weakref/ref.hpp>
#include <weakref/set.hpp>
#include <weakref/value_map.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Item {
  explicit Item(int id = 0) : id(id) {}
  int id;
};

// An object on the stack or in a member that reports its death.
struct Slotted : weakref::enable_weakref<Slotted> {
  explicit Slotted(int id = 0) : id(id) {}
  int id;
};

// Death callbacks and container notices registered on p's object.
template <class T>
std::size_t hooks_on(const std::shared_ptr<T>& p) {
  return weakref::detail::hooks_of(p)->size();
}

constexpr int kLive = 100;
constexpr int kChurn = 100000;
// How far above the live count a container may be right after an insertion
// when every object reports its death: the deaths are collected first.
constexpr std::size_t kHookedSlack = 1;

// ------------------------------------------------------------------ churn

TEST(DeathNotice, SetEntriesStayAtLiveCountUnderChurn) {
  weakref::set<Item> s;
  std::vector<std::shared_ptr<Item>> live;
  for (int i = 0; i < kLive; ++i) {
    live.push_back(weakref::make_shared<Item>(i));
    s.insert(live.back());
  }
  std::size_t peak = 0;
  for (int i = 0; i < kChurn; ++i) {
    auto temp = weakref::make_shared<Item>(i);
    s.insert(temp);
    peak = std::max(peak, s.entry_count());
  }
  EXPECT_LE(peak, kLive + 1 + kHookedSlack);
  EXPECT_EQ(s.size(), static_cast<std::size_t>(kLive));
}

TEST(DeathNotice, ValueMapEntriesStayAtLiveCountUnderChurn) {
  weakref::value_map<int, Item> m;
  std::vector<std::shared_ptr<Item>> live;
  for (int i = 0; i < kLive; ++i) {
    live.push_back(weakref::make_shared<Item>(i));
    m.insert_or_assign(-1 - i, live.back());
  }
  std::size_t peak = 0;
  for (int i = 0; i < kChurn; ++i) {
    auto temp = weakref::make_shared<Item>(i);
    if (i % 2) {
      m.insert_or_assign(i, temp);
    } else {
      EXPECT_EQ(m.get_or_create(i, [&] { return temp; }), temp);
    }
    peak = std::max(peak, m.entry_count());
  }
  EXPECT_LE(peak, kLive + 1 + kHookedSlack);
  EXPECT_EQ(m.size(), static_cast<std::size_t>(kLive));
}

TEST(DeathNotice, KeyMapEntriesStayAtLiveCountUnderChurn) {
  weakref::key_map<Item, std::string> m;
  std::vector<std::shared_ptr<Item>> live;
  for (int i = 0; i < kLive; ++i) {
    live.push_back(weakref::make_shared<Item>(i));
    m[live.back()] = "live";
  }
  std::size_t peak = 0;
  for (int i = 0; i < kChurn; ++i) {
    auto temp = weakref::make_shared<Item>(i);
    m.insert_or_assign(temp, "temporary");
    peak = std::max(peak, m.entry_count());
  }
  EXPECT_LE(peak, kLive + 1 + kHookedSlack);
  EXPECT_EQ(m.size(), static_cast<std::size_t>(kLive));
}

TEST(DeathNotice, EnableWeakrefObjectsStayAtLiveCountUnderChurn) {
  weakref::set<Slotted> s;
  weakref::key_map<Slotted, int> m;
  weakref::value_map<int, Slotted> v;
  std::vector<std::unique_ptr<Slotted>> live;
  for (int i = 0; i < kLive; ++i) {
    live.push_back(std::make_unique<Slotted>(i));
    s.insert(live.back()->anchor_from_this());
    m[live.back()->anchor_from_this()] = i;
    v.insert_or_assign(-1 - i, live.back()->anchor_from_this());
  }
  std::size_t peak = 0;
  for (int i = 0; i < kChurn / 10; ++i) {
    Slotted temp(i);  // on the stack
    s.insert(temp.anchor_from_this());
    m[temp.anchor_from_this()] = i;
    v.insert_or_assign(i, temp.anchor_from_this());
    peak = std::max({peak, s.entry_count(), m.entry_count(), v.entry_count()});
  }
  EXPECT_LE(peak, kLive + 1 + kHookedSlack);
  EXPECT_EQ(s.size(), static_cast<std::size_t>(kLive));
  EXPECT_EQ(m.size(), static_cast<std::size_t>(kLive));
  EXPECT_EQ(v.size(), static_cast<std::size_t>(kLive));
}

TEST(DeathNotice, CacheEntriesStayAtLiveCountUnderChurn) {
  weakref::cache<int, Item> c;
  std::vector<std::shared_ptr<Item>> kept;
  std::size_t peak = 0;
  for (int k = 0; k < kChurn; ++k) {
    auto value = c.get_or_create(k, [k] { return weakref::make_shared<Item>(k); });
    if (k % 1000 == 0) kept.push_back(value);
    peak = std::max(peak, c.entry_count());
  }
  EXPECT_LE(peak, kept.size() + 1 + kHookedSlack);
  EXPECT_EQ(c.size(), kept.size());
}

TEST(DeathNotice, PlainObjectsKeepTheAmortisedBoundBesideHookedOnes) {
  weakref::set<Item> s;
  std::vector<std::shared_ptr<Item>> live;
  for (int i = 0; i < kLive; ++i) {
    live.push_back(weakref::make_shared<Item>(i));
    s.insert(live.back());
  }
  std::size_t peak = 0;
  for (int i = 0; i < kChurn; ++i) {
    auto temp = (i % 2) ? weakref::make_shared<Item>(i) : std::make_shared<Item>(i);
    s.insert(temp);
    peak = std::max(peak, s.entry_count());
  }
  using table = weakref::detail::weak_table<int, int, std::hash<int>, std::equal_to<int>>;
  EXPECT_LE(peak, 2 * (kLive + 1) + table::kSweepSlack + 1);
  EXPECT_EQ(s.size(), static_cast<std::size_t>(kLive));
}

// ------------------------------------------------------ when deaths are seen

TEST(DeathNotice, ADeathIsCollectedAtTheNextMutation) {
  weakref::value_map<std::string, Item> m;
  auto a = weakref::make_shared<Item>(1);
  auto b = weakref::make_shared<Item>(2);
  m.insert_or_assign("a", a);
  m.insert_or_assign("b", b);
  a.reset();
  EXPECT_EQ(m.size(), 1u);         // exact at once
  EXPECT_EQ(m.entry_count(), 2u);  // reclaimed at the next mutation
  EXPECT_EQ(m.erase("nothing"), 0u);
  EXPECT_EQ(m.entry_count(), 1u);
  b.reset();
  m.purge();
  EXPECT_EQ(m.entry_count(), 0u);
}

TEST(DeathNotice, TheDeathOfAReplacedValueLeavesTheNewValue) {
  weakref::value_map<int, Item> m;
  auto a = weakref::make_shared<Item>(1);
  auto b = weakref::make_shared<Item>(2);
  m.insert_or_assign(7, a);
  m.insert_or_assign(7, b);
  a.reset();
  m.insert_or_assign(8, b);
  EXPECT_EQ(m.get(7), b);
  b.reset();
  m.purge();
  EXPECT_EQ(m.entry_count(), 0u);
  // A new value under a key whose old value died and was not collected yet.
  auto c = weakref::make_shared<Item>(3);
  auto d = weakref::make_shared<Item>(4);
  m.insert_or_assign(1, c);
  c.reset();  // reported, not collected yet
  EXPECT_EQ(m.setdefault(1, d), d);
  m.erase(99);
  EXPECT_EQ(m.get(1), d);
  EXPECT_EQ(m.entry_count(), 1u);
}

TEST(DeathNotice, ADeathIsCollectedWhenTheIterationEnds) {
  weakref::set<Item> s;
  std::vector<std::shared_ptr<Item>> owners;
  for (int i = 0; i < 5; ++i) {
    owners.push_back(weakref::make_shared<Item>(i));
    s.insert(owners.back());
  }
  owners[1].reset();
  owners[3].reset();
  int visited = 0;
  for (const auto& item : s) {
    ++visited;
    if (item->id == 2) owners[4].reset();  // dies during the iteration
    EXPECT_EQ(s.entry_count(), 5u);       // nothing leaves while iterating
  }
  EXPECT_EQ(visited, 2);  // 0 and 2; 4 died before it was reached
  EXPECT_EQ(s.entry_count(), 2u);
  EXPECT_EQ(s.size(), 2u);
}

TEST(DeathNotice, MapsCollectDeathsWhenTheIterationEnds) {
  std::vector<std::shared_ptr<Item>> owners;
  weakref::value_map<int, Item> v;
  weakref::key_map<Item, int> k;
  for (int i = 0; i < 6; ++i) {
    owners.push_back(weakref::make_shared<Item>(i));
    v.insert_or_assign(i, owners.back());
    k[owners.back()] = i;
  }
  int visited = 0;
  for (const auto& kv : v) {
    ++visited;
    if (kv.first == 1) owners[4].reset();  // dies while both maps are iterated
    for (const auto& entry : k) {
      EXPECT_NE(entry.first, nullptr);
      if (entry.second == 2) owners[5].reset();
    }
    EXPECT_EQ(k.entry_count(), k.size());  // collected when the inner loop ended
    EXPECT_EQ(v.entry_count(), 6u);        // still iterated: nothing leaves yet
  }
  EXPECT_EQ(visited, 4);  // 0..3: 4 and 5 died before they were reached
  EXPECT_EQ(v.entry_count(), 4u);
  v.insert_or_assign(10, owners[0]);
  k[owners[0]] = 10;
  EXPECT_EQ(k.entry_count(), 4u);
  EXPECT_EQ(v.entry_count(), 5u);
}

TEST(DeathNotice, KeyMapValueIsDestroyedOnTheMapsThreadAtTheNextMutation) {
  struct Probe {
    std::shared_ptr<int> destroyed_on;  // set to 1 when destroyed by the map's thread
    std::thread::id owner;
    Probe(std::shared_ptr<int> flag, std::thread::id id) : destroyed_on(std::move(flag)), owner(id) {}
    Probe(Probe&&) = default;
    Probe& operator=(Probe&&) = default;
    ~Probe() {
      if (destroyed_on && std::this_thread::get_id() == owner) *destroyed_on = 1;
    }
  };
  weakref::key_map<Item, Probe> m;
  auto flag = std::make_shared<int>(0);
  auto key = weakref::make_shared<Item>(1);
  m.try_emplace(key, flag, std::this_thread::get_id());
  std::thread([k = std::move(key)]() mutable { k.reset(); }).join();  // dies over there
  EXPECT_EQ(*flag, 0);
  EXPECT_EQ(m.size(), 0u);
  auto other = weakref::make_shared<Item>(2);
  m.insert_or_assign(other, Probe(nullptr, {}));
  EXPECT_EQ(*flag, 1);
  EXPECT_EQ(m.entry_count(), 1u);
}

// A key_map value that owns the next key: when the first key dies, the whole
// chain goes at the next mutation.
TEST(DeathNotice, CascadingDeletesAreCollectedTogether) {
  struct Link {
    std::shared_ptr<Item> next;
  };
  weakref::key_map<Item, Link> m;
  std::vector<std::weak_ptr<Item>> watch;
  auto head = weakref::make_shared<Item>(0);
  std::shared_ptr<Item> current = head;
  for (int i = 1; i <= 10; ++i) {
    auto next = weakref::make_shared<Item>(i);
    m[current].next = next;
    watch.push_back(next);
    current = next;
  }
  current.reset();
  EXPECT_EQ(m.size(), 10u);
  head.reset();
  m.purge();
  EXPECT_EQ(m.entry_count(), 0u);
  for (const auto& w : watch) EXPECT_TRUE(w.expired());
}

TEST(DeathNotice, ACallbackSeesTheContainerWithoutTheDeadEntry) {
  weakref::set<Item> s;
  auto a = weakref::make_shared<Item>(1);
  auto b = weakref::make_shared<Item>(2);
  s.insert(a);
  s.insert(b);
  std::size_t entries_in_callback = 99;
  weakref::ref<Item> r(a, [&](const weakref::ref<Item>&) {
    s.insert(b);  // any mutation collects the death being reported
    entries_in_callback = s.entry_count();
  });
  a.reset();
  EXPECT_EQ(entries_in_callback, 1u);
}

// ---------------------------------------------- notices are detached in time

TEST(DeathNotice, EraseAndReplacementDetachTheNotice) {
  auto a = weakref::make_shared<Item>(1);
  auto b = weakref::make_shared<Item>(2);
  weakref::value_map<int, Item> m;
  m.insert_or_assign(1, a);
  EXPECT_EQ(hooks_on(a), 1u);
  m.insert_or_assign(1, a);  // the same object: one notice
  EXPECT_EQ(hooks_on(a), 1u);
  m.insert_or_assign(1, b);
  EXPECT_EQ(hooks_on(a), 0u);
  EXPECT_EQ(hooks_on(b), 1u);
  EXPECT_EQ(m.pop(1), b);
  EXPECT_EQ(hooks_on(b), 0u);

  weakref::set<Item> s;
  s.insert(a);
  s.insert(a);
  EXPECT_EQ(hooks_on(a), 1u);
  s.erase(a);
  EXPECT_EQ(hooks_on(a), 0u);

  weakref::key_map<Item, int> k;
  k[a] = 1;
  k[b] = 2;
  EXPECT_EQ(hooks_on(a), 1u);
  k.clear();
  EXPECT_EQ(hooks_on(a), 0u);
  EXPECT_EQ(hooks_on(b), 0u);
}

TEST(DeathNotice, ErasingDuringIterationDetachesWhenTheIterationEnds) {
  weakref::set<Item> s;
  auto a = weakref::make_shared<Item>(1);
  auto b = weakref::make_shared<Item>(2);
  s.insert(a);
  s.insert(b);
  for (const auto& item : s) {
    s.erase(item);
    EXPECT_EQ(hooks_on(a) + hooks_on(b), 2u);  // still in the index
  }
  EXPECT_EQ(hooks_on(a) + hooks_on(b), 0u);
  EXPECT_EQ(s.entry_count(), 0u);
}

// A node erased during iteration stays in the index until the iteration
// ends, and keeps its weak reference: the notice it still holds points into
// the object's block, which must outlive the object's death (ASan checks).
TEST(DeathNotice, AnObjectDyingAfterItsEntryWasErasedDuringIteration) {
  auto keep = weakref::make_shared<Item>(0);  // keeps each iteration going
  auto a = weakref::make_shared<Item>(1);
  weakref::set<Item> s;
  s.insert(keep);
  s.insert(a);
  weakref::value_map<int, Item> m;
  m.insert_or_assign(0, keep);
  m.insert_or_assign(1, a);
  weakref::key_map<Item, int> k;
  k[keep] = 0;
  k[a] = 1;
  for (const auto& item : s)
    if (item == keep) {
      s.erase(a);
      for (const auto& kv : m)
        if (kv.first == 0) {
          m.erase(1);
          for (const auto& kk : k)
            if (kk.first == keep) {
              k.erase(a);
              a.reset();  // dies while erased from all three
              EXPECT_EQ(k.size(), 1u);
            }
          EXPECT_EQ(k.entry_count(), 1u);
          EXPECT_FALSE(m.contains(1));
        }
      EXPECT_EQ(m.entry_count(), 1u);
    }
  EXPECT_EQ(s.entry_count(), 1u);
  EXPECT_EQ(s.size(), 1u);
}

// Reviving an entry during iteration, after its old object died, takes the
// old notice back while the node still holds the old block, then watches
// the new object: its death is collected like any other.
TEST(DeathNotice, ADeadEntryRevivedDuringIterationWatchesItsNewObject) {
  auto keep = weakref::make_shared<Item>(0);
  auto old_value = weakref::make_shared<Item>(1);
  auto new_value = weakref::make_shared<Item>(2);
  weakref::value_map<int, Item> m;
  m.insert_or_assign(0, keep);
  m.insert_or_assign(1, old_value);
  for (const auto& kv : m)
    if (kv.first == 0) {
      old_value.reset();  // dies; its node stays while the guard is held
      m.insert_or_assign(1, new_value);
      EXPECT_EQ(hooks_on(new_value), 1u);
    }
  EXPECT_EQ(m.get(1), new_value);
  EXPECT_EQ(m.entry_count(), 2u);
  new_value.reset();
  m.insert_or_assign(2, keep);  // a mutation collects the death
  EXPECT_FALSE(m.contains(1));
  EXPECT_EQ(m.entry_count(), 2u);

  // The same for a set: the element comes back as a new element.
  auto element = weakref::make_shared<Item>(3);
  weakref::set<Item> s;
  s.insert(keep);
  s.insert(element);
  for (const auto& item : s)
    if (item == keep) {
      s.erase(element);
      s.add(element);
      EXPECT_EQ(hooks_on(element), 1u);
    }
  EXPECT_EQ(s.size(), 2u);
  element.reset();
  s.add(keep);  // collects
  EXPECT_EQ(s.entry_count(), 1u);
}

TEST(DeathNotice, ContainersGoingFirstDetachTheirNotices) {
  auto a = weakref::make_shared<Item>(1);
  Slotted slotted(2);
  for (int round = 0; round < 1000; ++round) {
    weakref::set<Item> s;
    weakref::value_map<int, Item> v;
    weakref::key_map<Slotted, int> k;
    s.insert(a);
    v.insert_or_assign(round, a);
    k[slotted.anchor_from_this()] = round;
    weakref::set<Item> copy = s;  // a copy registers its own notices
    EXPECT_EQ(hooks_on(a), 3u);
  }
  EXPECT_EQ(hooks_on(a), 0u);
  EXPECT_EQ(hooks_on(slotted.anchor_from_this()), 0u);
}

TEST(DeathNotice, MovedContainersKeepCollecting) {
  auto a = weakref::make_shared<Item>(1);
  auto b = weakref::make_shared<Item>(2);
  weakref::set<Item> s;
  s.insert(a);
  s.insert(b);
  weakref::set<Item> moved(std::move(s));
  a.reset();
  moved.purge();
  EXPECT_EQ(moved.entry_count(), 1u);

  weakref::set<Item> other;
  auto c = weakref::make_shared<Item>(3);
  other.insert(c);
  other = std::move(moved);  // c's notice goes with the old contents
  EXPECT_EQ(hooks_on(c), 0u);
  EXPECT_EQ(hooks_on(b), 1u);
  b.reset();
  other.purge();
  EXPECT_EQ(other.entry_count(), 0u);
}

// ------------------------------------------------------------ other threads

// Deaths on another thread while this one inserts, iterates, copies and
// erases: nothing is corrupted, and once the deaths are over the next
// mutation leaves only live entries.
TEST(DeathNotice, DeathsOnAnotherThreadWhileTheContainerIsBusy) {
  weakref::set<Item> s;
  weakref::value_map<int, Item> v;
  weakref::key_map<Item, std::vector<int>> k;
  std::vector<std::shared_ptr<Item>> doomed;
  for (int i = 0; i < 400; ++i) {
    doomed.push_back(weakref::make_shared<Item>(i));
    s.insert(doomed.back());
    v.insert_or_assign(i, doomed.back());
    k[doomed.back()] = {i};
  }
  std::atomic<bool> go{false};
  std::thread killer([&] {
    while (!go.load()) std::this_thread::yield();
    for (auto& p : doomed) p.reset();
  });
  go = true;
  std::vector<std::shared_ptr<Item>> mine;
  for (int round = 0; round < 200; ++round) {
    mine.push_back(weakref::make_shared<Item>(1000 + round));
    s.insert(mine.back());
    v.insert_or_assign(1000 + round, mine.back());
    k[mine.back()].push_back(round);
    for (const auto& item : s) ASSERT_NE(item, nullptr);
    for (const auto& kv : v) ASSERT_NE(kv.second, nullptr);
    for (const auto& kv : k) ASSERT_FALSE(kv.second.empty());
    weakref::set<Item> copy = s;
    weakref::value_map<int, Item> vcopy = v;
    v.erase(round);
    s.erase(mine.front());
    (void)copy.size();
    (void)vcopy.snapshot();
  }
  killer.join();
  s.insert(mine.front());
  v.insert_or_assign(0, mine.front());
  k[mine.front()].push_back(0);
  EXPECT_EQ(s.entry_count(), mine.size());
  EXPECT_EQ(v.entry_count(), mine.size() + 1);  // key 0 as well
  EXPECT_EQ(k.entry_count(), mine.size());
}

// A container destroyed on one thread while its objects die on another: the
// notice detaching races with the notice posting; neither may use freed
// memory or deadlock.
TEST(DeathNotice, ContainerDestroyedWhileItsObjectsDieElsewhere) {
  for (int round = 0; round < 50; ++round) {
    std::vector<std::shared_ptr<Item>> objects;
    for (int i = 0; i < 64; ++i) objects.push_back(weakref::make_shared<Item>(i));
    auto s = std::make_unique<weakref::set<Item>>();
    auto k = std::make_unique<weakref::key_map<Item, int>>();
    for (const auto& o : objects) {
      s->insert(o);
      (*k)[o] = o->id;
    }
    std::atomic<bool> go{false};
    std::thread killer([&] {
      while (!go.load()) std::this_thread::yield();
      for (auto& o : objects) o.reset();
    });
    go = true;
    s.reset();
    k.reset();
    killer.join();
  }
}

// The thread-safe cache: values die on other threads while several threads
// use it, and a death under the cache's lock (a value released by the cache
// itself) does not deadlock.
TEST(DeathNotice, CacheWithHookedValuesDyingOnEveryThread) {
  weakref::cache<int, Item> c(weakref::cache_options{std::nullopt, 4});
  std::atomic<int> deaths_seen{0};
  auto work = [&](int seed) {
    std::vector<std::shared_ptr<Item>> held;
    std::vector<weakref::ref<Item>> refs;
    for (int i = 0; i < 2000; ++i) {
      const int key = (i * 7 + seed) % 64;
      auto value = c.get_or_create(key, [key] { return weakref::make_shared<Item>(key); });
      EXPECT_EQ(value->id, key);
      // A callback that uses the cache, run wherever the value dies.
      if (i % 50 == 0)
        refs.emplace_back(value, [&](const weakref::ref<Item>&) {
          (void)c.get(0);
          ++deaths_seen;
        });
      held.push_back(std::move(value));
      if (held.size() > 8) held.erase(held.begin());
      if (i % 100 == 0) c.erase((key + 1) % 64);
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(work, t);
  for (auto& t : threads) t.join();
  c.clear();  // the keep_alive values die here, outside the lock
  (void)c.get(-1);
  EXPECT_EQ(c.entry_count(), 0u);
  EXPECT_EQ(c.size(), 0u);
}

TEST(DeathNotice, CacheDestroyedWhileItsValuesDieElsewhere) {
  for (int round = 0; round < 50; ++round) {
    std::vector<std::shared_ptr<Item>> values;
    auto c = std::make_unique<weakref::cache<int, Item>>();
    for (int i = 0; i < 64; ++i)
      values.push_back(c->get_or_create(i, [i] { return weakref::make_shared<Item>(i); }));
    std::atomic<bool> go{false};
    std::thread killer([&] {
      while (!go.load()) std::this_thread::yield();
      for (auto& v : values) v.reset();
    });
    go = true;
    c.reset();
    killer.join();
  }
}

// Objects that die on several threads at once, into one container.
TEST(DeathNotice, ConcurrentDeathsFromManyThreads) {
  weakref::value_map<int, Item> m;
  std::vector<std::vector<std::shared_ptr<Item>>> batches(4);
  for (int t = 0; t < 4; ++t)
    for (int i = 0; i < 250; ++i) {
      batches[t].push_back(weakref::make_shared<Item>(i));
      m.insert_or_assign(t * 1000 + i, batches[t].back());
    }
  std::vector<std::thread> threads;
  for (auto& batch : batches)
    threads.emplace_back([&batch] {
      for (auto& p : batch) p.reset();
    });
  for (int i = 0; i < 200; ++i) (void)m.get(i);
  for (auto& t : threads) t.join();
  m.erase(-1);
  EXPECT_EQ(m.entry_count(), 0u);
}

}  // namespace
