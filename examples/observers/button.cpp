// The bundled example of weakify-owning-observers: a button notifies the
// listeners that dialogs subscribe; each listener should go with its dialog,
// but the observer list keeps every one alive (and notified).
#include <cstdio>
#include <memory>
#include <vector>

static int Alive = 0;
static int Notifications = 0;

struct Listener {
  Listener() { ++Alive; }
  ~Listener() { --Alive; }
  void onClick() { ++Notifications; }
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

int main() {
  Button OK;
  for (int Dialog = 0; Dialog < 100; ++Dialog) {
    auto Mine = std::make_shared<Listener>();
    OK.subscribe(Mine);
    OK.click(); // only this dialog's listener should hear it
  }
  std::printf("listeners alive: %d, notifications: %d\n", Alive, Notifications);
  return Alive == 0 ? 0 : 1;
}
