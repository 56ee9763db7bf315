#include "registry.h"
#include <cstdio>

void dump(const Registry &R) { std::printf("%zu plugins\n", R.Loaded.size()); }
void reset(Registry &R) { std::printf("reset %zu plugins\n", R.Loaded.size()); }
