// The live-instance table of a site: inserts, erases, tombstones reused and
// cleared by growth, iteration sees exactly the addresses present.
#include <weakref/detail/audit_address_set.hpp>

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace {

using weakref::audit::detail::address_set;

std::set<const void*> contents(const address_set& s) {
  std::set<const void*> out;
  for (const void* p : s) out.insert(p);
  return out;
}

TEST(AuditAddressSet, InsertEraseIterate) {
  std::vector<long> objects(1000);
  address_set s;
  std::set<const void*> expected;
  for (auto& o : objects) {
    s.insert(&o);
    expected.insert(&o);
  }
  s.insert(&objects[3]);  // present: unchanged
  EXPECT_EQ(s.size(), 1000u);
  for (std::size_t i = 0; i < objects.size(); i += 2) {
    s.erase(&objects[i]);
    expected.erase(&objects[i]);
  }
  s.erase(&objects[0]);  // absent: unchanged
  EXPECT_EQ(s.size(), 500u);
  EXPECT_EQ(contents(s), expected);
}

TEST(AuditAddressSet, ChurnKeepsTheTableSmall) {
  std::vector<long> objects(64);
  address_set s;
  for (int round = 0; round < 10000; ++round) {
    const void* p = &objects[round % 64];
    s.insert(p);
    s.erase(p);
  }
  EXPECT_EQ(s.size(), 0u);
  EXPECT_TRUE(contents(s).empty());
  s.insert(&objects[5]);
  EXPECT_EQ(contents(s), std::set<const void*>{&objects[5]});
}

}  // namespace
