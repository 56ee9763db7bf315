// RUN: %frontends messages %s | count 0

// Maps keyed by shared_ptr that let entries go, own their keys on purpose,
// or whose values keep the keys alive anyway.

#include <map>
#include <memory>
#include <vector>

struct Widget {
  void draw() const {}
};
struct Info { int N = 0; };

// Erased when the widget is closed.
class Erased {
public:
  void add(const std::shared_ptr<Widget> &W) { Table[W].N++; }
  void close(const std::shared_ptr<Widget> &W) { Table.erase(W); }

private:
  std::map<std::shared_ptr<Widget>, Info> Table;
};

// The keys are iterated and used: the map is a registry of what it owns.
class Registry {
public:
  void add(const std::shared_ptr<Widget> &W) { All[W].N = 1; }
  void drawAll() const {
    for (const auto &Entry : All)
      Entry.first->draw();
  }

private:
  std::map<std::shared_ptr<Widget>, Info> All;
};

// The same with structured bindings and with an iterator loop.
class Scene {
public:
  void add(const std::shared_ptr<Widget> &W) { Layers[W].N = 1; }
  void drawAll() const {
    for (const auto &[Shown, Layer] : Layers)
      Shown->draw();
  }

private:
  std::map<std::shared_ptr<Widget>, Info> Layers;
};

class Panel {
public:
  void add(const std::shared_ptr<Widget> &W) { Children[W].N = 1; }
  void drawAll() const {
    for (auto It = Children.begin(); It != Children.end(); ++It)
      It->first->draw();
  }

private:
  std::map<std::shared_ptr<Widget>, Info> Children;
};

// Keys the table creates itself (an intern table).
class Interned {
public:
  std::shared_ptr<Widget> intern(int) {
    auto W = std::make_shared<Widget>();
    Table[W].N = 1;
    return W;
  }

private:
  std::map<std::shared_ptr<Widget>, Info> Table;
};

// The value holds its key: weak keys would free nothing.
struct Rendered { std::shared_ptr<Widget> Source; };
class Renders {
public:
  std::shared_ptr<Rendered> get(const std::shared_ptr<Widget> &W) {
    auto It = Cache.find(W);
    if (It != Cache.end())
      return It->second;
    auto R = std::make_shared<Rendered>(Rendered{W});
    Cache.emplace(W, R);
    return R;
  }

private:
  std::map<std::shared_ptr<Widget>, std::shared_ptr<Rendered>> Cache;
};
