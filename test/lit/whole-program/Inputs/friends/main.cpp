#include "registry.h"

int main() {
  Registry R;
  return R.load("a") ? 0 : 1;
}
