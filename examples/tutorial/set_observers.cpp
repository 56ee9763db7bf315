// The tutorial's WeakSet of observers, in C++:
//
//   class Subject:
//       def __init__(self): self._observers = weakref.WeakSet()
//       def attach(self, o): self._observers.add(o)
//       def notify(self):
//           for o in self._observers: o.update()
#include <weakref/set.hpp>

#include <cstdio>
#include <memory>

struct Observer {
  explicit Observer(const char *n) : name(n) {}
  const char *name;
  void update() { std::printf("  %s updated\n", name); }
};

class Subject {
public:
  void attach(const std::shared_ptr<Observer> &o) { observers_.add(o); }
  void notify() {
    for (const auto &o : observers_) o->update();
  }
  std::size_t observers() const { return observers_.size(); }

private:
  weakref::set<Observer> observers_;
};

int main() {
  Subject subject;
  auto kept = std::make_shared<Observer>("kept");
  {
    auto temporary = std::make_shared<Observer>("temporary");
    subject.attach(kept);
    subject.attach(temporary);
    std::printf("notify with two observers:\n");
    subject.notify();
  }
  std::printf("notify after one was dropped:\n");
  subject.notify();
  return subject.observers() == 1 ? 0 : 1;
}
