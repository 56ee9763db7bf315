// An observer list that keeps every listener alive.
#include <memory>
#include <vector>

struct Listener {
  void onClick() {}
};

class Button {
public:
  void subscribe(std::shared_ptr<Listener> L) { Listeners.push_back(std::move(L)); }
  void click() {
    for (auto &L : Listeners)
      L->onClick();
  }

private:
  std::vector<std::shared_ptr<Listener>> Listeners;
};

int runButton() {
  Button OK;
  OK.subscribe(std::make_shared<Listener>());
  OK.click();
  return 0;
}
