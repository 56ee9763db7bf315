// key_map: WeakKeyDictionary semantics - keys by owner identity, held weakly;
// values held strongly and destroyed when their entry is removed or swept.
#include <weakref/key_map.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

struct Widget {
  explicit Widget(int v = 0) : value(v) {}
  int value;
  friend bool operator==(const Widget& a, const Widget& b) { return a.value == b.value; }
};

using Map = weakref::key_map<Widget, int>;
using WidgetPtr = std::shared_ptr<Widget>;

// Builds n live keys valued 0..n-1, each mapped to its value.
std::vector<WidgetPtr> fill(Map& m, int n) {
  std::vector<WidgetPtr> keys;
  for (int i = 0; i < n; ++i) {
    keys.push_back(std::make_shared<Widget>(i));
    m.insert_or_assign(keys.back(), i);
  }
  return keys;
}

// V that cannot be copied or moved, counting its constructions.
struct Pinned {
  Pinned(int* constructions, int v) : value(v) { ++*constructions; }
  Pinned(const Pinned&) = delete;
  Pinned& operator=(const Pinned&) = delete;
  int value;
};

struct NoDefault {
  explicit NoDefault(int v) : value(v) {}
  int value;
};

template <class M, class = void>
struct has_subscript : std::false_type {};
template <class M>
struct has_subscript<M, std::void_t<decltype(std::declval<M&>()[std::declval<const WidgetPtr&>()])>>
    : std::true_type {};

template <class M, class = void>
struct has_snapshot : std::false_type {};
template <class M>
struct has_snapshot<M, std::void_t<decltype(std::declval<const M&>().snapshot())>>
    : std::true_type {};

TEST(KeyMap, KeysMatchByIdentityNotEquality) {
  Map m;
  auto a = std::make_shared<Widget>(1), twin = std::make_shared<Widget>(1);
  ASSERT_TRUE(*a == *twin);
  m.insert_or_assign(a, 10);
  EXPECT_TRUE(m.contains(a));
  EXPECT_FALSE(m.contains(twin));
  EXPECT_EQ(m.get(twin), nullptr);
  m.insert_or_assign(twin, 20);
  EXPECT_EQ(m.size(), 2u);
  EXPECT_EQ(m.at(a), 10);
  EXPECT_EQ(m.at(twin), 20);
}

TEST(KeyMap, AliasingPointersOfOneOwnerAreOneKey) {
  struct Pair {
    Widget left{1}, right{2};
  };
  auto owner = std::make_shared<Pair>();
  WidgetPtr left(owner, &owner->left), right(owner, &owner->right);
  Map m;
  m.insert_or_assign(left, 1);
  EXPECT_TRUE(m.contains(right));
  EXPECT_FALSE(m.insert_or_assign(right, 2).second);
  EXPECT_EQ(m.size(), 1u);
  EXPECT_EQ(m.at(left), 2);
  // As in Python, the key stored first is kept and iteration yields it.
  EXPECT_EQ(m.begin()->first.get(), &owner->left);
  EXPECT_EQ(m.find(right)->first.get(), &owner->left);
  // A shared_ptr of another type to the same owner converts to the same key.
  std::shared_ptr<Pair> whole = owner;
  weakref::key_map<void, int> any;
  any.insert_or_assign(whole, 7);
  EXPECT_EQ(any.at(left), 7);
}

TEST(KeyMap, DoesNotKeepKeysAlive) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  std::weak_ptr<Widget> watch = a;
  m.insert_or_assign(a, 1);
  EXPECT_EQ(a.use_count(), 1);
  a.reset();
  EXPECT_TRUE(watch.expired());
}

TEST(KeyMap, DeadEntryBehavesAsAbsentEverywhere) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign(a, 1);
  a.reset();
  EXPECT_EQ(m.size(), 0u);
  EXPECT_TRUE(m.empty());
  EXPECT_TRUE(m.snapshot().empty());
  EXPECT_TRUE(Map(m).empty());
  EXPECT_EQ(m.entry_count(), 1u);  // not swept yet
  auto b = std::make_shared<Widget>(1);  // whatever its address, a new identity
  EXPECT_FALSE(m.contains(b));
  EXPECT_EQ(m.begin(), m.end());
  EXPECT_EQ(m.entry_count(), 0u);  // the iteration met it dead: swept when it ended
  EXPECT_TRUE(m.insert_or_assign(b, 2).second);
  EXPECT_EQ(m.size(), 1u);
}

