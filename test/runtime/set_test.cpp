// set: WeakSet semantics, and the observer-list behaviour the
// weakify-owning-observers fix-it relies on (notify while observers come,
// go and die).
#include <weakref/set.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Listener {
  explicit Listener(int id = 0) : id(id) {}
  int id;
  int calls = 0;
  void notify() { ++calls; }
};

using Set = weakref::set<Listener>;

std::vector<int> ids(const Set& s) {
  std::vector<int> out;
  for (const auto& l : s) out.push_back(l->id);
  return out;
}

TEST(WeakSet, InsertKeepsInsertionOrderAndCountsLiveElements) {
  Set s;
  auto a = std::make_shared<Listener>(1), b = std::make_shared<Listener>(2),
       c = std::make_shared<Listener>(3);
  EXPECT_TRUE(s.insert(b).second);
  EXPECT_TRUE(s.insert(a).second);
  s.add(c);
  EXPECT_EQ(ids(s), (std::vector<int>{2, 1, 3}));
  EXPECT_EQ(s.size(), 3u);
  EXPECT_TRUE(s.contains(a));
  EXPECT_EQ(s.count(c), 1u);
  EXPECT_FALSE(s.empty());
}

TEST(WeakSet, InsertingAMemberAgainKeepsItsPlace) {
  Set s;
  auto a = std::make_shared<Listener>(1), b = std::make_shared<Listener>(2);
  s.insert(a);
  s.insert(b);
  auto [it, inserted] = s.insert(a);
  EXPECT_FALSE(inserted);
  EXPECT_EQ(*it, a);
  EXPECT_EQ(ids(s), (std::vector<int>{1, 2}));
}

TEST(WeakSet, TheSetDoesNotKeepElementsAlive) {
  Set s;
  std::weak_ptr<Listener> watch;
  {
    auto a = std::make_shared<Listener>(1);
    watch = a;
    s.insert(a);
  }
  EXPECT_TRUE(watch.expired());
}

TEST(WeakSet, IterationKeepsTheVisitedElementAlive) {
  Set s;
  auto a = std::make_shared<Listener>(1);
  std::weak_ptr<Listener> watch = a;
  s.insert(a);
  auto it = s.begin();
  a.reset();  // the last outside owner goes during the step
  EXPECT_FALSE(watch.expired());
  (*it)->notify();
  ++it;
  EXPECT_EQ(it, s.end());
  EXPECT_TRUE(watch.expired());
}

TEST(WeakSet, ReinsertingAnErasedElementDuringIterationMovesItToTheEnd) {
  Set s;
  auto a = std::make_shared<Listener>(1), b = std::make_shared<Listener>(2);
  s.insert(a);
  s.insert(b);
  for (const auto& l : s)
    if (l == a) {
      s.erase(a);
      s.insert(a);
    }
  EXPECT_EQ(ids(s), (std::vector<int>{2, 1}));
  EXPECT_EQ(s.size(), 2u);
}

TEST(WeakSet, EraseIfAndClear) {
  Set s;
  std::vector<std::shared_ptr<Listener>> owners;
  for (int i = 0; i < 6; ++i) {
    owners.push_back(std::make_shared<Listener>(i));
    s.insert(owners.back());
  }
  EXPECT_EQ(s.erase_if([](const std::shared_ptr<Listener>& l) { return l->id >= 3; }), 3u);
  EXPECT_EQ(ids(s), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(s.erase(owners[0]), 1u);
  EXPECT_EQ(s.erase(owners[0]), 0u);
  s.clear();
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.entry_count(), 0u);
}

TEST(WeakSet, FindReturnsTheLiveElement) {
  Set s;
  auto a = std::make_shared<Listener>(1), b = std::make_shared<Listener>(2);
  s.insert(a);
  EXPECT_EQ(*s.find(a), a);
  EXPECT_EQ(s.find(b), s.end());
  auto it = s.find(a);
  it = s.erase(it);
  EXPECT_EQ(it, s.end());
  EXPECT_FALSE(s.contains(a));
}

TEST(WeakSet, SnapshotIsAStrongCopyInOrder) {
  Set s;
  auto a = std::make_shared<Listener>(1), b = std::make_shared<Listener>(2);
  s.insert(a);
  s.insert(b);
  std::weak_ptr<Listener> watch = a;
  auto snap = s.snapshot();
  a.reset();
  EXPECT_FALSE(watch.expired());
  ASSERT_EQ(snap.size(), 2u);
  EXPECT_EQ(snap[0]->id, 1);
  EXPECT_EQ(snap[1], b);
}

