// value_map: WeakValueDictionary semantics plus the std::map subset that the
// weakify-owning-cache fix-it relies on.
#include <weakref/value_map.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace {

struct Widget {
  explicit Widget(int v = 0) : value(v) {}
  int value;
  int get() const { return value; }
};

using Map = weakref::value_map<std::string, Widget>;

TEST(ValueMap, GetReturnsLiveValueAndNullAfterDeath) {
  Map m;
  auto w = std::make_shared<Widget>(1);
  m.insert_or_assign("a", w);
  EXPECT_EQ(m.get("a"), w);
  w.reset();
  EXPECT_EQ(m.get("a"), nullptr);
  EXPECT_EQ(m.get("missing"), nullptr);
}

TEST(ValueMap, DeadEntryBehavesAsAbsentEverywhere) {
  Map m;
  auto w = std::make_shared<Widget>(1);
  m.insert_or_assign("a", w);
  w.reset();
  EXPECT_FALSE(m.contains("a"));
  EXPECT_EQ(m.count("a"), 0u);
  EXPECT_EQ(m.find("a"), m.end());
  EXPECT_THROW(m.at("a"), std::out_of_range);
  EXPECT_EQ(m.size(), 0u);
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.begin(), m.end());
  EXPECT_EQ(m.pop("a"), nullptr);
  EXPECT_TRUE(m.snapshot().empty());
}

TEST(ValueMap, SizeCountsLiveEntriesExactly) {
  Map m;
  std::vector<std::shared_ptr<Widget>> keep;
  for (int i = 0; i < 10; ++i) {
    keep.push_back(std::make_shared<Widget>(i));
    m.insert_or_assign(std::to_string(i), keep.back());
  }
  EXPECT_EQ(m.size(), 10u);
  keep.erase(keep.begin(), keep.begin() + 4);
  EXPECT_EQ(m.size(), 6u);
  EXPECT_FALSE(m.empty());
}

TEST(ValueMap, EmplaceKeepsLiveEntryAndReportsFalse) {
  Map m;
  auto a = std::make_shared<Widget>(1), b = std::make_shared<Widget>(2);
  auto [it1, inserted1] = m.emplace("k", a);
  EXPECT_TRUE(inserted1);
  EXPECT_EQ(it1->second, a);
  auto [it2, inserted2] = m.emplace("k", b);
  EXPECT_FALSE(inserted2);
  EXPECT_EQ(it2->second, a);
  EXPECT_EQ(m.get("k"), a);
}

TEST(ValueMap, InsertReplacesDeadEntry) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  m.insert({"k", a});
  a.reset();
  auto b = std::make_shared<Widget>(2);
  // The returned iterator would keep b alive; do not hold on to it.
  EXPECT_TRUE(m.insert(std::make_pair(std::string("k"), b)).second);
  EXPECT_EQ(m.get("k"), b);
  auto c = std::make_shared<Widget>(3);
  EXPECT_FALSE(m.try_emplace("k", c).second);
  b.reset();
  EXPECT_TRUE(m.try_emplace("k", c).second);
  EXPECT_EQ(m.get("k"), c);
}

TEST(ValueMap, InsertAcceptsConvertiblePairs) {
  struct Derived : Widget {
    Derived() : Widget(7) {}
  };
  Map m;
  auto d = std::make_shared<Derived>();
  EXPECT_TRUE(m.insert(std::make_pair("lit", d)).second);
  EXPECT_EQ(m.at("lit")->value, 7);
}

TEST(ValueMap, InsertOrAssignOverwritesLiveValue) {
  Map m;
  auto a = std::make_shared<Widget>(1), b = std::make_shared<Widget>(2);
  EXPECT_TRUE(m.insert_or_assign("k", a).second);
  auto [it, inserted] = m.insert_or_assign("k", b);
  EXPECT_FALSE(inserted);
  EXPECT_EQ(it->second, b);
  EXPECT_EQ(m.get("k"), b);
  EXPECT_EQ(m.size(), 1u);
}

TEST(ValueMap, AtThrowsOutOfRangeWhenAbsent) {
  Map m;
  EXPECT_THROW(m.at("nope"), std::out_of_range);
  auto a = std::make_shared<Widget>(4);
  m.insert_or_assign("k", a);
  EXPECT_EQ(m.at("k")->get(), 4);
}