TEST(KeyMap, EntryErasedDuringIterationIsAbsentToEveryLookup) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign(a, 1);
  for (auto& e : m) {
    (void)e;
    m.erase(a);
    EXPECT_FALSE(m.contains(a));
    EXPECT_EQ(m.count(a), 0u);
    EXPECT_EQ(m.find(a), m.end());
    EXPECT_EQ(m.get(a), nullptr);
    EXPECT_THROW(m.at(a), std::out_of_range);
    EXPECT_EQ(m.pop(a), std::nullopt);
    EXPECT_EQ(m.erase(a), 0u);
    EXPECT_EQ(m.size(), 0u);
    EXPECT_TRUE(m.snapshot().empty());
    EXPECT_EQ(m.entry_count(), 1u);  // removal pending until the iteration ends
  }
  EXPECT_EQ(m.entry_count(), 0u);
}

TEST(KeyMap, SizeCountsLiveEntriesExactly) {
  Map m;
  auto keys = fill(m, 10);
  EXPECT_EQ(m.size(), 10u);
  keys.erase(keys.begin(), keys.begin() + 4);
  EXPECT_EQ(m.size(), 6u);
  EXPECT_FALSE(m.empty());
  keys.clear();
  EXPECT_EQ(m.size(), 0u);
  EXPECT_TRUE(m.empty());
}

TEST(KeyMap, ValueOfDeadKeyIsDestroyedWhenSweptAndPurgeFreesItNow) {
  auto tracker = std::make_shared<int>(0);  // use_count - 1 = values alive
  weakref::key_map<Widget, std::shared_ptr<int>> m;
  auto a = std::make_shared<Widget>(1), b = std::make_shared<Widget>(2);
  m.insert_or_assign(a, tracker);
  m.insert_or_assign(b, tracker);
  EXPECT_EQ(tracker.use_count(), 3);
  a.reset();
  EXPECT_EQ(tracker.use_count(), 3);  // lazily: nobody told the map
  m.purge();
  EXPECT_EQ(tracker.use_count(), 2);
  EXPECT_EQ(m.entry_count(), 1u);
  b.reset();
  // Amortised sweeping by insertions frees it without purge().
  std::vector<WidgetPtr> more;
  for (int i = 0; i < 40; ++i) {
    more.push_back(std::make_shared<Widget>(i));
    m.insert_or_assign(more.back(), nullptr);
  }
  EXPECT_EQ(tracker.use_count(), 1);
}

TEST(KeyMap, ValueIsDestroyedByEraseClearAndDestruction) {
  auto tracker = std::make_shared<int>(0);
  auto a = std::make_shared<Widget>(1), b = std::make_shared<Widget>(2);
  {
    weakref::key_map<Widget, std::shared_ptr<int>> m;
    m.insert_or_assign(a, tracker);
    m.insert_or_assign(b, tracker);
    EXPECT_EQ(m.erase(a), 1u);
    EXPECT_EQ(m.erase(a), 0u);
    EXPECT_EQ(tracker.use_count(), 2);
    m.clear();
    EXPECT_EQ(tracker.use_count(), 1);
    EXPECT_TRUE(m.empty());
    EXPECT_EQ(m.entry_count(), 0u);
    m.insert_or_assign(a, tracker);
  }
  EXPECT_EQ(tracker.use_count(), 1);
}

