// A get-or-create texture cache whose std::shared_ptr entries are never
// erased: every texture ever loaded stays alive (weakify-owning-cache).
#include <map>
#include <memory>
#include <string>

struct Texture {
  explicit Texture(std::string Path) : Path(std::move(Path)) {}
  std::string Path;
};

class TextureLoader {
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

int main() {
  TextureLoader Loader;
  for (int I = 0; I < 10; ++I)
    Loader.load("tile" + std::to_string(I));
  return 0;
}