TEST(ValueMap, GetWithDefault) {
  Map m;
  auto d = std::make_shared<Widget>(9);
  EXPECT_EQ(m.get("x", d), d);
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign("x", a);
  EXPECT_EQ(m.get("x", d), a);
}

TEST(ValueMap, GetOrCreateCallsFactoryOnlyWhenAbsentOrDead) {
  Map m;
  int calls = 0;
  auto factory = [&] {
    ++calls;
    return std::make_shared<Widget>(calls);
  };
  auto first = m.get_or_create("k", factory);
  auto again = m.get_or_create("k", factory);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(first, again);
  first.reset();
  again.reset();
  auto recreated = m.get_or_create("k", factory);
  ASSERT_NE(recreated, nullptr);  // over a dead entry: the new value, never null
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(recreated->value, 2);
  EXPECT_EQ(m.get("k"), recreated);
}

TEST(ValueMap, GetOrCreateFactoryMayReturnDerivedType) {
  struct Derived : Widget {
    Derived() : Widget(5) {}
  };
  Map m;
  auto v = m.get_or_create("k", [] { return std::make_shared<Derived>(); });
  EXPECT_EQ(v->value, 5);
}

TEST(ValueMap, GetOrCreateFactoryThrowingStoresNothing) {
  Map m;
  EXPECT_THROW(m.get_or_create("k", []() -> std::shared_ptr<Widget> { throw std::runtime_error("x"); }),
               std::runtime_error);
  EXPECT_FALSE(m.contains("k"));
  EXPECT_EQ(m.entry_count(), 0u);
}

TEST(ValueMap, GetOrCreateKeepsValueStoredByReentrantFactory) {
  Map m;
  auto inner = std::make_shared<Widget>(1);
  auto got = m.get_or_create("k", [&] {
    m.insert_or_assign("k", inner);
    return std::make_shared<Widget>(2);
  });
  EXPECT_EQ(got, inner);
  EXPECT_EQ(m.get("k"), inner);
}

TEST(ValueMap, SetdefaultReturnsLiveValueInMap) {
  Map m;
  auto a = std::make_shared<Widget>(1), b = std::make_shared<Widget>(2);
  EXPECT_EQ(m.setdefault("k", a), a);
  EXPECT_EQ(m.setdefault("k", b), a);
  a.reset();
  EXPECT_EQ(m.setdefault("k", b), b);
  EXPECT_EQ(m.get("k"), b);
}

TEST(ValueMap, PopRemovesAndReturnsValue) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign("k", a);
  EXPECT_EQ(m.pop("k"), a);
  EXPECT_FALSE(m.contains("k"));
  EXPECT_EQ(m.pop("k"), nullptr);
  auto d = std::make_shared<Widget>(0);
  EXPECT_EQ(m.pop("k", d), d);
}

TEST(ValueMap, EraseByKeyReturnsNumberOfLiveEntriesRemoved) {
  Map m;
  auto a = std::make_shared<Widget>(1), b = std::make_shared<Widget>(2);
  m.insert_or_assign("a", a);
  m.insert_or_assign("b", b);
  EXPECT_EQ(m.erase("a"), 1u);
  EXPECT_EQ(m.erase("a"), 0u);
  b.reset();
  EXPECT_EQ(m.erase("b"), 0u);  // dead: was already absent
  EXPECT_EQ(m.entry_count(), 0u);
}

TEST(ValueMap, ClearRemovesEverything) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign("a", a);
  m.clear();
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.entry_count(), 0u);
  EXPECT_EQ(a.use_count(), 1);
}

TEST(ValueMap, IterationVisitsLiveEntriesOnly) {
  Map m;
  std::vector<std::shared_ptr<Widget>> keep;
  for (int i = 0; i < 6; ++i) {
    auto w = std::make_shared<Widget>(i);
    m.insert_or_assign(std::to_string(i), w);
    if (i % 2 == 0) keep.push_back(w);
  }
  int visited = 0, sum = 0;
  for (auto& [k, v] : m) {
    ++visited;
    sum += v->value;
    EXPECT_EQ(std::to_string(v->value), k);
  }
  EXPECT_EQ(visited, 3);
  EXPECT_EQ(sum, 0 + 2 + 4);
}