TEST(KeyMap, NullKeyIsRejectedAndNeverFound) {
  Map m;
  WidgetPtr null;
  Widget outside{3};
  WidgetPtr unowned(WidgetPtr(), &outside);  // non-null, owns nothing
  for (const WidgetPtr& bad : {null, unowned}) {
    EXPECT_THROW(m.insert_or_assign(bad, 1), std::invalid_argument);
    EXPECT_THROW(m.try_emplace(bad, 1), std::invalid_argument);
    EXPECT_THROW(m.emplace(bad, 1), std::invalid_argument);
    EXPECT_THROW(m[bad], std::invalid_argument);
    EXPECT_THROW(m.setdefault(bad, 1), std::invalid_argument);
    EXPECT_FALSE(m.contains(bad));
    EXPECT_EQ(m.get(bad), nullptr);
    EXPECT_EQ(m.find(bad), m.end());
    EXPECT_EQ(m.erase(bad), 0u);
    EXPECT_EQ(m.pop(bad), std::nullopt);
  }
  auto from_list = [] { Map built{{nullptr, 1}}; };
  EXPECT_THROW(from_list(), std::invalid_argument);
  EXPECT_EQ(m.entry_count(), 0u);
}

TEST(KeyMap, InsertOrAssignOverwritesAndReportsInsertion) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  auto [it1, inserted1] = m.insert_or_assign(a, 1);
  EXPECT_TRUE(inserted1);
  EXPECT_EQ(it1->first, a);
  EXPECT_EQ(it1->second, 1);
  auto [it2, inserted2] = m.insert_or_assign(a, 2);
  EXPECT_FALSE(inserted2);
  EXPECT_EQ(it2->second, 2);
  EXPECT_EQ(m.at(a), 2);
  EXPECT_EQ(m.size(), 1u);
}

TEST(KeyMap, TryEmplaceConstructsInPlaceOnceOnlyWhenAbsent) {
  int constructions = 0;
  weakref::key_map<Widget, Pinned> m;
  auto a = std::make_shared<Widget>(1);
  {
    auto [it, inserted] = m.try_emplace(a, &constructions, 5);
    EXPECT_TRUE(inserted);
    EXPECT_EQ(it->second.value, 5);
    EXPECT_EQ(constructions, 1);
  }
  EXPECT_FALSE(m.try_emplace(a, &constructions, 6).second);
  EXPECT_FALSE(m.emplace(a, &constructions, 7).second);
  EXPECT_EQ(constructions, 1);
  EXPECT_EQ(m.at(a).value, 5);
  auto b = std::make_shared<Widget>(2);
  EXPECT_TRUE(m.emplace(b, &constructions, 8).second);
  EXPECT_EQ(constructions, 2);
  // Unmovable values stay put: sweeping and erasing move nodes, never values.
  a.reset();
  m.purge();
  EXPECT_EQ(m.entry_count(), 1u);
  EXPECT_EQ(m.erase(b), 1u);
  EXPECT_TRUE(m.empty());
}

TEST(KeyMap, SubscriptDefaultConstructsWhenAbsent) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  m[a] += 3;
  m[a] += 4;
  EXPECT_EQ(m.at(a), 7);
  auto b = std::make_shared<Widget>(2);
  EXPECT_EQ(m[b], 0);
  EXPECT_EQ(m.size(), 2u);
  static_assert(has_subscript<Map>::value);
  static_assert(!has_subscript<weakref::key_map<Widget, NoDefault>>::value,
                "operator[] needs a default-constructible V");
}

TEST(KeyMap, GetAtAndSetdefault) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  EXPECT_EQ(m.get(a), nullptr);
  EXPECT_THROW(m.at(a), std::out_of_range);
  EXPECT_EQ(m.setdefault(a, 4), 4);
  EXPECT_EQ(m.setdefault(a, 5), 4);
  *m.get(a) = 6;
  const Map& cm = m;
  ASSERT_NE(cm.get(a), nullptr);
  EXPECT_EQ(*cm.get(a), 6);
  EXPECT_EQ(cm.at(a), 6);
  static_assert(std::is_same_v<decltype(cm.get(a)), const int*>);
  static_assert(std::is_same_v<decltype(cm.at(a)), const int&>);
}

