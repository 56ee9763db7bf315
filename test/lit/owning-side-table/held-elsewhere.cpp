// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'

// Raw keys of objects that live elsewhere and die one by one: deleted by
// hand, kept in another container, passed by reference.

#include <map>
#include <mutex>
#include <vector>

// Items made with new and deleted with delete, one at a time.
struct Item {
  int Id = 0;
};

class SvgCache {
public:
  void render(const Item *I) { Rendered[I] = "<svg/>"; }
  bool has(const Item *I) const { return Rendered.count(I) != 0; }

private:
  std::map<const Item *, const char *> Rendered;
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: side table 'Rendered' keeps an entry for every 'Item' it was given: its raw 'const Item *' keys are never erased
};

void discard(Item *I) { delete I; }

// Keys taken from a container of simulators, not from a parameter.
struct Simulator {
  double State = 0;
};
std::vector<Simulator *> Simulators;

class Locks {
public:
  std::mutex &lockFor(unsigned Id) { return Mutexes[Simulators[Id]]; }

private:
  std::map<Simulator *, std::mutex> Mutexes;
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: side table 'Mutexes' keeps an entry for every 'Simulator' it was given
};

void retire(unsigned Id) { delete Simulators[Id]; }

// The address of an object the caller passes by reference.
class Stats {
public:
  void hit(Item &I) { ++Hits[&I]; }
  int hits(Item &I) const {
    auto It = Hits.find(&I);
    return It == Hits.end() ? 0 : It->second;
  }

private:
  std::map<const Item *, int> Hits;
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: side table 'Hits' keeps an entry for every 'Item' it was given
};

// Look-alikes that stay silent.

// Keys that are static objects: they never die.
struct Setting {
  int Value = 0;
};
Setting Volume, Brightness;

class Defaults {
public:
  void load() {
    Initial[&Volume] = 50;
    Initial[&Brightness] = 80;
  }

private:
  std::map<const Setting *, int> Initial;
};

// Nodes of an arena nobody deletes one by one.
struct Node {
  int Kind = 0;
};

class Layout {
public:
  void measure(const Node *N) { Widths[N] = 10; }

private:
  std::map<const Node *, int> Widths;
};
