// The tutorial's weakref.finalize removing a temporary file, in C++:
//
//   class TempFile:
//       def __init__(self):
//           self.path = make_temp()
//           self._finalizer = weakref.finalize(self, os.remove, self.path)
#include <weakref/enable_weakref.hpp>
#include <weakref/finalize.hpp>

#include <cstdio>
#include <fstream>
#include <string>

class TempFile : public weakref::enable_weakref<TempFile> {
public:
  explicit TempFile(std::string path)
      : path_(std::move(path)),
        remover_(*this, [](const std::string &p) { std::remove(p.c_str()); }, path_) {
    std::ofstream(path_) << "scratch\n";
  }
  const std::string &path() const { return path_; }
  // Python's `with` / explicit close: run the finalizer now, once.
  void close() { remover_(); }

private:
  std::string path_;
  weakref::finalize<> remover_;
};

static bool exists(const std::string &path) { return std::ifstream(path).good(); }

int main() {
  std::string first = "weakify-example-1.tmp", second = "weakify-example-2.tmp";
  {
    TempFile a(first);
    std::printf("%s exists while the object lives: %s\n", first.c_str(), exists(first) ? "yes" : "no");
  }
  std::printf("%s after the object died: %s\n", first.c_str(), exists(first) ? "exists" : "removed");
  TempFile b(second);
  b.close();
  std::printf("%s after close(): %s\n", second.c_str(), exists(second) ? "exists" : "removed");
  return !exists(first) && !exists(second) ? 0 : 1;
}
