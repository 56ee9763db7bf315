#pragma once
#include <map>
#include <memory>
#include <string>

struct Plugin {
  std::string Name;
};

// A registry with a friend: per unit the friend could do anything to the
// map; in the whole program it is code like any other.
class Registry {
  friend void dump(const Registry &R);
  friend void reset(Registry &R);

public:
  std::shared_ptr<Plugin> load(const std::string &Name);

private:
  std::map<std::string, std::shared_ptr<Plugin>> Loaded;
};
