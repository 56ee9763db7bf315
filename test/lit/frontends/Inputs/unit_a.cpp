#include "leaky_cache.h"
std::shared_ptr<Asset> fromA(AssetCache &C) { return C.get("a"); }
