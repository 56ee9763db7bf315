// RUN: %frontends messages %s -- -std=c++14 | FileCheck %s --check-prefix=CXX14 --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp -- -std=c++14
// RUN: diff -u %s %t.cpp
// RUN: %frontends messages %s -- -std=c++17 | FileCheck %s --check-prefix=CXX17 --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t17.cpp -- -std=c++17
// RUN: FileCheck %s --check-prefix=FIXED17 --input-file=%t17.cpp

// A unit compiled below C++17 gets no fix that needs the weakref runtime
// (C++17); the warning says why. The same unit compiled as C++17 gets it.

#include <map>
#include <memory>
#include <string>

struct Font {
  int Size = 0;
};

class Fonts {
public:
  std::shared_ptr<Font> get(const std::string &Name) {
    if (Loaded.count(Name))
      return Loaded.at(Name);
    auto Made = std::make_shared<Font>();
    Loaded.emplace(Name, Made);
    return Made;
  }

private:
  std::map<std::string, std::shared_ptr<Font>> Loaded;
  // CXX14: :[[@LINE-1]]:48: warning: cache 'Loaded' keeps every 'Font' it creates alive: {{.*}} (no fix-it: the weakref runtime needs C++17, and this code is compiled as c++14) [weakify-owning-cache]
  // CXX17: :[[@LINE-2]]:48: warning: cache 'Loaded' keeps every 'Font' it creates alive: {{.*}}; use 'weakref::value_map<std::string, Font>' [weakify-owning-cache]
  // FIXED17: weakref::value_map<std::string, Font> Loaded;
};
