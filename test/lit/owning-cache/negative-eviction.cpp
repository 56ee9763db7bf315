// RUN: %frontends messages %s | count 0

// Caches that let entries go are fine: size-bounded eviction, an explicit
// remove, a clear from a free function elsewhere in the unit, a reset of
// the entry's value, a swap with an empty map.

#include <list>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

struct Image { std::string Path; };

// LRU: bounded by Capacity, the oldest entry is erased.
class LruCache {
public:
  std::shared_ptr<Image> get(const std::string &Key) {
    auto It = Entries.find(Key);
    if (It != Entries.end())
      return It->second;
    auto Made = std::make_shared<Image>(Image{Key});
    Entries[Key] = Made;
    Order.push_back(Key);
    if (Order.size() > Capacity) {
      Entries.erase(Order.front());
      Order.pop_front();
    }
    return Made;
  }

private:
  std::size_t Capacity = 16;
  std::list<std::string> Order;
  std::unordered_map<std::string, std::shared_ptr<Image>> Entries;
};

// A registry: whoever adds also removes.
class Registry {
public:
  std::shared_ptr<Image> open(const std::string &Key) {
    if (Open.count(Key))
      return Open[Key];
    auto Made = std::make_shared<Image>(Image{Key});
    Open.emplace(Key, Made);
    return Made;
  }
  void close(const std::string &Key) { Open.erase(Key); }

private:
  std::map<std::string, std::shared_ptr<Image>> Open;
};

// A global cache flushed from another function of the unit.
static std::map<int, std::shared_ptr<Image>> Thumbnails;
std::shared_ptr<Image> thumbnail(int Id) {
  auto It = Thumbnails.find(Id);
  if (It != Thumbnails.end())
    return It->second;
  auto Made = std::make_shared<Image>();
  Thumbnails[Id] = Made;
  return Made;
}
void onLowMemory() { Thumbnails.clear(); }

// Entries are dropped by resetting their value.
static std::map<int, std::shared_ptr<Image>> Previews;
std::shared_ptr<Image> preview(int Id) {
  auto It = Previews.find(Id);
  if (It != Previews.end() && It->second)
    return It->second;
  auto Made = std::make_shared<Image>();
  Previews[Id] = Made;
  return Made;
}
void dropPreview(int Id) {
  auto It = Previews.find(Id);
  if (It != Previews.end())
    It->second.reset();
}

// Swapped out for an empty map.
static std::map<int, std::shared_ptr<Image>> Icons;
std::shared_ptr<Image> icon(int Id) {
  if (auto It = Icons.find(Id); It != Icons.end())
    return It->second;
  auto Made = std::make_shared<Image>();
  Icons.emplace(Id, Made);
  return Made;
}
void resetIcons() {
  std::map<int, std::shared_ptr<Image>> Empty;
  Icons.swap(Empty);
}
