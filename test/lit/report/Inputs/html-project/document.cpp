#include "document.h"

Page::Page(std::shared_ptr<Document> Doc, int Number)
    : Doc(std::move(Doc)), Number(Number) {}

void Document::addPage() {
  Pages.push_back(std::make_shared<Page>(shared_from_this(), int(Pages.size()) + 1));
}

int runDocuments() {
  auto Doc = std::make_shared<Document>();
  Doc->addPage();
  return Doc->pages() == 1 ? 0 : 1;
}
