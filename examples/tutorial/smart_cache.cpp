// The tutorial's SmartCache, done right: weak values, a keep-alive window for
// hot objects, an age limit, and one factory call per key across threads.
#include <weakref/cache.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

struct Report {
  explicit Report(std::string n) : name(std::move(n)) { ++builds; }
  std::string name;
  static inline std::atomic<int> builds{0};
};

int main() {
  weakref::cache<std::string, Report> reports(
      weakref::cache_options{std::chrono::minutes(5), /*keep_alive=*/1});
  std::vector<std::thread> users;
  for (int i = 0; i < 4; ++i)  // four threads ask for the same report at once
    users.emplace_back([&] {
      reports.get_or_create("q3", [] { return std::make_shared<Report>("q3"); });
    });
  for (auto &u : users) u.join();
  std::printf("builds after 4 concurrent requests: %d\n", Report::builds.load());
  std::printf("kept alive by the window: %s\n", reports.get("q3") ? "yes" : "no");
  reports.get_or_create("q4", [] { return std::make_shared<Report>("q4"); });
  std::printf("q3 after a newer report took the window: %s\n", reports.get("q3") ? "alive" : "gone");
  return Report::builds == 2 && !reports.get("q3") ? 0 : 1;
}
