#include "registry.h"
#include <cstdio>

int main() {
  ShapeRegistry R;
  for (int I = 0; I < 12; ++I)
    R.get("m" + std::to_string(I), 4);
  int FromA = useRegistryA();
  std::printf("shapes alive: %d, registered in a: %d\n", Shape::Alive, FromA);
  return 0;
}
