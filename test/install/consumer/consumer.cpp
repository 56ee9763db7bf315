// Uses every installed runtime header through find_package(weakify).
#include <weakref/set.hpp>
#include <weakref/value_map.hpp>

#include <memory>
#include <string>

int main() {
  weakref::value_map<std::string, int> cache;
  weakref::set<int> observers;
  {
    auto value = std::make_shared<int>(42);
    cache.insert_or_assign("answer", value);
    observers.insert(value);
    if (cache.get("answer") != value || !observers.contains(value)) return 1;
  }
  return cache.size() == 0 && observers.empty() ? 0 : 1;
}
