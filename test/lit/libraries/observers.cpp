// RUN: %frontends messages %s -- -isystem %S/../Inputs/libraries | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp -- -isystem %S/../Inputs/libraries
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp --implicit-check-not='{{^#include .weakref}}'

// Observer lists written with Qt, Boost, a project's own list class and
// entries that pair the observer with data. Each keeps its observers alive;
// none of them can take the runtime's set as written, so no fix-it.

#include <QtCore/QList>
#include <QtCore/QSharedPointer>
#include <boost/smart_ptr.hpp>
#include <memory>
#include <string>
#include <vector>

struct ProgressListener {
  virtual ~ProgressListener() = default;
  virtual void progress(int Percent) = 0;
};

class Download {
public:
  void addListener(QSharedPointer<ProgressListener> L) { Listeners << L; }
  void tick(int Percent) {
    for (auto It = Listeners.begin(); It != Listeners.end(); ++It)
      (*It)->progress(Percent);
  }

private:
  QList<QSharedPointer<ProgressListener>> Listeners;
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: observer list 'Listeners' keeps every 'ProgressListener' subscribed through 'addListener' alive: its QSharedPointer elements are never removed, so observers outlive their owners; use 'weakref::set<ProgressListener>' [weakify-owning-observers]
  // CHECK-FIXES: {{^}}  QList<QSharedPointer<ProgressListener>> Listeners;{{$}}
};

struct Observer {
  virtual ~Observer() = default;
  virtual void notify(const std::string &Event) = 0;
};

// The notification goes through a helper that receives the element.
static void deliver(const boost::shared_ptr<Observer> &O,
                    const std::string &Event) {
  O->notify(Event);
}

class Bus {
public:
  void subscribe(boost::shared_ptr<Observer> O) { Observers.push_back(O); }
  void publish(const std::string &Event) {
    for (const auto &O : Observers)
      deliver(O, Event);
  }

private:
  std::vector<boost::shared_ptr<Observer>> Observers;
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: observer list 'Observers' keeps every 'Observer' subscribed through 'subscribe' alive: its boost::shared_ptr elements are never removed
  // CHECK-FIXES: {{^}}  std::vector<boost::shared_ptr<Observer>> Observers;{{$}}
};

// A project's own list type.
class ObserverList : public std::vector<std::shared_ptr<Observer>> {};

class Clock {
public:
  void attachObserver(std::shared_ptr<Observer> O) {
    Watchers.push_back(std::move(O));
  }
  void second() {
    for (auto &W : Watchers)
      W->notify("tick");
  }

private:
  ObserverList Watchers;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: observer list 'Watchers' keeps every 'Observer' subscribed through 'attachObserver' alive: its std::shared_ptr elements are never removed
  // CHECK-FIXES: {{^}}  ObserverList Watchers;{{$}}
};

// Entries that pair the observer with its priority.
struct Registration {
  std::shared_ptr<Observer> Target;
  int Priority;
};

class Dispatcher {
public:
  void subscribe(std::shared_ptr<Observer> O, int Priority) {
    Registrations.push_back({O, Priority});
  }
  void dispatch(const std::string &Event) {
    for (const Registration &R : Registrations)
      R.Target->notify(Event);
  }

private:
  std::vector<Registration> Registrations;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: observer list 'Registrations' keeps every 'Observer' subscribed through 'subscribe' alive: its elements whose 'Target' is a std::shared_ptr are never removed
  // CHECK-FIXES: {{^}}  std::vector<Registration> Registrations;{{$}}
};

class NamedObservers {
public:
  void subscribe(std::shared_ptr<Observer> O, std::string Name) {
    Named.emplace_back(std::move(O), std::move(Name));
  }
  void broadcast(const std::string &Event) {
    for (auto &Entry : Named)
      Entry.first->notify(Event);
  }

private:
  std::vector<std::pair<std::shared_ptr<Observer>, std::string>> Named;
  // CHECK-MESSAGES: :[[@LINE-1]]:66: warning: observer list 'Named' keeps every 'Observer' subscribed through 'subscribe' alive: its elements whose 'first' is a std::shared_ptr are never removed
  // CHECK-FIXES: {{^}}  std::vector<std::pair<std::shared_ptr<Observer>, std::string>> Named;{{$}}
};

// Look-alikes that stay silent.

// Qt list with an unsubscribe.
class Uploader {
public:
  void addListener(QSharedPointer<ProgressListener> L) { Listeners.append(L); }
  void removeListener(QSharedPointer<ProgressListener> L) {
    Listeners.removeOne(L);
  }
  void tick(int Percent) {
    for (const auto &L : Listeners)
      L->progress(Percent);
  }

private:
  QList<QSharedPointer<ProgressListener>> Listeners;
};

// Entries whose struct is a class with behaviour, not an entry.
class Subscription {
public:
  explicit Subscription(std::shared_ptr<Observer> O) : Target(std::move(O)) {}
  void fire(const std::string &Event) const { Target->notify(Event); }

private:
  std::shared_ptr<Observer> Target;
};

class Signal {
public:
  void subscribe(std::shared_ptr<Observer> O) { Slots.emplace_back(O); }
  void emit(const std::string &Event) {
    for (const Subscription &S : Slots)
      S.fire(Event);
  }

private:
  std::vector<Subscription> Slots;
};

// A list of names next to the observer: logging them is not a notification.
static void logName(const std::string &Name) { (void)Name.size(); }

class Roster {
public:
  void subscribe(std::shared_ptr<Observer> O, std::string Name) {
    Members.emplace_back(std::move(O), std::move(Name));
  }
  void list() const {
    for (const auto &Entry : Members)
      logName(Entry.second);
  }

private:
  std::vector<std::pair<std::shared_ptr<Observer>, std::string>> Members;
};
