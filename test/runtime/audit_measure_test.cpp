// weakref::audit measurements: what each kind of site retains, peak and
// total, the cycle graph and self-capture. The exit report's measurement is
// taken with detail::measure(..., at_exit = true, keep = false), which
// computes what the report at exit would print without recording it.
// Each test has its own sites (file /abs/measure.cpp, distinct lines).
#include <weakref/audit.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

namespace audit = weakref::audit;
using audit::detail::row;
using audit::detail::snapshot;

snapshot now() { return audit::detail::measure(audit::detail::registry::instance(), false, false); }
snapshot at_exit() { return audit::detail::measure(audit::detail::registry::instance(), true, false); }

// What a site retained, 0 when it has no row: a container that closed no
// cycle has no cycle row.
std::uint64_t retained(const snapshot& shot, const char* check, const char* name) {
  const row* found = shot.find(check, name);
  return found ? found->retained : 0;
}

// The row of (check, name); a failed ASSERT when missing.
row site(const snapshot& shot, const char* check, const char* name) {
  const row* found = shot.find(check, name);
  EXPECT_NE(found, nullptr) << check << " " << name;
  return found ? *found : row{};
}

struct Texture {
  explicit Texture(int i) : id(i) {}
  int id;
};

// ---- owning containers

struct AssetLoader {
  struct weakify_audit_site_32_51 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/measure.cpp", 32, "AssetLoader::Cache", ::weakref::audit::site_kind::owning_container, false}; } static ::std::size_t owner_size() { return sizeof(AssetLoader); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(AssetLoader, Cache); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::map<std::string, std::shared_ptr<Texture>>, weakify_audit_site_32_51> Cache;

  std::shared_ptr<Texture> load(int i) {
    auto& slot = Cache[std::to_string(i)];
    if (!slot) slot = std::make_shared<Texture>(i);
    return slot;
  }
};

TEST(AuditMeasure, OwningCacheRetainsWhatOnlyItHolds) {
  std::shared_ptr<Texture> in_use;
  {
    AssetLoader loader;
    for (int i = 0; i < 1001; ++i) {
      auto texture = loader.load(i);
      if (i == 500) in_use = texture;
    }
    loader.load(7);  // found: no growth
    row live = site(now(), "weakify-owning-cache", "AssetLoader::Cache");
    EXPECT_EQ(live.retained, 1000u);
    EXPECT_EQ(live.peak, 1001u);
    EXPECT_EQ(live.total, 1001u);
    EXPECT_EQ(live.file, std::string("/abs/measure.cpp"));
    EXPECT_EQ(live.line, 32u);
  }
  row dead = site(now(), "weakify-owning-cache", "AssetLoader::Cache");
  EXPECT_EQ(dead.retained, 1000u) << "measured at the loader's destruction";
  EXPECT_EQ(dead.peak, 1001u);
  EXPECT_EQ(dead.total, 1001u);
  EXPECT_EQ(in_use.use_count(), 1);
}

struct EvictingLoader {
  struct weakify_audit_site_70_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/measure.cpp", 70, "EvictingLoader::Cache", ::weakref::audit::site_kind::owning_container, false}; } static ::std::size_t owner_size() { return sizeof(EvictingLoader); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(EvictingLoader, Cache); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::unordered_map<int, std::shared_ptr<Texture>>, weakify_audit_site_70_3> Cache;

  std::shared_ptr<Texture> load(int i) {
    auto [it, added] = Cache.try_emplace(i, nullptr);
    if (added) it->second = std::make_shared<Texture>(i);
    return it->second;
  }
  void release(int i) { Cache.erase(i); }
  ~EvictingLoader() { Cache.clear(); }
};

