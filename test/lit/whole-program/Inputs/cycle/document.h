#pragma once
#include <memory>
#include <vector>

struct Page;

// A document owns its pages, and each page owns its document back.
struct Document {
  std::vector<std::shared_ptr<Page>> Pages;
  static inline int Live = 0;
  Document() { ++Live; }
  ~Document() { --Live; }
};

struct Page {
  std::shared_ptr<Document> Owner;
};

std::shared_ptr<Document> makeDocument(int Pages);
void closePage(Page &P);
