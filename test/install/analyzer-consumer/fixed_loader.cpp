// The texture cache of leaky_loader.cpp with weak entries: a texture dies
// with its last user, and the cache forgets it.
#include <weakref/value_map.hpp>

#include <memory>
#include <string>

struct Texture {
  explicit Texture(std::string Path) : Path(std::move(Path)) {}
  std::string Path;
};

class TextureLoader {
public:
  std::shared_ptr<Texture> load(const std::string &Path) {
    if (std::shared_ptr<Texture> Cached = Cache.get(Path))
      return Cached;
    auto Loaded = std::make_shared<Texture>(Path);
    Cache.insert_or_assign(Path, Loaded);
    return Loaded;
  }
  std::size_t size() const { return Cache.size(); }

private:
  weakref::value_map<std::string, Texture> Cache;
};

int main() {
  TextureLoader Loader;
  for (int I = 0; I < 10; ++I)
    Loader.load("tile" + std::to_string(I));
  return Loader.size() == 0 ? 0 : 1;
}