TEST(AuditMeasure, EvictingCacheRetainsNothing) {
  {
    EvictingLoader loader;
    std::vector<std::shared_ptr<Texture>> users;
    for (int i = 0; i < 100; ++i) {
      users.push_back(loader.load(i));
      if (users.size() == 10) {
        for (auto& user : users) loader.release(user->id);
        users.clear();
      }
    }
    EXPECT_EQ(site(now(), "weakify-owning-cache", "EvictingLoader::Cache").retained, 0u);
    loader.load(1000);  // one entry that only the cache holds, evicted by ~EvictingLoader
    EXPECT_EQ(site(now(), "weakify-owning-cache", "EvictingLoader::Cache").retained, 1u);
  }
  row r = site(now(), "weakify-owning-cache", "EvictingLoader::Cache");
  EXPECT_EQ(r.retained, 0u);
  EXPECT_EQ(r.peak, 10u);
  EXPECT_EQ(r.total, 101u);
}

struct Listener {
  int notified = 0;
};

struct Button {
  struct weakify_audit_site_110_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-observers", "/abs/measure.cpp", 110, "Button::Listeners", ::weakref::audit::site_kind::owning_container, false}; } static ::std::size_t owner_size() { return sizeof(Button); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Button, Listeners); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::vector<std::shared_ptr<Listener>>, weakify_audit_site_110_3> Listeners;

  void subscribe(std::shared_ptr<Listener> l) { Listeners.push_back(std::move(l)); }
  void unsubscribe(const std::shared_ptr<Listener>& l) {
    for (auto it = Listeners.begin(); it != Listeners.end(); ++it)
      if (*it == l) {
        Listeners.erase(it);
        return;
      }
  }
};

TEST(AuditMeasure, ObserverListThatUnsubscribesRetainsNothing) {
  {
    Button button;
    std::vector<std::shared_ptr<Listener>> listeners;
    for (int i = 0; i < 5; ++i) {
      listeners.push_back(std::make_shared<Listener>());
      button.subscribe(listeners.back());
    }
    for (auto& l : listeners) button.unsubscribe(l);
  }
  row r = site(now(), "weakify-owning-observers", "Button::Listeners");
  EXPECT_EQ(r.retained, 0u);
  EXPECT_EQ(r.peak, 5u);
  EXPECT_EQ(r.total, 5u);

  {
    Button forgetful;
    for (int i = 0; i < 5; ++i) {
      auto l = std::make_shared<Listener>();
      forgetful.subscribe(l);  // the subscriber goes away, its listener stays
    }
  }
  EXPECT_EQ(site(now(), "weakify-owning-observers", "Button::Listeners").retained, 5u);
}

struct Widget {};

// A side table: a variable, so its Tag has no owner.
struct weakify_audit_site_150_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-side-table", "/abs/measure.cpp", 150, "Notes", ::weakref::audit::site_kind::owning_container, false}; } };

TEST(AuditMeasure, SideTableKeyedBySharedPtrCountsDeadKeys) {
  std::vector<std::shared_ptr<Widget>> widgets;
  {
    audit::tracked<std::map<std::shared_ptr<Widget>, std::string>, weakify_audit_site_150_1> notes;
    for (int i = 0; i < 3; ++i) {
      widgets.push_back(std::make_shared<Widget>());
      notes[widgets.back()] = "note " + std::to_string(i);
    }
    EXPECT_EQ(site(now(), "weakify-owning-side-table", "Notes").retained, 0u);
    widgets.resize(1);  // two widgets die for everybody but the table
    EXPECT_EQ(site(now(), "weakify-owning-side-table", "Notes").retained, 2u);
  }
  row r = site(now(), "weakify-owning-side-table", "Notes");
  EXPECT_EQ(r.retained, 2u);
  EXPECT_EQ(r.total, 3u);
}

// ---- weak entries

struct weakify_audit_site_170_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-stale-weak-entries", "/abs/measure.cpp", 170, "Registry", ::weakref::audit::site_kind::weak_container, false}; } };

