// RUN: %frontends messages %s | count 0

// Structures that look recursive but form no ownership cycle, and cycles the
// code breaks by hand.

#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <string>
#include <vector>

// Trees whose parent link does not own: weak or raw.
struct WeakParentNode {
  std::vector<std::shared_ptr<WeakParentNode>> children;
  std::weak_ptr<WeakParentNode> parent;
};
struct RawParentNode {
  std::vector<std::shared_ptr<RawParentNode>> children;
  RawParentNode *parent = nullptr;
};

// A singly linked list only forms chains.
struct ListNode {
  int value = 0;
  std::shared_ptr<ListNode> next;
};

// Links that only go up (a persistent tree sharing its ancestors).
struct Scope {
  std::map<std::string, int> names;
  std::shared_ptr<Scope> parent;
};

// Binary trees and other recursive shapes with no member named as a back
// reference: both links go down.
struct BinaryNode {
  std::shared_ptr<BinaryNode> left, right;
};
struct Expr {
  virtual ~Expr() = default;
};
struct BinaryExpr : Expr {
  std::shared_ptr<Expr> lhs, rhs;
};
struct CallExpr : Expr {
  std::shared_ptr<Expr> callee;
  std::vector<std::shared_ptr<Expr>> args;
};

// Cycles only through weak_ptr or raw pointers.
struct Session;
struct Connection {
  std::weak_ptr<Session> session;
};
struct Session {
  std::shared_ptr<Connection> connection;
};
struct Model;
struct ModelView {
  Model *model = nullptr;
};
struct Model {
  std::vector<std::shared_ptr<ModelView>> views;
};

// Unique ownership one way, a plain reference back.
struct Engine;
struct Part {
  Engine &engine;
};
struct Engine {
  std::vector<std::unique_ptr<Part>> parts;
};

// Callbacks are not members this check follows (weakify-self-capture's job).
struct Button {
  std::function<void()> onClick;
};
struct Dialog {
  std::shared_ptr<Button> ok;
};

// A cycle the code breaks by hand: close() resets the back link.
class Tab;
class TabStrip {
public:
  void add(std::shared_ptr<Tab> T) { Tabs.push_back(std::move(T)); }

private:
  std::vector<std::shared_ptr<Tab>> Tabs;
};
class Tab {
public:
  void attach(const std::shared_ptr<TabStrip> &S) { Strip = S; }
  void close() { Strip.reset(); }

private:
  std::shared_ptr<TabStrip> Strip;
};

// ... or clears the children, or assigns nullptr.
struct Graph;
struct Vertex {
  std::shared_ptr<Graph> owner;
};
struct Graph {
  std::vector<std::shared_ptr<Vertex>> vertices;
  void shutdown() { vertices.clear(); }
};
struct Peer;
struct Link {
  std::shared_ptr<Peer> parent;
  void detach() { parent = nullptr; }
};
struct Peer {
  std::vector<std::shared_ptr<Link>> links;
};

// A back member declared by a macro cannot be rewritten or reported safely.
#define BACK_LINK(Type, Name) std::shared_ptr<Type> Name;
struct Band;
struct Musician {
  BACK_LINK(Band, band)
};
struct Band {
  std::vector<std::shared_ptr<Musician>> members;
};

// Templates that are never instantiated say nothing about ownership.
template <class T> struct Pending {
  std::vector<std::shared_ptr<Pending>> children;
  std::shared_ptr<Pending> parent;
};

// Children held by value are of their declared class exactly: a derived
// class's back pointer cannot be inside them.
struct Shape {
  int sides = 0;
};
struct Canvas;
struct AttachedShape : Shape {
  std::shared_ptr<Canvas> owner;
};
struct Canvas {
  std::vector<Shape> shapes;
};

// A loop through five classes is too weak a signal by default
// (MaxCycleLength).
struct V2;
struct V3;
struct V4;
struct V5;
struct V1 {
  std::shared_ptr<V2> next;
};
struct V2 {
  std::shared_ptr<V3> next;
};
struct V3 {
  std::shared_ptr<V4> next;
};
struct V4 {
  std::shared_ptr<V5> next;
};
struct V5 {
  std::shared_ptr<V1> owner;
};

// ... or through a setter that is called with nullptr.
class Pool;
class Tunnel {
public:
  void setPool(std::shared_ptr<Pool> P) { m_Pool = std::move(P); }

private:
  std::shared_ptr<Pool> m_Pool;
};
class Pool {
public:
  void add(const std::shared_ptr<Tunnel> &T) { m_Tunnels.push_back(T); }
  void detach() {
    for (auto &T : m_Tunnels)
      T->setPool(nullptr);
  }

private:
  std::vector<std::shared_ptr<Tunnel>> m_Tunnels;
};

// A pointer to a concrete class holds that class: a derived class's back
// pointer is no evidence (i2pd's send tagset is a plain RatchetTagSet, only
// receive tagsets point back to their session).
struct RatchetSession;
struct TagSet {
  int index = 0;
};
struct ReceiveTagSet : TagSet {
  std::shared_ptr<RatchetSession> session;
};
struct RatchetSession {
  std::shared_ptr<TagSet> sendTags;
};

// A work queue: requests point back to their context while pending, and the
// context pops each one to run it (mapnik's postgis AsyncResultSet).
class RequestContext;
class Request {
public:
  explicit Request(const std::shared_ptr<RequestContext> &Ctx) : Ctx(Ctx) {}
  void runNext();

private:
  std::shared_ptr<RequestContext> Ctx;
};
class RequestContext {
public:
  void add(const std::shared_ptr<Request> &R) { Pending.push(R); }
  std::shared_ptr<Request> next() {
    std::shared_ptr<Request> R;
    if (!Pending.empty()) {
      R = Pending.front();
      Pending.pop();
    }
    return R;
  }

private:
  std::queue<std::shared_ptr<Request>> Pending;
};
inline void Request::runNext() {
  if (auto N = Ctx->next())
    N->runNext();
}

// A node that owns handles to other nodes of its class (prerequisites,
// dependencies): a graph like a tree's children, not a loop back.
namespace prerequisites {
class StepBase;
class Step {
public:
  explicit Step(std::shared_ptr<StepBase> Base) : Base(std::move(Base)) {}
  bool operator<(const Step &O) const { return Base < O.Base; }

private:
  std::shared_ptr<StepBase> Base;
};
class StepSet {
public:
  void add(const Step &S) { Steps.insert(S); }

private:
  std::set<Step> Steps;
};
class StepBase {
public:
  void after(const Step &S) { Before.add(S); }

private:
  StepSet Before;
};
} // namespace prerequisites
