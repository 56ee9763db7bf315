// weakref::audit under threads (run under TSan by runtime.tsan): many
// threads construct, grow and destroy instances of one site at once, the
// first of them registering the site's Tag, while reports measure.
#include <weakref/audit.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace audit = weakref::audit;
using audit::detail::row;
using audit::detail::snapshot;

snapshot now() { return audit::detail::measure(audit::detail::registry::instance(), false, false); }

row site(const snapshot& shot, const char* check, const char* name) {
  const row* found = shot.find(check, name);
  EXPECT_NE(found, nullptr) << check << " " << name;
  return found ? *found : row{};
}

constexpr int threads = 8;
constexpr int rounds = 300;

struct Item {};

struct weakify_audit_site_30_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/threads.cpp", 30, "Shared::Cache", ::weakref::audit::site_kind::owning_container, false}; } };
struct weakify_audit_site_31_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-ownership-cycle", "/abs/threads.cpp", 31, "Shared::Current", ::weakref::audit::site_kind::strong_pointer, false}; } };
struct weakify_audit_site_32_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-self-capture", "/abs/threads.cpp", 32, "Shared::Callback", ::weakref::audit::site_kind::callable, false}; } };
struct weakify_audit_site_34_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-ownership-cycle", "/abs/threads.cpp", 34, "Shared::Held", ::weakref::audit::site_kind::strong_pointer, false}; } };
struct weakify_audit_site_33_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/threads.cpp", 33, "Shared::Filled", ::weakref::audit::site_kind::owning_container, false}; } };

using Cache = audit::tracked<std::map<int, std::shared_ptr<Item>>, weakify_audit_site_30_1>;
using Current = audit::tracked<std::shared_ptr<Item>, weakify_audit_site_31_1>;
using Callback = audit::tracked<std::function<int()>, weakify_audit_site_32_1>;
using Filled = audit::tracked<std::map<int, std::shared_ptr<Item>>, weakify_audit_site_33_1>;
using Held = audit::tracked<std::shared_ptr<Item>, weakify_audit_site_34_1>;

TEST(AuditThreads, ManyThreadsOneSite) {
  std::atomic<bool> go{false};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&go] {
      while (!go.load()) std::this_thread::yield();
      for (int r = 0; r < rounds; ++r) {
        Cache cache;
        for (int i = 0; i < 4; ++i) cache[i] = std::make_shared<Item>();
        cache.erase(0);  // three retained at destruction
        Current current = cache[1];
        Current copy = current;
        Callback callback = [] { return 1; };
        Callback moved = std::move(callback);
      }
    });
  }
  go = true;
  for (auto& w : workers) w.join();

  snapshot shot = now();
  row cache = site(shot, "weakify-owning-cache", "Shared::Cache");
  EXPECT_EQ(cache.total, std::uint64_t{threads} * rounds * 4);
  EXPECT_EQ(cache.peak, 4u);
  EXPECT_EQ(cache.retained, std::uint64_t{threads} * rounds * 3);
  row current = site(shot, "weakify-ownership-cycle", "Shared::Current");
  EXPECT_EQ(current.total, std::uint64_t{threads} * rounds * 2);
  EXPECT_GE(current.peak, 2u);
  EXPECT_LE(current.peak, std::uint64_t{threads} * 2);
  row callback = site(shot, "weakify-self-capture", "Shared::Callback");
  EXPECT_EQ(callback.total, std::uint64_t{threads} * rounds * 2);
}

// Reports read live containers, so they run while the other threads only
// construct filled containers and destroy them, never change a live one.
TEST(AuditThreads, ReportsWhileInstancesComeAndGo) {
  std::atomic<bool> done{false};
  std::atomic<int> reports{0};
  std::thread reporter([&] {
    while (!done.load()) {
      snapshot shot = now();
      if (shot.find("weakify-owning-cache", "Shared::Filled")) ++reports;
    }
  });
  auto item = std::make_shared<Item>();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([item] {
      for (int r = 0; r < rounds; ++r) {
        Filled filled{{1, item}, {2, std::make_shared<Item>()}};
        Filled copy = filled;
        Held held(item);
      }
    });
  }
  for (auto& w : workers) w.join();
  done = true;
  reporter.join();
  row filled = site(now(), "weakify-owning-cache", "Shared::Filled");
  EXPECT_EQ(filled.total, std::uint64_t{threads} * rounds * 4);
  // The second entry is shared by filled and its copy until the copy goes.
  EXPECT_EQ(filled.retained, std::uint64_t{threads} * rounds);
}

}  // namespace
