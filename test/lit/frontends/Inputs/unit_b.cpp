#include "leaky_cache.h"
std::shared_ptr<Asset> fromB(AssetCache &C) { return C.get("b"); }
int main() {
  AssetCache Cache;
  fromB(Cache);
  return Asset::Alive; // 0 once the cache no longer owns.
}
