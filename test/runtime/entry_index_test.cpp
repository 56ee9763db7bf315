// detail::entry_index (the containers' hash index) against std::map as a
// model, with hash functions that cluster on purpose, and value_map with
// keys whose hashes all collide.
#include <gtest/gtest.h>

#include <cstddef>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>
#include <weakref/detail/entry_index.hpp>
#include <weakref/make_shared.hpp>
#include <weakref/value_map.hpp>

namespace {

struct Node {
  int payload = 0;
};
using Entry = weakref::detail::indexed_entry<int, Node>;

struct ConstantHash {
  std::size_t operator()(int) const noexcept { return 42; }
};
struct IdentityHash {
  std::size_t operator()(int k) const noexcept { return static_cast<std::size_t>(k); }
};
struct HighBitsHash {  // differs only above bit 32: the low bits never help
  std::size_t operator()(int k) const noexcept {
    return static_cast<std::size_t>(static_cast<unsigned>(k)) << 32;
  }
};

// Random insertions and erasures; after each step every key of the model
// is found with its entry, and a few absent keys are not.
template <class Hash>
void check_against_model(unsigned seed) {
  weakref::detail::entry_index<Entry, Hash, std::equal_to<int>> index;
  std::map<int, std::unique_ptr<Entry>> model;
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> key_of(0, 300);
  for (int step = 0; step < 4000; ++step) {
    const int key = key_of(random);
    const std::size_t hash = index.hash(key);
    auto it = model.find(key);
    Entry* found = index.find(key, hash);
    ASSERT_EQ(found, it == model.end() ? nullptr : it->second.get()) << "step " << step;
    if (it == model.end()) {
      auto e = std::make_unique<Entry>(key, Node{step});
      e->hash = hash;
      index.reserve_one();
      index.insert(e.get());
      model.emplace(key, std::move(e));
    } else {
      index.erase(it->second.get());
      model.erase(it);
    }
    ASSERT_EQ(index.size(), model.size());
    if (step % 97 == 0) {
      for (const auto& [k, e] : model) ASSERT_EQ(index.find(k, index.hash(k)), e.get()) << k;
      for (int absent = 301; absent < 310; ++absent)
        ASSERT_EQ(index.find(absent, index.hash(absent)), nullptr);
    }
  }
  index.clear();
  EXPECT_EQ(index.size(), 0u);
  for (const auto& [k, e] : model) EXPECT_EQ(index.find(k, index.hash(k)), nullptr);
}

TEST(EntryIndex, MatchesAModelWithAGoodHash) { check_against_model<std::hash<int>>(1); }
TEST(EntryIndex, MatchesAModelWithTheIdentityHash) { check_against_model<IdentityHash>(2); }
TEST(EntryIndex, MatchesAModelWhenOnlyHighBitsDiffer) { check_against_model<HighBitsHash>(3); }
TEST(EntryIndex, MatchesAModelWhenEveryHashCollides) { check_against_model<ConstantHash>(4); }

// Erasing from the middle of a probe run moves the later entries back:
// with every hash equal, all entries share one run.
TEST(EntryIndex, ErasingInsideOneRunKeepsTheRestFindable) {
  weakref::detail::entry_index<Entry, ConstantHash, std::equal_to<int>> index;
  std::vector<std::unique_ptr<Entry>> entries;
  for (int k = 0; k < 6; ++k) {
    entries.push_back(std::make_unique<Entry>(k, Node{}));
    entries.back()->hash = index.hash(k);
    index.reserve_one();
    index.insert(entries.back().get());
  }
  std::vector<bool> erased(6, false);
  for (int gone : {2, 0, 5}) {  // the middle, the head, the tail of the run
    index.erase(entries[static_cast<std::size_t>(gone)].get());
    erased[static_cast<std::size_t>(gone)] = true;
    for (int k = 0; k < 6; ++k) {
      Entry* expected = erased[static_cast<std::size_t>(k)]
                            ? nullptr
                            : entries[static_cast<std::size_t>(k)].get();
      EXPECT_EQ(index.find(k, index.hash(k)), expected) << "key " << k << " after erasing " << gone;
    }
  }
  EXPECT_EQ(index.size(), 3u);
}

// A value_map whose keys all collide still finds, replaces and drops them.
struct CollidingStringHash {
  std::size_t operator()(const std::string&) const noexcept { return 7; }
};
TEST(EntryIndex, ValueMapWithCollidingKeysBehaves) {
  weakref::value_map<std::string, int, CollidingStringHash> map;
  std::vector<std::shared_ptr<int>> alive;
  for (int i = 0; i < 200; ++i) {
    alive.push_back(weakref::make_shared<int>(i));
    map.insert_or_assign("k" + std::to_string(i), alive.back());
  }
  for (int i = 0; i < 200; i += 2) alive[static_cast<std::size_t>(i)].reset();  // half die
  map.insert_or_assign("new", weakref::make_shared<int>(-1));  // collects the deaths
  EXPECT_EQ(map.size(), 100u);
  EXPECT_EQ(map.entry_count(), 100u);
  for (int i = 0; i < 200; ++i) {
    auto v = map.get("k" + std::to_string(i));
    if (i % 2 == 0)
      EXPECT_EQ(v, nullptr) << i;
    else
      EXPECT_TRUE(v && *v == i) << i;
  }
}

// A hash with state travels with the entries it placed: after a move
// assignment the map still finds them.
struct SeededHash {
  std::size_t seed = 0;
  std::size_t operator()(int k) const noexcept { return std::hash<int>{}(k) ^ seed; }
};
TEST(EntryIndex, MoveAssignmentKeepsTheHashThatPlacedTheEntries) {
  weakref::value_map<int, int, SeededHash> from(SeededHash{1}), to(SeededHash{12345});
  std::vector<std::shared_ptr<int>> alive;
  for (int k = 0; k < 20; ++k) {
    alive.push_back(weakref::make_shared<int>(k));
    from.insert_or_assign(k, alive.back());
  }
  to = std::move(from);
  for (int k = 0; k < 20; ++k) {
    auto v = to.get(k);
    EXPECT_TRUE(v && *v == k) << k;
  }
  EXPECT_EQ(to.hash_function().seed, 1u);
}

}  // namespace
