// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only -I%runtime_include %t.cpp

// The runtime #include goes after the last top-level #include: never into
// a conditional block that follows it, nor into a comment.

#include <map>
#include <memory>
#include <string>
#ifdef _WIN32
#include <windows.h>
#endif
/* Not an include:
#include <fake_header_for_the_test.h>
*/
// CHECK: #include <string>
// CHECK-NEXT: #include <weakref/weakref.hpp>
// CHECK-NEXT: #ifdef _WIN32
// CHECK-NEXT: #include <windows.h>
// CHECK-NEXT: #endif

struct Font {
  int Size = 0;
};

class Fonts {
public:
  std::shared_ptr<Font> get(const std::string &Name) {
    auto It = Loaded.find(Name);
    if (It != Loaded.end())
      return It->second;
    auto Made = std::make_shared<Font>();
    Loaded[Name] = Made;
    return Made;
  }

private:
  std::map<std::string, std::shared_ptr<Font>> Loaded;
  // CHECK: weakref::value_map<std::string, Font> Loaded;
};
