#include "registry.h"

int useRegistryA() {
  ShapeRegistry R;
  for (int I = 0; I < 30; ++I)
    R.get("a" + std::to_string(I), 3);
  return int(R.size());
}
