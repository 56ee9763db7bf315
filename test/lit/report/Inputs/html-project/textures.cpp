// An owning cache of a class template's instances.
#include <map>
#include <memory>
#include <string>

template <typename T> struct Slot {
  explicit Slot(T Value) : Value(std::move(Value)) {}
  T Value;
};

class TextureCache {
public:
  std::shared_ptr<Slot<std::string>> load(const std::string &Path) {
    auto It = Cache.find(Path);
    if (It != Cache.end())
      return It->second;
    auto Loaded = std::make_shared<Slot<std::string>>(Path);
    Cache[Path] = Loaded;
    return Loaded;
  }

private:
  std::map<std::string, std::shared_ptr<Slot<std::string>>> Cache;
};

int runTextures() {
  TextureCache Textures;
  return Textures.load("a.png") == Textures.load("a.png") ? 0 : 1;
}
