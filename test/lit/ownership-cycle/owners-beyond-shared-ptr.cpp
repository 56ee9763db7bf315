// RUN: %frontends messages %s -- -isystem %S/../Inputs/libraries | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'

// Cycles through owners other than a std::shared_ptr member: a pimpl the
// destructor deletes, Boost's shared_ptr, a list of owners named in the
// plural; and `reset(new T)`, which stores a new owner rather than breaking
// the cycle.

#include <boost/smart_ptr.hpp>
#include <memory>
#include <vector>

class ConferenceClient;

// The pimpl holds its client back.
struct ClientImpl {
  std::shared_ptr<ConferenceClient> Client;
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'Client' closes an ownership cycle (ConferenceClient --Impl--> ClientImpl --Client--> ConferenceClient)
};

class ConferenceClient {
public:
  ConferenceClient() : Impl(new ClientImpl) {}
  ~ConferenceClient() { delete Impl; }
  void join(const std::shared_ptr<ConferenceClient> &Self) {
    Impl->Client = Self;
  }

private:
  ClientImpl *Impl;
};

// Boost's shared_ptr both ways; the endpoint is the back reference by name.
struct Session;
struct Endpoint {
  boost::shared_ptr<Session> Active;
};
struct Session {
  boost::shared_ptr<Endpoint> Owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'Owner' closes an ownership cycle (Endpoint --Active--> Session --Owner--> Endpoint): the objects keep each other alive through boost::shared_ptr and are never destroyed; make 'Owner' a boost::weak_ptr [weakify-ownership-cycle]
};

// A graph node that owns its children and every one of its parents.
struct Mapping {
  std::vector<std::shared_ptr<Mapping>> m_children;
  std::vector<std::shared_ptr<Mapping>> m_parents;
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: 'm_parents' closes an ownership cycle
};

// `Owner.reset(new Frame)` replaces the owner: nothing is let go for good.
struct Frame;
struct Measure {
  std::shared_ptr<Frame> Reference;
  void refer();
};
struct Frame {
  std::shared_ptr<Measure> Position;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Position' closes an ownership cycle (Measure --Reference--> Frame --Position--> Measure)
};
void Measure::refer() { Reference.reset(new Frame); }

// Look-alikes that stay silent.

// A raw pointer the class does not delete is not owned.
class Viewer;
struct ViewerImpl {
  std::shared_ptr<Viewer> Back;
};
class Viewer {
public:
  explicit Viewer(ViewerImpl *Shared) : Impl(Shared) {}

private:
  ViewerImpl *Impl;
};

// A bare reset() breaks the cycle by hand.
struct Track;
struct Album {
  std::shared_ptr<Track> Opening;
};
struct Track {
  std::shared_ptr<Album> Parent;
  void detach() { Parent.reset(); }
};
