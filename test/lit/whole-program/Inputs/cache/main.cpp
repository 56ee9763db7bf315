#include "loader.h"
#include <cstdio>

// Exits 0 when the assets die with their last user, 1 when the cache keeps
// them alive.
int main() {
  Loader L;
  for (int I = 0; I < 100; ++I)
    L.get("asset" + std::to_string(I))->Name += "!";
  std::printf("live assets: %d\n", Asset::Live);
  return Asset::Live == 0 ? 0 : 1;
}
