// RUN: %frontends messages %s | count 0

// Maps that own on purpose, or do not own through shared_ptr at all.

#include <map>
#include <memory>
#include <string>

struct Session { std::string User; };

// unique_ptr and plain values: the map is the owner by construction.
static std::map<int, std::unique_ptr<Session>> Unique;
Session &unique(int Id) {
  auto &Slot = Unique[Id];
  if (!Slot)
    Slot = std::make_unique<Session>();
  return *Slot;
}
static std::map<int, Session> Values;
Session &value(int Id) { return Values[Id]; }

// The shared_ptrs never leave the map: callers get references and raw
// pointers. Weakening it would destroy every object at once.
class SoleOwner {
public:
  Session &get(int Id) {
    auto It = Sessions.find(Id);
    if (It == Sessions.end())
      It = Sessions.emplace(Id, std::make_shared<Session>()).first;
    return *It->second;
  }
  Session *find(int Id) {
    auto It = Sessions.find(Id);
    return It == Sessions.end() ? nullptr : It->second.get();
  }

private:
  std::map<int, std::shared_ptr<Session>> Sessions;
};

// Filled once from configuration, never created on a lookup miss.
class Config {
public:
  explicit Config(int N) {
    for (int I = 0; I < N; ++I)
      Entries.emplace(I, std::make_shared<Session>());
  }
  std::shared_ptr<Session> get(int Id) const {
    auto It = Entries.find(Id);
    return It == Entries.end() ? nullptr : It->second;
  }

private:
  std::map<int, std::shared_ptr<Session>> Entries;
};

// Handed out both ways: shared (get) and borrowed (peek). The raw pointers
// would dangle once the map stopped owning.
class Mixed {
public:
  std::shared_ptr<Session> get(int Id) {
    auto It = Sessions.find(Id);
    if (It != Sessions.end())
      return It->second;
    auto Made = std::make_shared<Session>();
    Sessions[Id] = Made;
    return Made;
  }
  Session *peek(int Id) {
    auto It = Sessions.find(Id);
    return It == Sessions.end() ? nullptr : It->second.get();
  }

private:
  std::map<int, std::shared_ptr<Session>> Sessions;
};

// An enum key bounds the cache to one object per enumerator: kept on
// purpose, it cannot grow.
enum class Channel { Audit, Debug, Error };
static std::map<Channel, std::shared_ptr<Session>> PerChannel;
std::shared_ptr<Session> channel(Channel C) {
  auto It = PerChannel.find(C);
  if (It != PerChannel.end())
    return It->second;
  auto Made = std::make_shared<Session>();
  PerChannel[C] = Made;
  return Made;
}

// Prototypes: the getter returns a fresh copy, never the stored object, so
// the map is the only owner.
struct Shape { int Sides = 0; };
class Prototypes {
public:
  std::shared_ptr<Shape> make(int Sides) {
    auto It = Protos.find(Sides);
    if (It == Protos.end()) {
      auto Proto = std::make_shared<Shape>();
      Proto->Sides = Sides;
      It = Protos.emplace(Sides, Proto).first;
    }
    return std::make_shared<Shape>(*It->second);
  }

private:
  std::map<int, std::shared_ptr<Shape>> Protos;
};

// Creates and stores, but hands out something else.
class Builder {
public:
  std::shared_ptr<Session> session(int Id) {
    if (!Parts.count(Id))
      Parts[Id] = std::make_shared<Shape>();
    auto Result = std::make_shared<Session>();
    Result->User = std::to_string(Parts[Id]->Sides);
    return Result;
  }

private:
  std::map<int, std::shared_ptr<Shape>> Parts;
};

// Keyed by a shared_ptr: each entry also owns its key's object, so weak
// values would not free anything (seen in mapnik's cairo face cache).
struct Face {};
struct RenderedFace { std::shared_ptr<Face> Source; };
class FaceCache {
public:
  std::shared_ptr<RenderedFace> get(const std::shared_ptr<Face> &F) {
    auto It = Cache.find(F);
    if (It != Cache.end())
      return It->second;
    auto Made = std::make_shared<RenderedFace>(RenderedFace{F});
    Cache.emplace(F, Made);
    return Made;
  }

private:
  std::map<std::shared_ptr<Face>, std::shared_ptr<RenderedFace>> Cache;
};
