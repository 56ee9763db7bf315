// WEAKIFY_AUDIT naming a file that cannot be written: one clear line on
// stderr, and the program's own exit status.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang_plugin -fplugin-arg-weakify-instrument %s -o %t/audited
// RUN: env WEAKIFY_AUDIT=%t/no/such/dir/audit.json %python %S/../exit_status.py %t/audited 2>&1 | FileCheck %s
// CHECK: weakify audit: cannot write '{{.*}}no/such/dir/audit.json': No such file or directory
// CHECK: exit status 7
#include <map>
#include <memory>

struct Node {};

class Cache {
public:
  std::shared_ptr<Node> get(int Key) {
    auto &Slot = Entries[Key];
    if (!Slot)
      Slot = std::make_shared<Node>();
    return Slot;
  }

private:
  std::map<int, std::shared_ptr<Node>> Entries;
};

int main() {
  Cache C;
  for (int I = 0; I < 3; ++I)
    C.get(I);
  return 7;
}