TEST(AuditMeasure, ExpiredWeakEntries) {
  std::vector<std::shared_ptr<Widget>> alive;
  {
    audit::tracked<std::unordered_map<int, std::weak_ptr<Widget>>, weakify_audit_site_170_1> entries;
    for (int i = 0; i < 4; ++i) {
      auto w = std::make_shared<Widget>();
      entries.emplace(i, w);
      if (i == 0) alive.push_back(w);
    }
    EXPECT_EQ(site(now(), "weakify-stale-weak-entries", "Registry").retained, 3u);
  }
  row r = site(now(), "weakify-stale-weak-entries", "Registry");
  EXPECT_EQ(r.retained, 3u);
  EXPECT_EQ(r.peak, 4u);
  EXPECT_EQ(r.total, 4u);
}

// ---- peak and total

struct weakify_audit_site_190_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/measure.cpp", 190, "Counted", ::weakref::audit::site_kind::owning_container, false}; } };
using Counted = audit::tracked<std::vector<int>, weakify_audit_site_190_1>;

TEST(AuditMeasure, PeakIsOneInstanceTotalIsEveryEntryAdded) {
  Counted a;
  Counted b{1, 2};  // constructed with 2 entries: counted
  for (int i = 0; i < 5; ++i) a.push_back(i);
  for (int i = 0; i < 5; ++i) b.emplace_back(i);
  a.pop_back();
  a.push_back(9);  // back to 5: one more added
  Counted moved = std::move(b);  // moved entries were counted already
  Counted copied = a;            // a copy adds its entries
  a.clear();
  a.insert(a.end(), {1, 2, 3});
  row r = site(now(), "weakify-owning-cache", "Counted");
  EXPECT_EQ(r.peak, 7u);
  EXPECT_EQ(r.total, 5u + 1u + 7u + 5u + 3u);
  EXPECT_EQ(r.retained, 0u) << "ints are never retained objects";
}

struct weakify_audit_site_210_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-ownership-cycle", "/abs/measure.cpp", 210, "Handles", ::weakref::audit::site_kind::strong_pointer, false}; } };
using Handle = audit::tracked<std::shared_ptr<Widget>, weakify_audit_site_210_1>;

TEST(AuditMeasure, PointerTotalIsInstancesPeakIsMostAlive) {
  {
    std::vector<Handle> handles;
    handles.reserve(3);
    for (int i = 0; i < 3; ++i) handles.emplace_back(std::make_shared<Widget>());
    Handle extra;
  }
  Handle later;
  row r = site(now(), "weakify-ownership-cycle", "Handles");
  EXPECT_EQ(r.total, 5u);
  EXPECT_EQ(r.peak, 4u);
  EXPECT_EQ(r.retained, 0u);
}

// Two Tags naming one site (a header's static, one Tag per unit) are one
// site.
namespace unit_a {
struct weakify_audit_site_230_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/header.hpp", 230, "SharedCache", ::weakref::audit::site_kind::owning_container, false}; } };
}  // namespace unit_a
namespace unit_b {
struct weakify_audit_site_230_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/header.hpp", 230, "SharedCache", ::weakref::audit::site_kind::owning_container, false}; } };
}  // namespace unit_b

TEST(AuditMeasure, SitesMergeAcrossTags) {
  audit::tracked<std::map<int, std::shared_ptr<Widget>>, unit_a::weakify_audit_site_230_1> a;
  audit::tracked<std::map<int, std::shared_ptr<Widget>>, unit_b::weakify_audit_site_230_1> b;
  a[1] = std::make_shared<Widget>();
  b[1] = std::make_shared<Widget>();
  b[2] = std::make_shared<Widget>();
  snapshot shot = now();
  std::size_t rows = 0;
  for (const row& r : shot.rows)
    if (std::string(r.name) == "SharedCache") ++rows;
  EXPECT_EQ(rows, 1u);
  row r = site(shot, "weakify-owning-cache", "SharedCache");
  EXPECT_EQ(r.retained, 3u);
  EXPECT_EQ(r.total, 3u);
  EXPECT_EQ(r.peak, 2u);
}

