// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'

// Get-or-create caches whose object is made by the caller or a factory as
// a std::unique_ptr and turned into the shared_ptr the cache keeps; and one
// whose lookup and insertion are a single try_emplace.

#include <map>
#include <memory>
#include <string>

struct Element {
  std::string Key;
};

std::unique_ptr<Element> parse(const std::string &Key);

class ElementCache {
public:
  std::shared_ptr<const Element> get(const std::string &Key) {
    auto It = Cache.find(Key);
    if (It != Cache.end())
      return It->second;
    std::shared_ptr<const Element> Shared(parse(Key));
    Cache.emplace(Key, Shared);
    return Shared;
  }

private:
  std::map<std::string, std::shared_ptr<const Element>> Cache;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: cache 'Cache' keeps every 'const Element' it creates alive
};

class Registry {
public:
  std::shared_ptr<Element> get(const std::string &Key) {
    auto [It, Inserted] = Known.try_emplace(Key);
    if (Inserted)
      It->second = std::make_shared<Element>(Element{Key});
    return It->second;
  }

private:
  std::map<std::string, std::shared_ptr<Element>> Known;
  // CHECK-MESSAGES: :[[@LINE-1]]:51: warning: cache 'Known' keeps every 'Element' it creates alive
};

// Look-alike that stays silent: adding is not getting or creating.
class Catalog {
public:
  std::shared_ptr<Element> add(const std::string &Key) {
    auto Made = std::make_shared<Element>(Element{Key});
    Items[Key] = Made;
    return Made;
  }

private:
  std::map<std::string, std::shared_ptr<Element>> Items;
};
