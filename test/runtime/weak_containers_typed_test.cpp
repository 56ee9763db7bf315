// The container behaviours that value_map, set and key_map share, run
// against all three through a small adapter per container. The "object" of
// an entry is what the container holds weakly: the value of a value_map
// (stored under the object's serial number), the element of a set, the key
// of a key_map (mapped to a Payload). Behaviour specific to one container
// stays in its own test file.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>
#include <weakref/key_map.hpp>
#include <weakref/make_shared.hpp>
#include <weakref/set.hpp>
#include <weakref/value_map.hpp>

namespace {

// An object compared by value (id), while the containers compare by
// identity. serial is unique per object: the value_map adapter's key.
struct Obj {
  explicit Obj(int id) : id(id), serial(next_serial()) {}
  Obj(const Obj&) = delete;
  Obj& operator=(const Obj&) = delete;
  ~Obj() {
    if (on_destroy) on_destroy();
  }
  static int next_serial() {
    static std::atomic<int> next{1};
    return next++;
  }
  friend bool operator==(const Obj& a, const Obj& b) { return a.id == b.id; }

  int id;
  int serial;
  std::function<void()> on_destroy;  // run by the destructor, if set
};
using ObjPtr = std::shared_ptr<Obj>;

// key_map's V: the object's id, plus a hook run when the map destroys it.
// Moving takes the hook along, so only the stored Payload runs it.
struct Payload {
  explicit Payload(int n = 0) : n(n) {}
  Payload(Payload&& o) noexcept : n(o.n), on_destroy(std::exchange(o.on_destroy, nullptr)) {}
  Payload& operator=(Payload&& o) noexcept {
    n = o.n;
    on_destroy = std::exchange(o.on_destroy, nullptr);
    return *this;
  }
  Payload(const Payload& o) : n(o.n) {}  // copies (map copies) run nothing
  ~Payload() {
    if (on_destroy) on_destroy();
  }
  int n;
  std::function<void()> on_destroy;
};

// ---------------------------------------------------------------- adapters
// Each adapter gives: Container, insert (true when a new entry was made),
// contains, erase (live entries removed), object(entry seen by iteration).
// keyed_by_owner: aliasing pointers to other sub-objects of one owner are
// the same entry (set, key_map); value_map is keyed by its K (the serial).
// null_throws: inserting null throws (key_map) instead of storing nothing.
// owns_values: the container destroys a V of its own (key_map).

struct ValueMapAdapter {
  using Container = weakref::value_map<int, Obj>;
  static constexpr bool keyed_by_owner = false;
  static constexpr bool null_throws = false;
  static constexpr bool owns_values = false;
  static int key(const ObjPtr& p) { return p ? p->serial : 0; }
  static bool insert(Container& c, const ObjPtr& p) { return c.insert_or_assign(key(p), p).second; }
  static bool contains(const Container& c, const ObjPtr& p) {
    ObjPtr stored = c.get(key(p));
    return stored && !stored.owner_before(p) && !p.owner_before(stored);
  }
  static std::size_t erase(Container& c, const ObjPtr& p) { return c.erase(key(p)); }
  template <class Entry>
  static ObjPtr object(const Entry& e) {
    return e.second;
  }
};

struct SetAdapter {
  using Container = weakref::set<Obj>;
  static constexpr bool keyed_by_owner = true;
  static constexpr bool null_throws = false;
  static constexpr bool owns_values = false;
  static bool insert(Container& c, const ObjPtr& p) { return c.insert(p).second; }
  static bool contains(const Container& c, const ObjPtr& p) { return c.contains(p); }
  static std::size_t erase(Container& c, const ObjPtr& p) { return c.erase(p); }
  static ObjPtr object(const ObjPtr& e) { return e; }
};

struct KeyMapAdapter {
  using Container = weakref::key_map<Obj, Payload>;
  static constexpr bool keyed_by_owner = true;
  static constexpr bool null_throws = true;
  static constexpr bool owns_values = true;
  static bool insert(Container& c, const ObjPtr& p) {
    return c.insert_or_assign(p, Payload(p ? p->id : 0)).second;
  }
  static bool contains(const Container& c, const ObjPtr& p) { return c.contains(p); }
  static std::size_t erase(Container& c, const ObjPtr& p) { return c.erase(p); }
  template <class Entry>
  static ObjPtr object(const Entry& e) {
    return e.first;
  }
};

enum class Maker { plain, hooked };
constexpr Maker kMakers[] = {Maker::plain, Maker::hooked};

const char* name(Maker m) {
  return m == Maker::plain ? "std::make_shared" : "weakref::make_shared";
}

ObjPtr make(Maker m, int id) {
  return m == Maker::plain ? std::make_shared<Obj>(id) : weakref::make_shared<Obj>(id);
}

template <class A>
class WeakContainers : public testing::Test {
 protected:
  using C = typename A::Container;

