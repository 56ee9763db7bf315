// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: rm -rf %t && mkdir -p %t && sed -e 's|// CHECK-[A-Z-]*:.*||' %s > %t/fonts.cpp
// RUN: %weakify %t/fonts.cpp --fix -- -std=c++17 -I%runtime_include > /dev/null 2>&1
// RUN: %clangxx -fsyntax-only -I%runtime_include %t/fonts.cpp
// RUN: FileCheck %s --check-prefix=FIRST --input-file=%t/fonts.cpp
// RUN: %weakify %t/fonts.cpp --fix -- -std=c++17 -I%runtime_include > /dev/null 2>&1
// RUN: %clangxx -fsyntax-only -I%runtime_include %t/fonts.cpp
// RUN: FileCheck %s --check-prefix=SECOND --input-file=%t/fonts.cpp

// Two fixes that each compile alone may not together: here the rewrite of
// `Loaded[Name] = ...` copies `Spare[Name]`, which the other fix rewrites
// too. The first fix wins; the second waits, says why, and is offered on
// the next run.

#include <map>
#include <memory>
#include <string>

struct Font {
  int Size = 0;
};

class Fonts {
public:
  std::shared_ptr<Font> get(const std::string &Name) {
    auto It = Loaded.find(Name);
    if (It != Loaded.end())
      return It->second;
    if (Spare.count(Name)) {
      Loaded[Name] = Spare[Name];
      // FIRST: Loaded.insert_or_assign(Name, Spare[Name]);
      // SECOND: Loaded.insert_or_assign(Name, Spare.get(Name));
      return Loaded.at(Name);
    }
    auto Made = std::make_shared<Font>();
    Loaded[Name] = Made;
    return Made;
  }
  std::shared_ptr<Font> spare(const std::string &Name) {
    auto It = Spare.find(Name);
    if (It != Spare.end())
      return It->second;
    auto Made = std::make_shared<Font>();
    Spare.emplace(Name, Made);
    return Made;
  }

private:
  std::map<std::string, std::shared_ptr<Font>> Loaded;
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: cache 'Loaded' keeps every 'Font' it creates alive: {{.*}}; use 'weakref::value_map<std::string, Font>' [weakify-owning-cache]
  std::map<std::string, std::shared_ptr<Font>> Spare;
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: cache 'Spare' keeps every 'Font' it creates alive: {{.*}} (no fix-it yet: it would collide with the fix for weakify-owning-cache at line 49; apply that one and run again) [weakify-owning-cache]
  // FIRST: weakref::value_map<std::string, Font> Loaded;
  // FIRST: std::map<std::string, std::shared_ptr<Font>> Spare;
  // SECOND: weakref::value_map<std::string, Font> Loaded;
  // SECOND: weakref::value_map<std::string, Font> Spare;
};