TEST(ValueMap, IteratorSupportsStdMapIdioms) {
  Map m;
  auto a = std::make_shared<Widget>(3);
  m.insert_or_assign("a", a);
  for (const auto& e : m) EXPECT_EQ(e.second->get(), 3);
  auto it = m.find("a");
  ASSERT_NE(it, m.end());
  EXPECT_EQ(it->first, "a");
  EXPECT_EQ((*it).second, a);
  EXPECT_TRUE(it == m.cbegin());
  EXPECT_TRUE(++it == m.cend());
  const Map& cm = m;
  EXPECT_NE(cm.find("a"), cm.end());
  EXPECT_NE(cm.begin(), cm.end());
}

TEST(ValueMap, IteratorKeepsVisitedValueAlive) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign("a", a);
  auto it = m.begin();
  std::weak_ptr<Widget> watch = a;
  a.reset();
  EXPECT_FALSE(watch.expired());
  EXPECT_EQ(it->second->value, 1);
  ++it;
  EXPECT_TRUE(watch.expired());
  EXPECT_EQ(it, m.end());
}

TEST(ValueMap, EraseIteratorReturnsNext) {
  Map m;
  std::vector<std::shared_ptr<Widget>> keep;
  for (int i = 0; i < 10; ++i) {
    keep.push_back(std::make_shared<Widget>(i));
    m.insert_or_assign(std::to_string(i), keep.back());
  }
  for (auto it = m.begin(); it != m.end();) {
    if (it->second->value % 2) it = m.erase(it);
    else ++it;
  }
  EXPECT_EQ(m.size(), 5u);
  for (auto& [k, v] : m) EXPECT_EQ(v->value % 2, 0) << k;
}

TEST(ValueMap, ReinsertingErasedKeyDuringIterationKeepsNewValue) {
  Map m;
  auto a = std::make_shared<Widget>(1), b = std::make_shared<Widget>(2);
  m.insert_or_assign("k", a);
  for (auto& e : m) {
    (void)e;
    m.erase("k");
    m.insert_or_assign("k", b);
  }
  EXPECT_EQ(m.get("k"), b);  // the deferred removal never removes the newer value
  EXPECT_EQ(m.size(), 1u);
  EXPECT_EQ(m.entry_count(), 1u);
}

// A dead entry given a new value during an iteration that never reached it
// moves to a new slot; its old slot goes when the iteration ends, before
// the entry can be freed (here by the erase, with ASan watching).
TEST(ValueMap, ADeadEntryRevivedDuringIterationIsSafeToEraseAfterIt) {
  Map m;
  auto first = std::make_shared<Widget>(0);
  auto doomed = std::make_shared<Widget>(1);
  m.insert_or_assign("first", first);
  m.insert_or_assign("k", doomed);
  // Fill the map's cache of freed entry blocks: the next entry it frees
  // goes back to the heap.
  std::vector<std::shared_ptr<Widget>> filler;
  for (int i = 0; i < 12; ++i) {
    filler.push_back(std::make_shared<Widget>(i));
    m.insert_or_assign("filler" + std::to_string(i), filler.back());
  }
  for (int i = 0; i < 12; ++i) m.erase("filler" + std::to_string(i));
  doomed.reset();  // "k" is dead; nothing reports it (a plain shared_ptr)
  auto revived = std::make_shared<Widget>(2);
  {
    auto it = m.begin();  // stays at "first": the dead entry is never met
    m.insert_or_assign("k", revived);
    EXPECT_EQ(it->first, "first");
  }
  EXPECT_EQ(m.erase("k"), 1u);
  EXPECT_EQ(m.size(), 1u);
  EXPECT_EQ(m.entry_count(), 1u);
}

TEST(ValueMap, SnapshotAndCopyDuringIterationSeeAReinsertedKeyOnce) {
  Map m;
  auto a = std::make_shared<Widget>(1), b = std::make_shared<Widget>(2);
  m.insert_or_assign("k", a);
  for (auto& e : m) {
    (void)e;
    m.erase("k");
    m.insert_or_assign("k", b);  // moves the entry to a new slot
    EXPECT_EQ(m.snapshot().size(), 1u);
    Map copy = m;
    EXPECT_EQ(copy.entry_count(), 1u);
  }
}

