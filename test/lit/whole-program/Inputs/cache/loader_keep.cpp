#include "loader.h"
#include <cstdio>

// The leaking build's trim only reports: nothing leaves the cache.
void Loader::trim() { std::printf("%zu cached\n", Cache.size()); }