  // The ids iteration yields, in order.
  static std::vector<int> ids(const C& c) {
    std::vector<int> out;
    for (const auto& e : c) out.push_back(A::object(e)->id);
    return out;
  }
  // n live objects with ids first..first+n-1, inserted in that order.
  static std::vector<ObjPtr> fill(C& c, Maker m, int n, int first = 0) {
    std::vector<ObjPtr> objects;
    for (int i = 0; i < n; ++i) {
      objects.push_back(make(m, first + i));
      EXPECT_TRUE(A::insert(c, objects.back()));
    }
    return objects;
  }
  // Fills the container's cache of freed entry blocks, so that the next
  // entry it frees goes back to the heap, where ASan sees any later use.
  static void fill_block_cache(C& c) {
    std::vector<ObjPtr> filler = fill(c, Maker::plain, 12, 900);
    for (const ObjPtr& o : filler) EXPECT_EQ(A::erase(c, o), 1u);
  }
};

using Adapters = testing::Types<ValueMapAdapter, SetAdapter, KeyMapAdapter>;

class AdapterNames {
 public:
  template <class A>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<A, ValueMapAdapter>)
      return "value_map";
    else if constexpr (std::is_same_v<A, SetAdapter>)
      return "set";
    else
      return "key_map";
  }
};

TYPED_TEST_SUITE(WeakContainers, Adapters, AdapterNames);

// ------------------------------------------------------------ identity

TYPED_TEST(WeakContainers, IdentityNotValue) {
  using A = TypeParam;
  typename A::Container c;
  auto a = std::make_shared<Obj>(7), twin = std::make_shared<Obj>(7);
  ASSERT_TRUE(*a == *twin);
  EXPECT_TRUE(A::insert(c, a));
  EXPECT_FALSE(A::contains(c, twin));  // equal, but another object
  EXPECT_TRUE(A::insert(c, twin));
  EXPECT_EQ(c.size(), 2u);
  EXPECT_FALSE(A::insert(c, a));  // the same object again: no new entry
  EXPECT_EQ(c.size(), 2u);
  EXPECT_EQ(A::erase(c, twin), 1u);
  EXPECT_TRUE(A::contains(c, a));
  EXPECT_FALSE(A::contains(c, twin));

  // Aliasing shared_ptrs of one owner.
  struct Pair {
    Obj left{1}, right{2};
  };
  auto owner = std::make_shared<Pair>();
  ObjPtr left(owner, &owner->left);
  ObjPtr left_again(std::shared_ptr<Pair>(owner), &owner->left);
  ObjPtr right(owner, &owner->right);
  EXPECT_TRUE(A::insert(c, left));
  EXPECT_FALSE(A::insert(c, left_again));
  EXPECT_TRUE(A::contains(c, left_again));
  EXPECT_EQ(c.size(), 2u);
  // Another sub-object of the same owner: the same identity for set and
  // key_map; value_map is keyed by K, and right has another key.
  EXPECT_EQ(A::contains(c, right), A::keyed_by_owner);
  EXPECT_EQ(A::insert(c, right), !A::keyed_by_owner);
  EXPECT_EQ(c.size(), A::keyed_by_owner ? 2u : 3u);
  EXPECT_EQ(c.entry_count(), c.size());
}

