// The tutorial's WeakValueDictionary cache, in C++:
//
//   _cache = weakref.WeakValueDictionary()
//   def get_image(path):
//       img = _cache.get(path)
//       if img is None: img = _cache[path] = load(path)
//       return img
#include <weakref/value_map.hpp>

#include <cstdio>
#include <memory>
#include <string>

struct Image {
  explicit Image(std::string p) : path(std::move(p)) { ++loads; }
  std::string path;
  static inline int loads = 0;
};

weakref::value_map<std::string, Image> cache;

std::shared_ptr<Image> get_image(const std::string &path) {
  return cache.get_or_create(path, [&] { return std::make_shared<Image>(path); });
}

int main() {
  auto a = get_image("a.png");
  auto again = get_image("a.png");  // served from the cache while in use
  std::printf("same object while in use: %s, loads: %d\n", a == again ? "yes" : "no", Image::loads);
  a.reset();
  again.reset();  // nobody uses it: it is gone, and so is its entry
  std::printf("cached images after release: %zu\n", cache.size());
  get_image("a.png");  // loaded again
  std::printf("loads: %d\n", Image::loads);
  return Image::loads == 2 && cache.size() == 0 ? 0 : 1;
}
