#include "document.h"
#include <cstdio>

int main() {
  {
    auto Doc = makeDocument(3);
    for (auto &P : Doc->Pages)
      closePage(*P);
  }
  std::printf("live documents: %d\n", Document::Live);
  return Document::Live == 0 ? 0 : 1;
}
