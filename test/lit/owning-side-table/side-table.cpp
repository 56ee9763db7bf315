// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only -I%runtime_include %t.cpp

// Side tables keyed by shared_ptr: data attached to objects owned elsewhere,
// whose keys keep those objects alive forever.

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
// CHECK-FIXES: #include <unordered_map>
// CHECK-FIXES-NEXT: #include <weakref/weakref.hpp>

struct Widget { int Id = 0; };
struct LayoutInfo { int Width = 0, Height = 0; };

class Layout {
public:
  void measure(const std::shared_ptr<Widget> &W, int Width, int Height) {
    Info[W] = LayoutInfo{Width, Height};
  }
  int width(const std::shared_ptr<Widget> &W) const {
    auto It = Info.find(W);
    return It == Info.end() ? 0 : It->second.Width;
  }
  bool measured(const std::shared_ptr<Widget> &W) const { return Info.count(W) != 0; }

private:
  std::unordered_map<std::shared_ptr<Widget>, LayoutInfo> Info;
  // CHECK-MESSAGES: :[[@LINE-1]]:59: warning: side table 'Info' keeps every 'Widget' it holds data about alive: its std::shared_ptr keys own the objects and entries are never erased; use 'weakref::key_map<Widget, LayoutInfo>' [weakify-owning-side-table]
  // CHECK-MESSAGES: :[[@LINE-11]]:5: note: an entry is made here for the caller's object
  // CHECK-MESSAGES: :[[@LINE-3]]:59: note: nothing in this translation unit erases entries of 'Info'
  // CHECK-FIXES: weakref::key_map<Widget, LayoutInfo> Info;
};

// A global table filled through try_emplace.
namespace {
std::map<std::shared_ptr<Widget>, std::string> Labels;
// CHECK-MESSAGES: :[[@LINE-1]]:48: warning: side table 'Labels' keeps every 'Widget' it holds data about alive
// CHECK-MESSAGES: note: an entry is made here for the caller's object
// CHECK-MESSAGES: note: nothing in this translation unit erases entries of 'Labels'
// CHECK-FIXES: weakref::key_map<Widget, std::string> Labels;
} // namespace
void label(const std::shared_ptr<Widget> &W, const std::string &Text) {
  Labels.try_emplace(W, Text);
}
std::string labelOf(const std::shared_ptr<Widget> &W) {
  auto It = Labels.find(W);
  return It != Labels.end() ? It->second : std::string();
}
