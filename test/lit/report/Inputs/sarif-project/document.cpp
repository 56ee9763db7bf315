#include "document.h"

std::shared_ptr<Document> makeDocument(int Pages) {
  auto Doc = std::make_shared<Document>();
  for (int I = 0; I < Pages; ++I) {
    auto P = std::make_shared<Page>();
    P->Owner = Doc;
    Doc->Pages.push_back(P);
  }
  return Doc;
}