// ---- cycles

struct Child;
struct Parent {
  struct weakify_audit_site_260_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-observers", "/abs/measure.cpp", 260, "Parent::Children", ::weakref::audit::site_kind::owning_container, true}; } static ::std::size_t owner_size() { return sizeof(Parent); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Parent, Children); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::vector<std::shared_ptr<Child>>, weakify_audit_site_260_3> Children;
  int id = 0;
};
struct Child {
  std::string label;
  struct weakify_audit_site_265_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-ownership-cycle", "/abs/measure.cpp", 265, "Child::Owner", ::weakref::audit::site_kind::strong_pointer, true}; } static ::std::size_t owner_size() { return sizeof(Child); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Child, Owner); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::shared_ptr<Parent>, weakify_audit_site_265_3> Owner;
};

// Makes parents x children cycles; returns weak handles for the cleanup.
std::vector<std::weak_ptr<Parent>> leak_families(int parents, int children) {
  std::vector<std::weak_ptr<Parent>> leaked;
  for (int p = 0; p < parents; ++p) {
    auto parent = std::make_shared<Parent>();
    parent->id = p;
    for (int c = 0; c < children; ++c) {
      auto child = std::make_shared<Child>();
      child->Owner = parent;
      parent->Children.push_back(child);
    }
    leaked.push_back(parent);
  }
  return leaked;
}

// Frees what leak_families leaked, so that the leak checker stays quiet.
void free_families(const std::vector<std::weak_ptr<Parent>>& leaked) {
  for (const auto& weak : leaked)
    if (auto parent = weak.lock())
      for (auto& child : parent->Children) child->Owner.reset();
}

TEST(AuditMeasure, LeakedCyclesAreCountedAtExit) {
  auto leaked = leak_families(3, 4);
  snapshot before = now();
  EXPECT_EQ(retained(before, "weakify-ownership-cycle", "Parent::Children"), 0u)
      << "cycles are counted at exit only";

  snapshot shot = at_exit();
  row children = site(shot, "weakify-ownership-cycle", "Parent::Children");
  row owner = site(shot, "weakify-ownership-cycle", "Child::Owner");
  EXPECT_EQ(children.retained, 15u);
  EXPECT_EQ(owner.retained, 15u);
  EXPECT_EQ(children.cycle_groups, (std::vector<unsigned>{1, 2, 3}));
  EXPECT_EQ(owner.cycle_groups, (std::vector<unsigned>{1, 2, 3}));
  // The vectors are in the cycle's objects: counted by the cycle, not as
  // containers.
  row as_container = site(shot, "weakify-owning-observers", "Parent::Children");
  EXPECT_EQ(as_container.retained, 0u);
  EXPECT_TRUE(as_container.cycle_groups.empty());

  free_families(leaked);
  for (const auto& weak : leaked) EXPECT_TRUE(weak.expired());
  EXPECT_EQ(site(at_exit(), "weakify-ownership-cycle", "Child::Owner").retained, 0u);
}

TEST(AuditMeasure, CycleBrokenByResetIsClean) {
  auto parent = std::make_shared<Parent>();
  for (int c = 0; c < 4; ++c) {
    auto child = std::make_shared<Child>();
    child->Owner = parent;
    parent->Children.push_back(child);
  }
  for (auto& child : parent->Children) child->Owner.reset();
  std::weak_ptr<Parent> weak = parent;
  parent.reset();
  EXPECT_TRUE(weak.expired());
  snapshot shot = at_exit();
  EXPECT_EQ(retained(shot, "weakify-ownership-cycle", "Parent::Children"), 0u);
  EXPECT_EQ(site(shot, "weakify-ownership-cycle", "Child::Owner").retained, 0u);
  EXPECT_TRUE(site(shot, "weakify-ownership-cycle", "Child::Owner").cycle_groups.empty());
}

