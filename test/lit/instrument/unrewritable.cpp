// Sites the rewrite cannot wrap safely are left as written, said once at
// compile time as a remark (never a warning: -Werror builds stay green),
// and the program builds and runs as before.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang_plugin -Wall -Werror -fplugin-arg-weakify-instrument %s -o %t/audited 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %clangxx %s -o %t/plain
// RUN: %python %S/audited_run.py %t/plain %t/audited %t/audit.json | FileCheck %s
#include <map>
#include <memory>
#include <vector>

struct Item {};

#define ITEM_LIST std::vector<std::shared_ptr<Item>>

class Hub {
public:
  void add(std::shared_ptr<Item> I) { First.push_back(I); Second.push_back(I); Hidden.push_back(I); }
  std::size_t count() const { return First.size() + Second.size() + Hidden.size(); }

private:
  // REMARK-DAG: unrewritable.cpp:[[@LINE+2]]: 'Hub::First' is not audited: it shares its declaration with other names
  // REMARK-DAG: unrewritable.cpp:[[@LINE+1]]: 'Hub::Second' is not audited: it shares its declaration with other names
  std::vector<std::shared_ptr<Item>> First, Second;
  // REMARK-DAG: unrewritable.cpp:[[@LINE+1]]: 'Hub::Hidden' is not audited: it is written inside a macro
  ITEM_LIST Hidden;
};

int main() {
  Hub H;
  for (int I = 0; I < 5; ++I)
    H.add(std::make_shared<Item>());
  return H.count() == 15 ? 0 : 1;
}
// REMARK-NOT: warning
// REMARK-NOT: error
// CHECK: same stdout and exit status 0
