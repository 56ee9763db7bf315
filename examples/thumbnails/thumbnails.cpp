// The bundled example of weakify-stale-weak-entries: a weak thumbnail cache
// whose entries outlive the thumbnails, one per picture ever shown.
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_map>

struct Thumbnail {
  std::string Picture;
};

class Thumbnails {
public:
  std::shared_ptr<Thumbnail> get(const std::string &Picture) {
    if (auto Alive = Cache[Picture].lock())
      return Alive;
    auto Made = std::make_shared<Thumbnail>(Thumbnail{Picture});
    Cache[Picture] = Made;
    return Made;
  }
  std::size_t entries() const { return Cache.size(); }

private:
  std::unordered_map<std::string, std::weak_ptr<Thumbnail>> Cache;
};

int main() {
  Thumbnails T;
  for (int I = 0; I < 1000; ++I)
    T.get("picture" + std::to_string(I)); // viewed, then dropped
  std::printf("entries kept: %zu\n", T.entries());
  return T.entries() == 0 ? 0 : 1;
}