TEST(KeyMap, PopRemovesAndReturnsValue) {
  weakref::key_map<Widget, std::unique_ptr<int>> m;  // move-only values
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign(a, std::make_unique<int>(9));
  std::optional<std::unique_ptr<int>> popped = m.pop(a);
  ASSERT_TRUE(popped.has_value());
  EXPECT_EQ(**popped, 9);
  EXPECT_FALSE(m.contains(a));
  EXPECT_EQ(m.entry_count(), 0u);
  EXPECT_EQ(m.pop(a), std::nullopt);
  EXPECT_EQ(*m.pop(a, std::make_unique<int>(1)), 1);
  static_assert(!has_snapshot<weakref::key_map<Widget, std::unique_ptr<int>>>::value,
                "snapshot copies values");
  static_assert(has_snapshot<Map>::value);
}

TEST(KeyMap, IterationVisitsLiveEntriesInInsertionOrder) {
  Map m;
  auto keys = fill(m, 6);
  keys[1].reset();
  keys[4].reset();
  std::vector<int> order;
  for (auto& [k, v] : m) {
    EXPECT_EQ(k->value, v);
    order.push_back(v);
    v *= 10;  // values are mutable through a non-const map
  }
  EXPECT_EQ(order, (std::vector<int>{0, 2, 3, 5}));
  EXPECT_EQ(m.at(keys[5]), 50);
}

TEST(KeyMap, ConstIterationAndIteratorConversions) {
  Map m;
  auto keys = fill(m, 2);
  const Map& cm = m;
  static_assert(std::is_same_v<decltype(cm.begin()->second), const int&>);
  static_assert(std::is_same_v<decltype(m.begin()->second), int&>);
  // The key is held by the iterator; the pair refers to it.
  static_assert(std::is_same_v<decltype(m.begin()->first), const WidgetPtr&>);
  int sum = 0;
  for (const auto& e : cm) sum += e.second;
  EXPECT_EQ(sum, 1);
  Map::const_iterator it = m.find(keys[1]);  // iterator -> const_iterator
  EXPECT_EQ(it, cm.find(keys[1]));
  EXPECT_TRUE(m.begin() == cm.cbegin());  // mixed comparison
  EXPECT_EQ((*it).first, keys[1]);
  EXPECT_TRUE(++it == cm.cend());
  Map::iterator copy;
  copy = m.begin();
  EXPECT_EQ(copy->first, keys[0]);
  EXPECT_EQ(m.erase(cm.begin())->first, keys[1]);  // erase through a const_iterator
  EXPECT_EQ(m.size(), 1u);
}

TEST(KeyMap, IteratorHoldsVisitedKeyAlive) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign(a, 1);
  auto it = m.begin();
  std::weak_ptr<Widget> watch = a;
  a.reset();
  EXPECT_FALSE(watch.expired());
  EXPECT_EQ(it->first->value, 1);
  EXPECT_EQ(m.size(), 1u);
  ++it;
  EXPECT_TRUE(watch.expired());
  EXPECT_EQ(it, m.end());
  EXPECT_EQ(m.entry_count(), 1u);  // nothing erased: left to the amortised sweep
}

TEST(KeyMap, ErasingVisitedEntryDuringIterationKeepsItsValueForTheStep) {
  auto tracker = std::make_shared<int>(0);
  weakref::key_map<Widget, std::shared_ptr<int>> m;
  std::vector<WidgetPtr> keys;
  for (int i = 0; i < 20; ++i) {
    keys.push_back(std::make_shared<Widget>(i));
    m.insert_or_assign(keys.back(), tracker);
  }
  int visited = 0;
  for (auto& [k, v] : m) {
    ++visited;
    m.erase(k);
    EXPECT_FALSE(m.contains(k));
    EXPECT_EQ(v, tracker);  // destroyed only when the iteration ends
  }
  EXPECT_EQ(visited, 20);
  EXPECT_EQ(m.size(), 0u);
  EXPECT_EQ(m.entry_count(), 0u);
  EXPECT_EQ(tracker.use_count(), 1);
}

TEST(KeyMap, EraseIteratorReturnsNext) {
  Map m;
  auto keys = fill(m, 10);
  for (auto it = m.begin(); it != m.end();) {
    if (it->second % 2)
      it = m.erase(it);
    else
      ++it;
  }
  EXPECT_EQ(m.size(), 5u);
  EXPECT_EQ(m.entry_count(), 5u);
  for (auto& [k, v] : m) EXPECT_EQ(v % 2, 0) << k->value;
}