TEST(AuditMeasure, LiveOwnersWithoutCycleAreNotLeaks) {
  auto parent = std::make_shared<Parent>();
  const auto before = site(at_exit(), "weakify-owning-observers", "Parent::Children").retained;
  auto child = std::make_shared<Child>();
  parent->Children.push_back(child);  // parent -> child only
  child.reset();
  snapshot shot = at_exit();
  EXPECT_EQ(retained(shot, "weakify-ownership-cycle", "Parent::Children"), 0u);
  // Not in a cycle: measured as a container (the child, shared when it
  // came in, is held by nobody else now).
  EXPECT_EQ(site(shot, "weakify-owning-observers", "Parent::Children").retained - before, 1u);
}

struct Session {
  struct weakify_audit_site_350_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-ownership-cycle", "/abs/measure.cpp", 350, "Session::Self", ::weakref::audit::site_kind::strong_pointer, true}; } static ::std::size_t owner_size() { return sizeof(Session); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Session, Self); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::shared_ptr<Session>, weakify_audit_site_350_3> Self;
  struct weakify_audit_site_351_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-ownership-cycle", "/abs/measure.cpp", 351, "Session::Next", ::weakref::audit::site_kind::strong_pointer, true}; } static ::std::size_t owner_size() { return sizeof(Session); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Session, Next); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::shared_ptr<Session>, weakify_audit_site_351_3> Next;
};

TEST(AuditMeasure, SelfLoopIsACycleOfOne) {
  auto session = std::make_shared<Session>();
  session->Self = session;
  snapshot shot = at_exit();
  row self = site(shot, "weakify-ownership-cycle", "Session::Self");
  EXPECT_EQ(self.retained, 1u);
  EXPECT_EQ(self.cycle_groups, (std::vector<unsigned>{1}));
  EXPECT_EQ(site(shot, "weakify-ownership-cycle", "Session::Next").retained, 0u);
  session->Self.reset();
}

TEST(AuditMeasure, LongRingDoesNotRecurse) {
  constexpr std::size_t length = 20000;
  std::vector<std::shared_ptr<Session>> ring(length);
  for (auto& s : ring) s = std::make_shared<Session>();
  for (std::size_t i = 0; i < length; ++i) ring[i]->Next = ring[(i + 1) % length];
  snapshot shot = at_exit();
  row next = site(shot, "weakify-ownership-cycle", "Session::Next");
  EXPECT_EQ(next.retained, length);
  EXPECT_EQ(next.cycle_groups, (std::vector<unsigned>{1}));
  for (auto& s : ring) s->Next.reset();
}

// ---- callables

struct Clicker : std::enable_shared_from_this<Clicker> {
  struct weakify_audit_site_400_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-self-capture", "/abs/measure.cpp", 400, "Clicker::OnClick", ::weakref::audit::site_kind::callable, false}; } static ::std::size_t owner_size() { return sizeof(Clicker); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Clicker, OnClick); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::function<void()>, weakify_audit_site_400_3> OnClick;
  int clicks = 0;
  void arm() {
    OnClick = [self = shared_from_this()] { ++self->clicks; };
  }
};

TEST(AuditMeasure, CallableSelfCaptureIsCountedAtExit) {
  std::weak_ptr<Clicker> weak;
  {
    auto clicker = std::make_shared<Clicker>();
    clicker->arm();
    clicker->OnClick();
    weak = clicker;
    auto idle = std::make_shared<Clicker>();  // empty callback: nothing kept
  }
  ASSERT_FALSE(weak.expired()) << "the callback keeps its owner alive";
  EXPECT_EQ(site(now(), "weakify-self-capture", "Clicker::OnClick").retained, 0u);
  row r = site(at_exit(), "weakify-self-capture", "Clicker::OnClick");
  EXPECT_EQ(r.retained, 1u);
  EXPECT_EQ(r.total, 2u);
  EXPECT_EQ(r.peak, 2u);

  weak.lock()->OnClick = nullptr;
  EXPECT_TRUE(weak.expired());
  EXPECT_EQ(site(at_exit(), "weakify-self-capture", "Clicker::OnClick").retained, 0u);
}