TYPED_TEST(WeakContainers, NullIsNeverStoredNorFound) {
  using A = TypeParam;
  typename A::Container c;
  ObjPtr null;
  if constexpr (A::null_throws) {
    EXPECT_THROW(A::insert(c, null), std::invalid_argument);
  } else {
    EXPECT_FALSE(A::insert(c, null));
  }
  EXPECT_FALSE(A::contains(c, null));
  EXPECT_EQ(A::erase(c, null), 0u);
  auto a = std::make_shared<Obj>(1);
  A::insert(c, a);
  EXPECT_FALSE(A::contains(c, null));
  EXPECT_EQ(A::erase(c, null), 0u);
  EXPECT_EQ(c.size(), 1u);
  EXPECT_EQ(c.entry_count(), 1u);
  EXPECT_EQ(this->ids(c), std::vector<int>{1});
}

// ------------------------------------------------------------ order

TYPED_TEST(WeakContainers, IterationFollowsInsertionOrder) {
  using A = TypeParam;
  typename A::Container c;
  std::vector<ObjPtr> objects;
  for (int id : {5, 2, 9, 1, 7}) {
    objects.push_back(std::make_shared<Obj>(id));
    A::insert(c, objects.back());
  }
  EXPECT_EQ(this->ids(c), (std::vector<int>{5, 2, 9, 1, 7}));
  A::insert(c, objects[0]);  // present: keeps its place
  EXPECT_EQ(this->ids(c), (std::vector<int>{5, 2, 9, 1, 7}));
  A::erase(c, objects[2]);
  A::insert(c, objects[2]);  // erased and inserted again: goes last
  objects[3].reset();        // dies: leaves its place
  EXPECT_EQ(this->ids(c), (std::vector<int>{5, 2, 7, 9}));
}

// ------------------------------------------------------------ deaths

TYPED_TEST(WeakContainers, ADeadElementIsAbsentEverywhereAtOnce) {
  using A = TypeParam;
  for (Maker m : kMakers) {
    SCOPED_TRACE(name(m));
    typename A::Container c;
    auto a = make(m, 1), b = make(m, 2);
    A::insert(c, a);
    A::insert(c, b);
    std::weak_ptr<Obj> watch = a;
    a.reset();
    ASSERT_TRUE(watch.expired());
    // No mutation since the death: the entry is still stored, and invisible.
    EXPECT_EQ(c.entry_count(), 2u);
    EXPECT_EQ(c.size(), 1u);
    EXPECT_FALSE(c.empty());
    EXPECT_EQ(this->ids(c), std::vector<int>{2});
    EXPECT_EQ(c.snapshot().size(), 1u);
    EXPECT_TRUE(A::contains(c, b));
    b.reset();
    EXPECT_EQ(c.size(), 0u);
    EXPECT_TRUE(c.empty());
    EXPECT_EQ(c.begin(), c.end());
    EXPECT_TRUE(c.snapshot().empty());
    c.purge();
    EXPECT_EQ(c.entry_count(), 0u);
  }
}

TYPED_TEST(WeakContainers, HookedDeathsAreCollectedAtTheNextInsertion) {
  using A = TypeParam;
  typename A::Container c;
  auto objects = this->fill(c, Maker::hooked, 10);
  for (int i : {1, 4, 5, 8}) objects[i].reset();
  EXPECT_EQ(c.size(), 6u);
  EXPECT_EQ(c.entry_count(), 10u);  // reported, not collected yet
  auto fresh = make(Maker::hooked, 10);
  EXPECT_TRUE(A::insert(c, fresh));
  EXPECT_EQ(c.entry_count(), 7u);  // exactly the live count
  EXPECT_EQ(c.size(), 7u);
  // An erase collects too, even one that finds nothing.
  objects[0].reset();
  EXPECT_EQ(A::erase(c, make(Maker::hooked, 99)), 0u);
  EXPECT_EQ(c.entry_count(), 6u);
  EXPECT_EQ(this->ids(c), (std::vector<int>{2, 3, 6, 7, 9, 10}));
}

TYPED_TEST(WeakContainers, PlainDeathsAreSweptAmortised) {
  using A = TypeParam;
  constexpr std::size_t kLive = 100;
  typename A::Container c;
  auto live = this->fill(c, Maker::plain, static_cast<int>(kLive));
  std::size_t peak = 0;
  for (int i = 0; i < 100000; ++i) {
    A::insert(c, std::make_shared<Obj>(1000 + i));  // dead on return
    peak = std::max(peak, c.entry_count());
  }
  EXPECT_EQ(c.size(), kLive);
  // docs/runtime.md: entry_count() <= 2 * (live at the last sweep) + 17; at
  // most kLive + 1 (the one being inserted) are live at any sweep.
  EXPECT_LE(peak, 2 * (kLive + 1) + 17);
  EXPECT_GT(peak, kLive + 1);  // plain deaths are not reported: found lazily
  c.purge();
  EXPECT_EQ(c.entry_count(), kLive);
}

