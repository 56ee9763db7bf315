// The bundled example of weakify-owning-side-table: a layout engine keeps
// measurements per widget in a table keyed by shared_ptr, so every widget
// ever measured stays alive after its window closed.
#include <cstdio>
#include <map>
#include <memory>

static int Alive = 0;

struct Widget {
  Widget() { ++Alive; }
  ~Widget() { --Alive; }
};
struct Size {
  int Width = 0, Height = 0;
};

class Layout {
public:
  void measure(const std::shared_ptr<Widget> &W) { Sizes[W] = Size{100, 20}; }
  int width(const std::shared_ptr<Widget> &W) const {
    auto It = Sizes.find(W);
    return It == Sizes.end() ? 0 : It->second.Width;
  }

private:
  std::map<std::shared_ptr<Widget>, Size> Sizes;
};

int main() {
  Layout L;
  int Total = 0;
  for (int Window = 0; Window < 50; ++Window) {
    auto Button = std::make_shared<Widget>();
    L.measure(Button);
    Total += L.width(Button);
  } // each window, and its button, closes here
  std::printf("widgets alive after closing every window: %d (laid out %d px)\n", Alive, Total);
  return Alive == 0 ? 0 : 1;
}
