// The bundled example of weakify-ownership-cycle: a document owns its pages
// and every page keeps a std::shared_ptr back to its document, so closing a
// document frees nothing: the two halves of the cycle keep each other alive.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

static int DocumentsAlive = 0;
static int PagesAlive = 0;

class Document;

class Page {
public:
  Page(std::shared_ptr<Document> Doc, int Number) : Doc(std::move(Doc)), Number(Number) {
    ++PagesAlive;
  }
  ~Page() { --PagesAlive; }
  std::string header() const;

private:
  std::shared_ptr<Document> Doc;
  int Number;
};

class Document : public std::enable_shared_from_this<Document> {
public:
  explicit Document(std::string Title) : Title(std::move(Title)) { ++DocumentsAlive; }
  ~Document() { --DocumentsAlive; }
  void addPage() {
    Pages.push_back(std::make_shared<Page>(shared_from_this(), int(Pages.size()) + 1));
  }
  const std::string &title() const { return Title; }
  std::size_t render() const {
    std::size_t Bytes = 0;
    for (const auto &P : Pages)
      Bytes += P->header().size();
    return Bytes;
  }

private:
  std::string Title;
  std::vector<std::shared_ptr<Page>> Pages;
};

std::string Page::header() const {
  if (!Doc)
    return "(detached) page " + std::to_string(Number);
  return Doc->title() + ", page " + std::to_string(Number);
}

int main() {
  std::size_t Rendered = 0;
  for (int I = 0; I < 20; ++I) {
    auto Doc = std::make_shared<Document>("report-" + std::to_string(I));
    for (int P = 0; P < 5; ++P)
      Doc->addPage();
    Rendered += Doc->render();
  } // each document is closed here
  std::printf("documents alive: %d, pages alive: %d (rendered %zu bytes)\n",
              DocumentsAlive, PagesAlive, Rendered);
  return DocumentsAlive == 0 && PagesAlive == 0 ? 0 : 1;
}