TEST(ValueMap, ValueDestructorErasingItselfFromMapIsSafe) {
  struct SelfRemoving {
    Map* registry;
    std::string key;
    ~SelfRemoving() { registry->erase(key); }
  };
  weakref::value_map<std::string, SelfRemoving> m;
  Map other;
  {
    auto s = std::make_shared<SelfRemoving>(SelfRemoving{&other, "x"});
    auto w = std::make_shared<Widget>(1);
    other.insert_or_assign("x", w);
    m.insert_or_assign("s", s);
    for (auto& e : m) {
      (void)e;
      s.reset();  // dies when the iterator moves on, inside the iteration
    }
  }
  EXPECT_FALSE(other.contains("x"));
}

TEST(ValueMap, PurgeDropsDeadEntriesNow) {
  Map m;
  for (int i = 0; i < 10; ++i) m.insert_or_assign(std::to_string(i), std::make_shared<Widget>(i));
  EXPECT_EQ(m.entry_count(), 10u);
  m.purge();
  EXPECT_EQ(m.entry_count(), 0u);
}

TEST(ValueMap, PurgeDuringIterationIsDeferredToItsEnd) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign("a", a);
  m.insert_or_assign("dead", std::make_shared<Widget>(2));
  for (auto& e : m) {
    (void)e;
    m.purge();
    EXPECT_EQ(m.entry_count(), 2u);
  }
  EXPECT_EQ(m.entry_count(), 1u);
}

TEST(ValueMap, SnapshotIsStrongCopyOfLiveEntries) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign("a", a);
  m.insert_or_assign("dead", std::make_shared<Widget>(2));
  auto snap = m.snapshot();
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(snap[0].first, "a");
  a.reset();
  EXPECT_EQ(snap[0].second->value, 1);
  EXPECT_TRUE(m.contains("a"));  // the snapshot keeps it alive
}

TEST(ValueMap, NullValueIsNeverStored) {
  Map m;
  EXPECT_FALSE(m.insert_or_assign("a", nullptr).second);
  EXPECT_FALSE(m.emplace("a", nullptr).second);
  EXPECT_EQ(m.entry_count(), 0u);
}

TEST(ValueMap, WorksWithUnorderedMapHashAndEqual) {
  struct CaseInsensitiveHash {
    std::size_t operator()(const std::string& s) const {
      std::string l;
      for (char c : s) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return std::hash<std::string>{}(l);
    }
  };
  struct CaseInsensitiveEq {
    bool operator()(const std::string& a, const std::string& b) const {
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
          return false;
      return true;
    }
  };
  weakref::value_map<std::string, Widget, CaseInsensitiveHash, CaseInsensitiveEq> m;
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign("Key", a);
  EXPECT_EQ(m.get("KEY"), a);
}

TEST(ValueMap, ValuesDyingOnAnotherThreadWhileIteratingAndCopying) {
  Map m;
  std::vector<std::shared_ptr<Widget>> owned;
  for (int i = 0; i < 200; ++i) {
    owned.push_back(std::make_shared<Widget>(i));
    m.insert_or_assign(std::to_string(i), owned.back());
  }
  std::atomic<bool> go{false};
  std::thread killer([&] {
    while (!go.load()) std::this_thread::yield();
    for (auto& p : owned) p.reset();  // each value dies on this thread
  });
  go = true;
  std::size_t seen = 0;
  for (int round = 0; round < 50; ++round) {
    for (auto& e : m) {
      ASSERT_NE(e.second, nullptr);
      ++seen;
    }
    Map copy = m;
    (void)copy.size();
    auto snap = m.snapshot();
    for (auto& [k, v] : snap) ASSERT_EQ(std::to_string(v->value), k);
  }
  killer.join();
  EXPECT_EQ(m.size(), 0u);
  (void)seen;
}

TEST(ValueMap, ThreadedSetdefaultUnderLockNeverReturnsNull) {
  Map m;
  std::mutex mu;
  std::atomic<int> nulls{0};
  auto work = [&] {
    for (int i = 0; i < 2000; ++i) {
      auto fresh = std::make_shared<Widget>(i);
      std::shared_ptr<Widget> got;
      {
        std::lock_guard<std::mutex> lock(mu);
        got = m.setdefault(std::to_string(i % 7), fresh);
      }
      if (!got) ++nulls;
      // `fresh` and `got` die here, outside the lock, racing the other thread
    }
  };
  std::thread t1(work), t2(work);
  t1.join();
  t2.join();
  EXPECT_EQ(nulls.load(), 0);
}

}  // namespace
