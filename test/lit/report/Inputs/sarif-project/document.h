#pragma once
#include <memory>
#include <vector>

struct Page;

// A document owns its pages, and each page owns its document back.
struct Document {
  std::vector<std::shared_ptr<Page>> Pages;
};

struct Page {
  std::shared_ptr<Document> Owner;
};

std::shared_ptr<Document> makeDocument(int Pages);
