// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only %t.cpp

// The class that creates an object and hands it `shared_from_this()` owns
// it; what the created object keeps of its creator is the reference back.
// That decides before member names do: here the creator's member is named
// like an observer, a back-reference word, yet weakening it would free
// nothing, because a directory also owns the observer.

#include <memory>
#include <string>
#include <vector>

class Container;

class ContainerObserver {
public:
  ContainerObserver(std::shared_ptr<Container> Baton) : Baton(std::move(Baton)) {}
  void notify(const std::string &Address);

private:
  std::shared_ptr<Container> Baton;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Baton' closes an ownership cycle (Container --Observer--> ContainerObserver --Baton--> Container): the objects keep each other alive through std::shared_ptr and are never destroyed; make 'Baton' a std::weak_ptr [weakify-ownership-cycle]
  // CHECK-MESSAGES: :[[@LINE-2]]:30: note: 'Baton' points back to 'Container', which creates its object and hands it shared_from_this(), so it is the reference to make weak
  // CHECK-FIXES: std::weak_ptr<Container> Baton;
};

class Directory {
public:
  void add(std::shared_ptr<ContainerObserver> O) { Observers.push_back(O); }

private:
  std::vector<std::shared_ptr<ContainerObserver>> Observers;
};

class Container : public std::enable_shared_from_this<Container> {
public:
  void bind(Directory &D) {
    Observer = std::make_shared<ContainerObserver>(shared_from_this());
    D.add(Observer);
  }
  void changed(const std::string &Address) { Last = Address; }

private:
  std::shared_ptr<ContainerObserver> Observer;
  std::string Last;
};

void ContainerObserver::notify(const std::string &Address) {
  if (auto Locked = Baton)
    Locked->changed(Address);
}

// Created with `new` inside the creator: the same evidence.
class Window;
class Toolbar {
public:
  explicit Toolbar(std::shared_ptr<Window> W) : Host(std::move(W)) {}

private:
  std::shared_ptr<Window> Host;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Host' closes an ownership cycle (Window --Bar--> Toolbar --Host--> Window)
  // CHECK-MESSAGES: :[[@LINE-2]]:27: note: 'Host' points back to 'Window', which creates its object and hands it shared_from_this()
};
class Window : public std::enable_shared_from_this<Window> {
public:
  void open() { Bar.reset(new Toolbar(shared_from_this())); }

private:
  std::shared_ptr<Toolbar> Bar;
};