// ---- the graph algorithm alone

TEST(AuditMeasure, StrongComponents) {
  using audit::detail::strong_components;
  // 0 -> 1 -> 2 -> 0, 2 -> 3, 3 -> 4 -> 3, 5 alone
  std::vector<std::vector<std::size_t>> edges{{1}, {2}, {0, 3}, {4}, {3}, {}};
  std::size_t count = 0;
  auto component = strong_components(edges, count);
  EXPECT_EQ(count, 3u);
  EXPECT_EQ(component[0], component[1]);
  EXPECT_EQ(component[1], component[2]);
  EXPECT_EQ(component[3], component[4]);
  EXPECT_NE(component[0], component[3]);
  EXPECT_NE(component[5], component[0]);
  EXPECT_NE(component[5], component[3]);
}

TEST(AuditMeasure, NodeIndexMergesNestedObjects) {
  audit::detail::node_index nodes;
  nodes.add(100, 50);  // an object
  nodes.add(120, 10);  // a member object of it
  nodes.add(150, 8);   // the next object
  nodes.finish();
  EXPECT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes.find(99), audit::detail::no_node);
  EXPECT_EQ(nodes.find(100), nodes.find(125));
  EXPECT_EQ(nodes.find(149), nodes.find(100));
  EXPECT_NE(nodes.find(150), nodes.find(149));
  EXPECT_EQ(nodes.find(158), audit::detail::no_node);
}

}  // namespace

// An observer list (or side table) that only ever adopted its entries owns
// them, as a document owns its pages: what it holds when it dies was kept
// for nobody else, so nothing counts. A cache that makes its entries in
// place hands them out later: it still counts.
struct weakify_audit_site_900_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-observers", "/abs/adopt.cpp", 900, "Document::Pages", ::weakref::audit::site_kind::owning_container, false}; } };
struct weakify_audit_site_901_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/adopt.cpp", 901, "Loader::Made", ::weakref::audit::site_kind::owning_container, false}; } };
struct weakify_audit_site_902_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-observers", "/abs/adopt.cpp", 902, "Button::Mixed", ::weakref::audit::site_kind::owning_container, false}; } };

TEST(AuditMeasure, ObserverListThatOnlyAdoptsOwnsItsEntries) {
  {
    audit::tracked<std::vector<std::shared_ptr<Texture>>, weakify_audit_site_900_1> pages;
    for (int i = 0; i < 5; ++i) pages.push_back(std::make_shared<Texture>(i));
    pages.emplace_back(std::make_shared<Texture>(5));
  }
  {
    audit::tracked<std::map<int, std::shared_ptr<Texture>>, weakify_audit_site_901_1> made;
    for (int i = 0; i < 3; ++i) made.emplace(i, std::make_shared<Texture>(i));
  }
  {
    audit::tracked<std::vector<std::shared_ptr<Texture>>, weakify_audit_site_902_1> mixed;
    mixed.push_back(std::make_shared<Texture>(0));
    auto shared = std::make_shared<Texture>(1);
    mixed.push_back(shared);
  }
  snapshot shot = now();
  EXPECT_EQ(site(shot, "weakify-owning-observers", "Document::Pages").retained, 0u);
  EXPECT_EQ(site(shot, "weakify-owning-observers", "Document::Pages").total, 6u);
  EXPECT_EQ(site(shot, "weakify-owning-cache", "Loader::Made").retained, 3u);
  // One entry came in shared: the list is not the owner of its entries.
  EXPECT_EQ(site(shot, "weakify-owning-observers", "Button::Mixed").retained, 2u);
}