// ------------------------------------------------------------ iteration

TYPED_TEST(WeakContainers, ErasingTheVisitedElementDuringIteration) {
  using A = TypeParam;
  typename A::Container c;
  auto objects = this->fill(c, Maker::plain, 6);
  std::vector<int> visited;
  for (const auto& e : c) {
    ObjPtr o = A::object(e);
    visited.push_back(o->id);
    if (o->id % 2 == 0) {
      EXPECT_EQ(A::erase(c, o), 1u);
      EXPECT_FALSE(A::contains(c, o));
      EXPECT_EQ(o->id % 2, 0);  // the step's object stays usable
    }
  }
  EXPECT_EQ(visited, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(this->ids(c), (std::vector<int>{1, 3, 5}));
  EXPECT_EQ(c.entry_count(), 3u);  // committed when the iteration ended
}

TYPED_TEST(WeakContainers, ErasingALaterElementDuringIterationSkipsIt) {
  using A = TypeParam;
  typename A::Container c;
  auto objects = this->fill(c, Maker::plain, 5);
  std::vector<int> visited;
  for (const auto& e : c) {
    visited.push_back(A::object(e)->id);
    if (visited.size() == 1) {
      EXPECT_EQ(A::erase(c, objects[2]), 1u);
      EXPECT_EQ(A::erase(c, objects[4]), 1u);
      EXPECT_EQ(c.size(), 3u);
    }
  }
  EXPECT_EQ(visited, (std::vector<int>{0, 1, 3}));
  EXPECT_EQ(c.entry_count(), 3u);
}

TYPED_TEST(WeakContainers, InsertionDuringIterationIsNotVisited) {
  using A = TypeParam;
  typename A::Container c;
  auto objects = this->fill(c, Maker::plain, 3);
  std::vector<int> visited;
  for (const auto& e : c) {
    const int id = A::object(e)->id;
    visited.push_back(id);
    for (int j = 0; j < 40; ++j) {  // enough to rehash the index
      objects.push_back(std::make_shared<Obj>(100 * (id + 1) + j));
      EXPECT_TRUE(A::insert(c, objects.back()));
    }
  }
  EXPECT_EQ(visited, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(c.size(), 3u + 3 * 40);
  const std::vector<int> order = this->ids(c);
  ASSERT_EQ(order.size(), 123u);
  EXPECT_EQ(order[3], 100);
  EXPECT_EQ(order.back(), 339);
}

TYPED_TEST(WeakContainers, DeathDuringIteration) {
  using A = TypeParam;
  for (Maker m : kMakers) {
    SCOPED_TRACE(name(m));
    typename A::Container c;
    auto objects = this->fill(c, m, 6);
    std::weak_ptr<Obj> visited_one = objects[1];
    std::vector<int> visited;
    for (const auto& e : c) {
      ObjPtr o = A::object(e);
      visited.push_back(o->id);
      if (o->id == 1) {
        objects[1].reset();  // the visited one: the iterator holds it
        objects[4].reset();  // a later one: dies before it is reached
        EXPECT_FALSE(visited_one.expired());
        EXPECT_EQ(o->id, 1);
        EXPECT_EQ(c.size(), 5u);  // the visited one is still alive
        EXPECT_EQ(c.entry_count(), 6u);
      }
    }
    EXPECT_TRUE(visited_one.expired());
    EXPECT_EQ(visited, (std::vector<int>{0, 1, 2, 3, 5}));
    EXPECT_EQ(c.size(), 4u);
    if (m == Maker::hooked) {
      EXPECT_EQ(c.entry_count(), 4u);  // collected when the iteration ended
    } else {
      EXPECT_LE(c.entry_count(), 6u);
    }
    EXPECT_EQ(this->ids(c), (std::vector<int>{0, 2, 3, 5}));
  }
}

TYPED_TEST(WeakContainers, ClearDuringIteration) {
  using A = TypeParam;
  typename A::Container c;
  auto objects = this->fill(c, Maker::hooked, 5);
  std::vector<int> visited;
  ObjPtr late = std::make_shared<Obj>(50);
  for (const auto& e : c) {
    ObjPtr o = A::object(e);
    visited.push_back(o->id);
    c.clear();
    EXPECT_EQ(c.size(), 0u);
    EXPECT_FALSE(A::contains(c, o));
    EXPECT_EQ(o->id, visited.back());       // the step's object stays usable
    EXPECT_TRUE(A::insert(c, late));        // after begin(): not visited
    EXPECT_TRUE(A::insert(c, objects[4]));  // cleared, inserted again
    EXPECT_EQ(c.size(), 2u);
  }
  EXPECT_EQ(visited, std::vector<int>{0});
  EXPECT_EQ(this->ids(c), (std::vector<int>{50, 4}));
  EXPECT_EQ(c.entry_count(), 2u);
}

// ------------------------------------------------------------ copy, move

TYPED_TEST(WeakContainers, ACopyHoldsTheSameLiveEntriesWeakly) {
  using A = TypeParam;
  for (Maker m : kMakers) {
    SCOPED_TRACE(name(m));
    typename A::Container c;
    auto objects = this->fill(c, m, 4);
    objects[1].reset();
    typename A::Container copy = c;
    EXPECT_EQ(this->ids(copy), (std::vector<int>{0, 2, 3}));
    EXPECT_EQ(copy.entry_count(), 3u);  // dead entries are not copied
    for (const auto& o : objects) {
      if (o) {
        EXPECT_EQ(o.use_count(), 1);  // held weakly by both
      }
    }
    objects[2].reset();
    EXPECT_EQ(this->ids(copy), (std::vector<int>{0, 3}));
    EXPECT_EQ(this->ids(c), (std::vector<int>{0, 3}));
    // Independent containers.
    EXPECT_EQ(A::erase(copy, objects[0]), 1u);
    EXPECT_TRUE(A::contains(c, objects[0]));
    typename A::Container assigned;
    assigned = copy;
    EXPECT_EQ(this->ids(assigned), std::vector<int>{3});
    auto fresh = make(m, 9);
    A::insert(c, fresh);
    EXPECT_FALSE(A::contains(assigned, fresh));
  }
}

TYPED_TEST(WeakContainers, AMoveLeavesTheSourceEmpty) {
  using A = TypeParam;
  for (Maker m : kMakers) {
    SCOPED_TRACE(name(m));
    typename A::Container c;
    auto objects = this->fill(c, m, 3);
    typename A::Container moved(std::move(c));
    EXPECT_EQ(this->ids(moved), (std::vector<int>{0, 1, 2}));
    EXPECT_TRUE(c.empty());  // NOLINT(bugprone-use-after-move): specified
    EXPECT_EQ(c.entry_count(), 0u);
    EXPECT_EQ(c.begin(), c.end());
    EXPECT_FALSE(A::contains(c, objects[0]));
    // The source is usable again, and the target keeps collecting deaths.
    EXPECT_TRUE(A::insert(c, objects[0]));
    EXPECT_EQ(c.size(), 1u);
    objects[1].reset();
    auto fresh = make(m, 3);
    A::insert(moved, fresh);
    EXPECT_EQ(this->ids(moved), (std::vector<int>{0, 2, 3}));
    if (m == Maker::hooked) {
      EXPECT_EQ(moved.entry_count(), 3u);
    }

    typename A::Container target;
    auto other = make(m, 7);
    A::insert(target, other);
    target = std::move(moved);
    EXPECT_EQ(this->ids(target), (std::vector<int>{0, 2, 3}));
    EXPECT_TRUE(moved.empty());  // NOLINT(bugprone-use-after-move): specified
    EXPECT_EQ(moved.entry_count(), 0u);
    EXPECT_FALSE(A::contains(target, other));
  }
}

// An iterator stays with the container it came from: moved from, that one
// has nothing left to visit, and the iterator's guard is still its own, so
// both containers erase at once again when the iterator goes.
TYPED_TEST(WeakContainers, MovingTheContainerDuringIteration) {
  using A = TypeParam;
  for (Maker m : kMakers) {
    SCOPED_TRACE(name(m));
    typename A::Container c;
    auto objects = this->fill(c, m, 3);
    {
      auto it = c.begin();
      EXPECT_EQ(A::object(*it)->id, 0);
      typename A::Container moved(std::move(c));
      EXPECT_EQ(A::object(*it)->id, 0);  // the step's object is held
      ++it;
      EXPECT_TRUE(it == c.end());  // NOLINT(bugprone-use-after-move): specified
      EXPECT_EQ(this->ids(moved), (std::vector<int>{0, 1, 2}));
      // The source is still guarded by it: an erase only kills.
      EXPECT_TRUE(A::insert(c, objects[0]));
      EXPECT_EQ(A::erase(c, objects[0]), 1u);
      EXPECT_EQ(c.size(), 0u);
      // The target is not guarded: an erase removes the entry now.
      EXPECT_EQ(A::erase(moved, objects[1]), 1u);
      EXPECT_EQ(moved.entry_count(), 2u);
    }
    // The iterator went: the source committed its erase, and neither
    // container stays guarded (an erase removes at once).
    EXPECT_EQ(c.entry_count(), 0u);
    EXPECT_TRUE(A::insert(c, objects[1]));
    EXPECT_EQ(A::erase(c, objects[1]), 1u);
    EXPECT_EQ(c.entry_count(), 0u);

    // Move assignment, with an iterator on each side.
    typename A::Container source;
    typename A::Container target;
    auto kept = this->fill(source, m, 2, 10);
    auto dropped = this->fill(target, m, 2, 20);
    {
      auto from_source = source.begin();
      auto from_target = target.begin();
      target = std::move(source);
      ++from_source;
      EXPECT_TRUE(from_source == source.end());  // NOLINT(bugprone-use-after-move)
    }
    EXPECT_EQ(this->ids(target), (std::vector<int>{10, 11}));
    EXPECT_EQ(A::erase(target, kept[0]), 1u);
    EXPECT_EQ(target.entry_count(), 1u);
    EXPECT_TRUE(A::insert(source, kept[0]));
    EXPECT_EQ(A::erase(source, kept[0]), 1u);
    EXPECT_EQ(source.entry_count(), 0u);
  }
}

// The work an iteration leaves for its end (entries erased, the old slot of
// one erased and inserted again) moves with the entries: the target drops
// the old slot before it can free the entry, and removes the erased
// entries at its next change.
TYPED_TEST(WeakContainers, AMoveDuringIterationCarriesItsPendingRemovals) {
  using A = TypeParam;
  for (Maker m : kMakers) {
    SCOPED_TRACE(name(m));
    typename A::Container c;
    auto objects = this->fill(c, m, 3);
    this->fill_block_cache(c);
    int payloads_destroyed = 0;
    if constexpr (A::owns_values) {
      for (auto& [key, payload] : c)
        if (key == objects[1]) payload.on_destroy = [&payloads_destroyed] { ++payloads_destroyed; };
    }
    std::optional<typename A::Container> moved;
    {
      auto it = c.begin();
      EXPECT_EQ(A::erase(c, objects[0]), 1u);
      EXPECT_TRUE(A::insert(c, objects[0]));  // revived: a new slot at the end
      EXPECT_EQ(A::erase(c, objects[1]), 1u);
      moved.emplace(std::move(c));
    }
    // No iteration before these checks: one would clean up on its own.
    // Frees objects[0]'s entry: no slot may point to it afterwards.
    EXPECT_EQ(A::erase(*moved, objects[0]), 1u);
    EXPECT_EQ(moved->size(), 1u);
    EXPECT_EQ(moved->entry_count(), 1u);  // the erased objects[1] went too
    if constexpr (A::owns_values) {
      EXPECT_EQ(payloads_destroyed, 1);  // with its value
    }
    // Inserted again, it comes last, as after any erase.
    EXPECT_TRUE(A::insert(*moved, objects[1]));
    EXPECT_EQ(this->ids(*moved), (std::vector<int>{2, 1}));
  }
}

// erase(it) with an iterator of a moved-from container erases nothing, and
// reads nothing of the entry it visited, which the target owns (and here
// already destroyed).
TYPED_TEST(WeakContainers, ErasingThroughAnIteratorOfAMovedFromContainer) {
  using A = TypeParam;
  typename A::Container c;
  auto objects = this->fill(c, Maker::plain, 2);
  auto it = c.begin();
  { typename A::Container moved(std::move(c)); }
  EXPECT_TRUE(c.erase(it) == c.end());  // NOLINT(bugprone-use-after-move): specified
  EXPECT_TRUE(A::insert(c, objects[1]));
  EXPECT_EQ(this->ids(c), std::vector<int>{1});
}

// ------------------------------------------------------------ threads

// Two threads use the container under its owner's lock; the objects they
// drop die outside it, on either thread, while the other one may be in the
// middle of an insertion, an iteration or an erase.
TYPED_TEST(WeakContainers, ElementsDyingOnAnotherThreadWhileUsedUnderTheLock) {
  using A = TypeParam;
  typename A::Container c;
  std::mutex lock;
  std::atomic<int> bad{0};
  auto work = [&](int base) {
    std::vector<ObjPtr> mine;
    for (int round = 0; round < 150; ++round) {
      const Maker m = round % 2 ? Maker::hooked : Maker::plain;
      ObjPtr o = make(m, base + round);
      {
        std::lock_guard<std::mutex> guard(lock);
        A::insert(c, o);
        for (const auto& e : c) {
          ObjPtr seen = A::object(e);
          if (!seen || seen->id < 0) ++bad;
        }
        if (!A::contains(c, o)) ++bad;
        if (round % 3 == 0 && !mine.empty()) A::erase(c, mine.front());
      }
      mine.push_back(std::move(o));
      if (mine.size() > 4) mine.erase(mine.begin());  // dies here, outside the lock
    }
    std::lock_guard<std::mutex> guard(lock);
    for (const auto& o : mine) A::erase(c, o);
  };
  std::thread other(work, 10000);
  work(0);
  other.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(c.size(), 0u);
  auto last = make(Maker::hooked, 1);
  A::insert(c, last);
  c.purge();
  EXPECT_EQ(c.entry_count(), 1u);
}

// ------------------------------------------------------------ re-entrancy

// Destructors run by the container may use it: the object whose last owner
// is the iterator dies when the iterator moves on, inside the loop; a
// key_map destroys its own V when an entry goes.
TYPED_TEST(WeakContainers, ADestructorRunByTheContainerMayUseIt) {
  using A = TypeParam;
  typename A::Container c;
  auto objects = this->fill(c, Maker::hooked, 4);
  auto added = std::make_shared<Obj>(40);
  std::size_t size_seen = 99;
  objects[1]->on_destroy = [&] {
    size_seen = c.size();
    EXPECT_EQ(A::erase(c, objects[3]), 1u);
    EXPECT_TRUE(A::insert(c, added));
    c.purge();
  };
  std::vector<int> visited;
  for (const auto& e : c) {
    visited.push_back(A::object(e)->id);
    if (visited.back() == 1) objects[1].reset();  // the iterator is the last owner now
  }
  EXPECT_EQ(size_seen, 3u);  // 0, 2, 3: the dying one is gone
  EXPECT_EQ(visited, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(this->ids(c), (std::vector<int>{0, 2, 40}));
  EXPECT_EQ(c.entry_count(), 3u);

  if constexpr (A::owns_values) {
    // The V of a dead entry, destroyed by the map, erases another entry.
    auto doomed = weakref::make_shared<Obj>(5);
    c.insert_or_assign(doomed, Payload(5));
    int runs = 0;
    c.at(doomed).on_destroy = [&] {
      ++runs;
      EXPECT_EQ(A::erase(c, objects[0]), 1u);
      EXPECT_FALSE(A::contains(c, objects[0]));
    };
    doomed.reset();
    EXPECT_EQ(runs, 0);  // destroyed by the map, not on the dying path
    A::insert(c, objects[2]);
    EXPECT_EQ(runs, 1);
    EXPECT_EQ(this->ids(c), (std::vector<int>{2, 40}));
    EXPECT_EQ(c.entry_count(), 2u);
  }
}

}  // namespace
