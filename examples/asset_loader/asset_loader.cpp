// A texture loader with a get-or-create cache: the pattern
// weakify-owning-cache flags. Every texture ever loaded stays alive, because
// the cache's std::shared_ptr entries are never erased. scripts/demo.sh runs
// weakify on it, applies the fix-its to a copy and runs both.
#include <cstdio>
#include <map>
#include <memory>
#include <string>

namespace {

int LiveTextures = 0;

struct Texture {
  explicit Texture(std::string Path) : Path(std::move(Path)) { ++LiveTextures; }
  ~Texture() { --LiveTextures; }
  std::string Path;
};

class AssetLoader {
public:
  std::shared_ptr<Texture> load(const std::string &Path) {
    auto It = Cache.find(Path);
    if (It != Cache.end())
      return It->second;
    auto Loaded = std::make_shared<Texture>(Path);
    Cache[Path] = Loaded;
    return Loaded;
  }

private:
  std::map<std::string, std::shared_ptr<Texture>> Cache;
};

} // namespace

int main() {
  AssetLoader Loader;
  for (int Level = 0; Level < 100; ++Level) {
    // Each level uses its own textures plus a shared one; the level's
    // textures should die when the level is left.
    auto Shared = Loader.load("ui/font.png");
    auto Again = Loader.load("ui/font.png");
    if (Shared != Again)
      return 2; // the cache must still deduplicate live textures
    for (int I = 0; I < 10; ++I)
      Loader.load("level" + std::to_string(Level) + "/tile" + std::to_string(I));
  }
  std::printf("textures alive after all levels: %d\n", LiveTextures);
  // Nothing outside the loader holds a texture now.
  return LiveTextures == 0 ? 0 : 1;
}
