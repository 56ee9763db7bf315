// RUN: %frontends messages %s -- -isystem %S/../Inputs/libraries | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp -- -isystem %S/../Inputs/libraries
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp --implicit-check-not='{{^#include .weakref}}'

// Caches, side tables and weak lists written with Abseil, Boost and Qt
// containers and pointers, a project's own map class, and entries that
// pair the pointer with data. The weakref containers stand in for std::
// ones only, so none of these gets a fix-it.

#include <QtCore/QMap>
#include <QtCore/QSharedPointer>
#include <absl/container/flat_hash_map.h>
#include <boost/smart_ptr.hpp>
#include <boost/unordered_map.hpp>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Texture {
  std::string Path;
};

class TextureCache {
public:
  std::shared_ptr<Texture> load(const std::string &Path) {
    auto It = Loaded.find(Path);
    if (It != Loaded.end())
      return It->second;
    auto Made = std::make_shared<Texture>();
    Loaded.emplace(Path, Made);
    return Made;
  }

private:
  absl::flat_hash_map<std::string, std::shared_ptr<Texture>> Loaded;
  // CHECK-MESSAGES: :[[@LINE-1]]:62: warning: cache 'Loaded' keeps every 'Texture' it creates alive: its std::shared_ptr entries are never erased, so objects outlive their last user; use 'weakref::value_map<std::string, Texture>' [weakify-owning-cache]
  // CHECK-FIXES: {{^}}  absl::flat_hash_map<std::string, std::shared_ptr<Texture>> Loaded;{{$}}
};

struct Font {
  int Size;
};

class FontCache {
public:
  boost::shared_ptr<Font> get(int Size) {
    // The lookup and the insertion are one call.
    auto [It, Inserted] = Fonts.try_emplace(Size);
    if (Inserted)
      It->second = boost::make_shared<Font>(Font{Size});
    return It->second;
  }

private:
  boost::unordered_map<int, boost::shared_ptr<Font>> Fonts;
  // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: cache 'Fonts' keeps every 'Font' it creates alive: its boost::shared_ptr entries are never erased
  // CHECK-FIXES: {{^}}  boost::unordered_map<int, boost::shared_ptr<Font>> Fonts;{{$}}
};

struct Icon {
  std::string Name;
};

class IconProvider {
public:
  QSharedPointer<Icon> icon(const std::string &Name) {
    if (Icons.contains(Name))
      return Icons.value(Name);
    QSharedPointer<Icon> Made = QSharedPointer<Icon>::create(Icon{Name});
    Icons.insert(Name, Made);
    return Made;
  }

private:
  QMap<std::string, QSharedPointer<Icon>> Icons;
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: cache 'Icons' keeps every 'Icon' it creates alive: its QSharedPointer entries are never erased
  // CHECK-FIXES: {{^}}  QMap<std::string, QSharedPointer<Icon>> Icons;{{$}}
};

// A project's own map class.
class ShaderMap : public std::map<std::string, std::shared_ptr<Texture>> {};

class ShaderCache {
public:
  std::shared_ptr<Texture> compile(const std::string &Source) {
    std::shared_ptr<Texture> &Slot = Shaders[Source];
    if (!Slot)
      Slot = std::make_shared<Texture>();
    return Slot;
  }

private:
  ShaderMap Shaders;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: cache 'Shaders' keeps every 'Texture' it creates alive
  // CHECK-FIXES: {{^}}  ShaderMap Shaders;{{$}}
};

struct Widget {
  int Id;
};
struct Rect {
  int W, H;
};

class Layout {
public:
  void measure(const boost::shared_ptr<Widget> &W) { Sizes[W] = Rect{10, 20}; }
  int width(const boost::shared_ptr<Widget> &W) const {
    auto It = Sizes.find(W);
    return It == Sizes.end() ? 0 : It->second.W;
  }

private:
  std::map<boost::shared_ptr<Widget>, Rect> Sizes;
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: side table 'Sizes' keeps every 'Widget' it holds data about alive: its boost::shared_ptr keys own the objects and entries are never erased
  // CHECK-FIXES: {{^}}  std::map<boost::shared_ptr<Widget>, Rect> Sizes;{{$}}
};

struct Session {
  int Id;
};

// Weak pointers paired with a name; nothing ever drops the dead ones.
class SessionDirectory {
public:
  void track(const std::shared_ptr<Session> &S, std::string Name) {
    Sessions.emplace_back(S, std::move(Name));
  }
  int live() const {
    int N = 0;
    for (const auto &Entry : Sessions)
      N += !Entry.first.expired();
    return N;
  }

private:
  std::vector<std::pair<std::weak_ptr<Session>, std::string>> Sessions;
  // CHECK-MESSAGES: :[[@LINE-1]]:63: warning: 'Sessions' keeps an entry for every 'Session' it ever referenced: expired entries whose 'first' is a std::weak_ptr are never erased
  // CHECK-FIXES: {{^}}  std::vector<std::pair<std::weak_ptr<Session>, std::string>> Sessions;{{$}}
};

class PeerTable {
public:
  void remember(int Id, const boost::shared_ptr<Session> &S) {
    Peers.insert({Id, boost::weak_ptr<Session>(S)});
  }
  boost::shared_ptr<Session> find(int Id) {
    auto It = Peers.find(Id);
    return It == Peers.end() ? boost::shared_ptr<Session>() : It->second.lock();
  }

private:
  std::map<int, boost::weak_ptr<Session>> Peers;
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'Peers' keeps an entry for every 'Session' it ever referenced: expired boost::weak_ptr entries are never erased
  // CHECK-FIXES: {{^}}  std::map<int, boost::weak_ptr<Session>> Peers;{{$}}
};

// Look-alikes that stay silent.

// A Qt cache that evicts.
class ThumbnailCache {
public:
  QSharedPointer<Icon> get(const std::string &Name) {
    if (Thumbs.contains(Name))
      return Thumbs.value(Name);
    QSharedPointer<Icon> Made = QSharedPointer<Icon>::create(Icon{Name});
    Thumbs.insert(Name, Made);
    return Made;
  }
  void evict(const std::string &Name) { Thumbs.remove(Name); }

private:
  QMap<std::string, QSharedPointer<Icon>> Thumbs;
};

// Weak entries pruned when they expire.
class Watchlist {
public:
  void watch(const std::shared_ptr<Session> &S, std::string Why) {
    Watched.emplace_back(S, std::move(Why));
  }
  void prune() {
    for (auto It = Watched.begin(); It != Watched.end();)
      It = It->first.expired() ? Watched.erase(It) : It + 1;
  }

private:
  std::vector<std::pair<std::weak_ptr<Session>, std::string>> Watched;
};