TEST(WeakSet, ForEachMayChangeTheSet) {
  Set s;
  std::vector<std::shared_ptr<Listener>> owners;
  for (int i = 0; i < 3; ++i) {
    owners.push_back(std::make_shared<Listener>(i));
    s.insert(owners.back());
  }
  s.for_each([&](Listener& l) {
    l.notify();
    if (l.id == 1) s.erase(owners[1]);
  });
  for (const auto& o : owners) EXPECT_EQ(o->calls, 1);
  EXPECT_EQ(s.size(), 2u);
}

// The Python tutorial's WeakSet observers, in C++: a subject notifies its
// observers without owning them; an observer nobody else holds is gone.
class Subject {
public:
  void subscribe(const std::shared_ptr<Listener>& l) { observers_.insert(l); }
  void unsubscribe(const std::shared_ptr<Listener>& l) { observers_.erase(l); }
  void notify() {
    for (const auto& l : observers_) l->notify();
  }
  std::size_t observers() const { return observers_.size(); }

private:
  weakref::set<Listener> observers_;
};

TEST(WeakSet, ObserverListExample) {
  Subject subject;
  auto kept = std::make_shared<Listener>(1);
  subject.subscribe(kept);
  {
    auto temporary = std::make_shared<Listener>(2);
    subject.subscribe(temporary);
    subject.notify();
    EXPECT_EQ(temporary->calls, 1);
  }
  subject.notify();
  EXPECT_EQ(kept->calls, 2);
  EXPECT_EQ(subject.observers(), 1u);
  subject.unsubscribe(kept);
  EXPECT_EQ(subject.observers(), 0u);
}

// Plain observers report nothing; an iteration that steps over dead ones
// sweeps them when it ends once they are an eighth of the entries (fewer
// are left to the insertion schedule, counted across iterations).
TEST(WeakSet, AnIterationSweepsTheDeadItMetWhenTheyAreManyEnough) {
  Set s;
  std::vector<std::shared_ptr<Listener>> owners;
  for (int i = 0; i < 80; ++i) {
    owners.push_back(std::make_shared<Listener>(i));
    s.insert(owners.back());
  }
  for (int i = 0; i < 4; ++i) owners[static_cast<std::size_t>(i * 10)].reset();  // 4 of 80
  for (const auto& l : s) l->notify();
  EXPECT_EQ(s.entry_count(), 80u) << "4 dead of 80 are fewer than an eighth";
  for (const auto& l : s) l->notify();
  for (const auto& l : s) l->notify();
  EXPECT_EQ(s.entry_count(), 76u) << "12 dead seen over three walks reach 80 / 8";

  for (int i = 1; i < 11; ++i) owners[static_cast<std::size_t>(i * 7)].reset();  // 10 more
  {
    auto it = s.begin();
    ++it;
    EXPECT_EQ(s.entry_count(), 76u) << "nothing goes while the iteration runs";
  }
  EXPECT_EQ(s.entry_count(), 76u) << "a walk cut short saw too few of them";
  EXPECT_EQ(ids(s).size(), 66u);
  EXPECT_EQ(s.entry_count(), 66u) << "a whole walk sweeps the 10 dead";
  EXPECT_EQ(s.size(), 66u);
}

TEST(WeakSet, ElementsDyingOnAnotherThreadWhileIterating) {
  Set s;
  std::vector<std::shared_ptr<Listener>> owned;
  for (int i = 0; i < 200; ++i) {
    owned.push_back(std::make_shared<Listener>(i));
    s.insert(owned.back());
  }
  std::atomic<bool> go{false};
  std::thread killer([&] {
    while (!go.load()) std::this_thread::yield();
    for (auto& p : owned) p.reset();  // each element dies on this thread
  });
  go = true;
  std::vector<std::shared_ptr<Listener>> mine;
  for (int round = 0; round < 50; ++round) {
    for (const auto& l : s) ASSERT_NE(l, nullptr);
    mine.push_back(std::make_shared<Listener>(1000 + round));
    s.insert(mine.back());
    Set copy = s;
    (void)copy.size();
    (void)s.snapshot();
  }
  killer.join();
  EXPECT_EQ(s.size(), mine.size());
}

}  // namespace
