// The tutorial's WeakKeyDictionary metadata, in C++:
//
//   metadata = weakref.WeakKeyDictionary()
//   metadata[doc] = {"author": "ada"}   # extra data without owning doc
//   del doc                             # the metadata goes with it
#include <weakref/key_map.hpp>

#include <cstdio>
#include <memory>
#include <string>

struct Document {
  std::string title;
};
struct Metadata {
  std::string author;
};

int main() {
  weakref::key_map<Document, Metadata> metadata;
  auto doc = std::make_shared<Document>(Document{"notes"});
  metadata[doc].author = "ada";
  auto twin = std::make_shared<Document>(Document{"notes"});  // equal, not the same
  std::printf("author: %s, twin has metadata: %s\n", metadata.at(doc).author.c_str(),
              metadata.contains(twin) ? "yes" : "no");
  doc.reset();
  std::printf("entries after the document died: %zu\n", metadata.size());
  return metadata.size() == 0 ? 0 : 1;
}
