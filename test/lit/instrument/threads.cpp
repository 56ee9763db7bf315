// Audited containers used from several threads stay correct, and the audit
// adds no data race of its own: the program, built in instrument mode with
// ThreadSanitizer, runs clean and the counts are exact.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang_plugin -fplugin-arg-weakify-instrument -fsanitize=thread -g -O1 %s -o %t/audited
// RUN: env TSAN_OPTIONS=halt_on_error=1 WEAKIFY_AUDIT=%t/audit.json WEAKIFY_AUDIT_QUIET=1 %t/audited 2>&1 | FileCheck %s --check-prefix=OUT
// RUN: %python -c "import json,sys; [print(s['check'], s['name'], s['retained'], s['total']) for s in json.load(open(sys.argv[1]))['sites']]" %t/audit.json | FileCheck %s
// OUT-NOT: ThreadSanitizer
// OUT: sessions: 400, textures: 400
// CHECK-DAG: weakify-owning-cache Loader::Cache 400 400
// CHECK-DAG: weakify-self-capture Session::OnClose 0 400
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct Texture {
  std::string Path;
};

class Loader {
public:
  std::shared_ptr<Texture> load(const std::string &Path) {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto &Slot = Cache[Path];
    if (!Slot)
      Slot = std::make_shared<Texture>(Texture{Path});
    return Slot;
  }
  std::size_t size() {
    std::lock_guard<std::mutex> Lock(Mutex);
    return Cache.size();
  }

private:
  std::mutex Mutex;
  std::map<std::string, std::shared_ptr<Texture>> Cache;
};

struct Session {
  std::function<void()> OnClose;
};

int main() {
  Loader Textures;
  std::vector<std::thread> Threads;
  for (int T = 0; T < 4; ++T)
    Threads.emplace_back([&Textures, T] {
      for (int I = 0; I < 100; ++I) {
        Textures.load("t" + std::to_string(T) + "/" + std::to_string(I));
        Session S;
        S.OnClose = [I] { (void)I; };
      }
    });
  for (auto &T : Threads)
    T.join();
  std::printf("sessions: %d, textures: %zu\n", 4 * 100, Textures.size());
}