TEST(KeyMap, InsertionsDuringIterationAreSafeAndNotVisited) {
  Map m;
  auto keys = fill(m, 4);
  int visited = 0;
  for (auto& [k, v] : m) {
    EXPECT_LT(v, 4);
    ++visited;
    for (int j = 0; j < 50; ++j) {  // enough to force rehashing
      keys.push_back(std::make_shared<Widget>(100 + j));
      m.insert_or_assign(keys.back(), 100 + j);
    }
    m.insert_or_assign(k, v + 1000);  // assigning to the visited entry
    EXPECT_GE(v, 1000);
  }
  EXPECT_EQ(visited, 4);
  EXPECT_EQ(m.size(), 4u + 200u);
}

TEST(KeyMap, ReinsertingErasedKeyDuringIterationKeepsNewValueOnce) {
  using Names = weakref::key_map<Widget, std::string>;
  Names m;
  std::vector<WidgetPtr> keys;
  for (int i = 0; i < 3; ++i) {
    keys.push_back(std::make_shared<Widget>(i));
    m.insert_or_assign(keys.back(), std::string(40, static_cast<char>('a' + i)));
  }
  int visited = 0;
  for (auto& [k, v] : m) {
    ++visited;
    m.erase(k);
    m.try_emplace(k, v);  // built from the old value before that one goes
    v += "!";             // the step's V& now refers to the new value
    EXPECT_EQ(m.at(k), std::string(40, static_cast<char>('a' + k->value)) + "!");
    // A copy or snapshot taken now sees the revived entry once.
    EXPECT_EQ(Names(m).size(), 3u);
    EXPECT_EQ(m.snapshot().size(), 3u);
  }
  EXPECT_EQ(visited, 3);  // revived entries are not visited again
  EXPECT_EQ(m.size(), 3u);
  EXPECT_EQ(m.entry_count(), 3u);
  std::vector<int> order;
  for (auto& e : m) order.push_back(e.first->value);
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
}

TEST(KeyMap, PurgeDuringIterationIsDeferredToItsEnd) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign(a, 1);
  m.insert_or_assign(std::make_shared<Widget>(2), 2);  // dead at once
  for (auto& e : m) {
    (void)e;
    m.purge();
    EXPECT_EQ(m.entry_count(), 2u);
  }
  EXPECT_EQ(m.entry_count(), 1u);
}

TEST(KeyMap, ValueDestructorMayReenterTheMap) {
  struct Unregister;
  using Registry = weakref::key_map<Widget, Unregister>;
  struct Unregister {
    Registry* registry = nullptr;
    WidgetPtr other;
    Unregister() = default;
    Unregister(Registry* r, WidgetPtr o) : registry(r), other(std::move(o)) {}
    Unregister(Unregister&& o) noexcept : registry(o.registry), other(std::move(o.other)) {
      o.registry = nullptr;
    }
    Unregister& operator=(Unregister&&) = delete;
    ~Unregister() {
      if (registry && other) registry->erase(other);
    }
  };
  Registry m;
  auto a = std::make_shared<Widget>(1), b = std::make_shared<Widget>(2);
  m.try_emplace(b);
  m.try_emplace(a, &m, b);
  a.reset();
  m.purge();  // destroys a's value, which erases b
  EXPECT_FALSE(m.contains(b));
  EXPECT_EQ(m.entry_count(), 0u);
}

TEST(KeyMap, SnapshotHoldsKeysAndCopiesValues) {
  Map m;
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign(a, 1);
  m.insert_or_assign(std::make_shared<Widget>(2), 2);  // dead at once
  auto snap = m.snapshot();
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(snap[0].first, a);
  snap[0].second = 5;
  EXPECT_EQ(m.at(a), 1);
  a.reset();
  EXPECT_EQ(m.size(), 1u);  // the snapshot keeps the key alive
  snap.clear();
  EXPECT_EQ(m.size(), 0u);
}

