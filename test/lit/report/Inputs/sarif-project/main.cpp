#include "document.h"
#include "ui kit #2/texture cache.h"

int main() {
  TextureCache Cache;
  auto Wall = Cache.get("wall");
  auto Doc = makeDocument(3);
  return Wall && Doc ? 0 : 1;
}
