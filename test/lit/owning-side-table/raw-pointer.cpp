// RUN: %frontends messages %s | FileCheck %s --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp
// RUN: diff -u %s %t.cpp

// Side tables keyed by raw pointers: the key does not keep its object alive,
// so the entry outlives it, and a new object at the same address inherits
// the dead one's data. Reported without a fix-it: weakref::key_map needs
// std::shared_ptr keys, which the callers here do not pass.

#include <map>
#include <memory>
#include <unordered_map>

struct Widget {
  int Id = 0;
};
struct Size {
  int Width = 0, Height = 0;
};
std::shared_ptr<Widget> newWidget() { return std::make_shared<Widget>(); }

// Widgets are owned by shared_ptrs, measured by address, never forgotten.
class Layout {
public:
  void measure(const Widget *W) { Sizes[W] = Size{100, 20}; }
  int width(const Widget *W) const {
    auto It = Sizes.find(W);
    return It == Sizes.end() ? 0 : It->second.Width;
  }

private:
  std::map<const Widget *, Size> Sizes;
  // CHECK: :[[@LINE-1]]:34: warning: side table 'Sizes' keeps an entry for every 'Widget' it was given: its raw 'const Widget *' keys are never erased, so entries outlive their objects and a new 'Widget' at a reused address inherits a dead one's entry; key it by identity with 'weakref::key_map<Widget, Size>' [weakify-owning-side-table]
  // CHECK: :[[@LINE-9]]:35: note: an entry is made here for the caller's object
  // CHECK: :[[@LINE-3]]:34: note: nothing in this translation unit erases entries of 'Sizes'
};

// Objects that file data about themselves, keyed by `this`.
struct Session;
namespace {
std::unordered_map<Session *, int> Traffic;
// CHECK: :[[@LINE-1]]:36: warning: side table 'Traffic' keeps an entry for every 'Session' it was given
// CHECK: note: an entry is made here for the caller's object
// CHECK: note: nothing in this translation unit erases entries of 'Traffic'
} // namespace
struct Session {
  void received(int Bytes) { Traffic.emplace(this, 0); Traffic[this] += Bytes; }
};
std::shared_ptr<Session> open() { return std::make_shared<Session>(); }

// Negatives.

// Nodes of a tree or an arena that outlives the table: no smart pointer to
// the key type anywhere in the unit.
struct AstNode {
  int Kind = 0;
};
class DepthPass {
public:
  void visit(const AstNode *N, int Depth) { Depths[N] = Depth; }

private:
  std::map<const AstNode *, int> Depths;
};

// Erased when the object dies.
struct Tracked;
namespace {
std::map<const Tracked *, int> Generations;
}
struct Tracked {
  Tracked() { Generations[this] = 1; }
  ~Tracked() { Generations.erase(this); }
};
std::unique_ptr<Tracked> makeTracked() { return std::make_unique<Tracked>(); }

// Keys are objects with static storage: never the caller's object.
namespace {
Widget MainWindow, Toolbar;
std::map<const Widget *, Size> Fixed;
} // namespace
void setUpFixed() {
  Fixed[&MainWindow] = Size{800, 600};
  Fixed[&Toolbar] = Size{800, 30};
}

// Iterated for a total of the values only: the keys stay where they are,
// and a dead widget's count still counts.
class Inventory {
public:
  void add(const Widget *W) { Counts[W]++; }
  int total() const {
    int N = 0;
    for (const auto &Entry : Counts)
      N += Entry.second;
    return N;
  }

private:
  std::map<const Widget *, int> Counts;
  // CHECK: :[[@LINE-1]]:33: warning: side table 'Counts' keeps an entry for every 'Widget' it was given: its raw 'const Widget *' keys are never erased
};