TEST(KeyMap, CopyHasSameKeysWeaklyAndItsOwnValues) {
  Map m;
  auto keys = fill(m, 3);
  keys[0].reset();
  Map copy = m;
  EXPECT_EQ(copy.size(), 2u);
  EXPECT_EQ(copy.entry_count(), 2u);  // dead entries are not copied
  copy.at(keys[1]) = 100;
  EXPECT_EQ(m.at(keys[1]), 1);
  EXPECT_EQ(keys[1].use_count(), 1);
  keys[2].reset();
  EXPECT_FALSE(copy.contains(keys[2]));
  EXPECT_EQ(copy.size(), 1u);
  Map assigned;
  assigned = copy;
  EXPECT_EQ(assigned.at(keys[1]), 100);
  const Map& same = assigned;
  assigned = same;  // self-assignment
  EXPECT_EQ(assigned.size(), 1u);
}

TEST(KeyMap, MoveTransfersEntriesWithoutTouchingValues) {
  weakref::key_map<Widget, std::unique_ptr<int>> m;
  auto a = std::make_shared<Widget>(1);
  m.insert_or_assign(a, std::make_unique<int>(4));
  const int* where = m.at(a).get();
  auto moved = std::move(m);
  EXPECT_EQ(moved.at(a).get(), where);
  weakref::key_map<Widget, std::unique_ptr<int>> target;
  target = std::move(moved);
  EXPECT_EQ(target.at(a).get(), where);
  EXPECT_EQ(target.size(), 1u);
  static_assert(std::is_nothrow_move_constructible_v<Map>);
  static_assert(std::is_nothrow_move_assignable_v<Map>);
}

// The Python documentation's use: "associate additional data with an object
// owned by other parts of an application without adding attributes to those
// objects". The spell checker annotates documents owned by the editor; a
// closed document takes its annotations with it.
TEST(KeyMap, AttachesMetadataWithoutKeepingObjectsAlive) {
  struct Document {
    std::string text;
  };
  struct Editor {
    std::vector<std::shared_ptr<Document>> open;
  } editor;
  editor.open.push_back(std::make_shared<Document>(Document{"teh cat"}));
  editor.open.push_back(std::make_shared<Document>(Document{"the dog"}));

  weakref::key_map<Document, std::vector<std::string>> misspelt;
  for (const auto& doc : editor.open)
    if (doc->text.find("teh") != std::string::npos) misspelt[doc].push_back("teh");
  misspelt[editor.open[1]];  // checked, clean

  EXPECT_EQ(misspelt.at(editor.open[0]), std::vector<std::string>{"teh"});
  EXPECT_TRUE(misspelt.at(editor.open[1]).empty());
  EXPECT_EQ(editor.open[0].use_count(), 1);  // the checker owns nothing

  editor.open.erase(editor.open.begin());  // the editor closes the first document
  EXPECT_EQ(misspelt.size(), 1u);
  for (auto& [doc, words] : misspelt) {
    EXPECT_EQ(doc->text, "the dog");
    EXPECT_TRUE(words.empty());
  }
}

TEST(KeyMap, KeysDyingOnAnotherThreadWhileIteratingAndInserting) {
  Map m;
  // Only this thread touches the map; the other only drops its keys.
  std::vector<WidgetPtr> doomed = fill(m, 500);
  std::vector<WidgetPtr> mine;
  std::atomic<bool> go{false};
  std::thread killer([&doomed, &go] {
    while (!go.load()) std::this_thread::yield();
    for (auto& p : doomed) p.reset();  // each key dies on this thread
  });
  go = true;
  int mismatches = 0;
  for (int round = 0; round < 60; ++round) {
    for (auto& [k, v] : m) {
      if (!k || k->value != v) ++mismatches;
      if (v == 250) m.erase(k);
    }
    mine.push_back(std::make_shared<Widget>(1000 + round));
    m.insert_or_assign(mine.back(), 1000 + round);
    m.insert_or_assign(std::make_shared<Widget>(-1), -1);  // dead at once: drives sweeps
    Map copy = m;
    for (auto& [k, v] : m.snapshot())
      if (k->value != v) ++mismatches;
    (void)copy.size();
  }
  killer.join();
  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(m.size(), mine.size());
  m.purge();
  EXPECT_EQ(m.entry_count(), mine.size());
}

}  // namespace
