// A document owns its pages; every page keeps its document alive.
#include <memory>
#include <string>
#include <vector>

class Document;

class Page {
public:
  Page(std::shared_ptr<Document> Doc, int Number);
  int number() const { return Number; }

private:
  std::shared_ptr<Document> Doc;
  int Number;
};

class Document : public std::enable_shared_from_this<Document> {
public:
  void addPage();
  std::size_t pages() const { return Pages.size(); }

private:
  std::vector<std::shared_ptr<Page>> Pages;
};
