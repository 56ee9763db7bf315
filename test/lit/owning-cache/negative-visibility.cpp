// RUN: %frontends messages %s | count 0
// RUN: %frontends messages %s -- -isystem %S/Inputs/system -DUSE_SYSTEM_CACHE | count 0

// The unit does not see every access: stay silent.

#include <map>
#include <memory>
#include <string>

struct Widget { std::string Name; };

// A public member: any unit may erase from it.
class PublicCache {
public:
  std::shared_ptr<Widget> get(const std::string &Name) {
    auto It = Cache.find(Name);
    if (It != Cache.end())
      return It->second;
    auto Made = std::make_shared<Widget>();
    Cache[Name] = Made;
    return Made;
  }
  std::map<std::string, std::shared_ptr<Widget>> Cache;
};

// A member function defined in another unit may erase.
class SplitCache {
public:
  std::shared_ptr<Widget> get(const std::string &Name) {
    auto It = Cache.find(Name);
    if (It != Cache.end())
      return It->second;
    auto Made = std::make_shared<Widget>();
    Cache[Name] = Made;
    return Made;
  }
  void trim(); // Defined elsewhere.

private:
  std::map<std::string, std::shared_ptr<Widget>> Cache;
};

// A friend may erase.
class FriendlyCache {
  friend void flush(FriendlyCache &);

public:
  std::shared_ptr<Widget> get(const std::string &Name) {
    auto It = Cache.find(Name);
    if (It != Cache.end())
      return It->second;
    auto Made = std::make_shared<Widget>();
    Cache[Name] = Made;
    return Made;
  }

private:
  std::map<std::string, std::shared_ptr<Widget>> Cache;
};

// An extern global: other units see it.
extern std::map<int, std::shared_ptr<Widget>> Shared;
std::shared_ptr<Widget> shared(int Id) {
  auto It = Shared.find(Id);
  if (It != Shared.end())
    return It->second;
  auto Made = std::make_shared<Widget>();
  Shared[Id] = Made;
  return Made;
}

#ifdef USE_SYSTEM_CACHE
// A cache that lives in a system header is not the user's to fix.
#include <system_cache.h>
std::shared_ptr<Widget> fromSystem(int Id) { return sys::lookup(Id); }
#endif
