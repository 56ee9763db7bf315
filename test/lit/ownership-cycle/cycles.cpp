// RUN: %frontends messages %s | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: %frontends fix %s %t.cpp
// RUN: FileCheck %s --check-prefix=CHECK-FIXES --input-file=%t.cpp
// RUN: %clangxx -fsyntax-only -I%runtime_include %t.cpp

// Ownership cycles as code bases write them. Each is reported once, on the
// member that should be weak, with the rest of the cycle in notes.

#include <memory>
#include <string>
#include <vector>

// Parent and child: the folder owns its files, and each file's back pointer
// keeps the folder alive. The back pointer becomes weak, every use locked.
class Folder;
class File {
public:
  File(std::string Name, std::shared_ptr<Folder> Parent)
      : Name(std::move(Name)), Parent(std::move(Parent)) {}
  std::string path() const;
  bool attached() const { return Parent != nullptr; }
  // CHECK-FIXES: bool attached() const { return Parent.lock() != nullptr; }
  std::shared_ptr<Folder> folder() const { return Parent; }
  // CHECK-FIXES: std::shared_ptr<Folder> folder() const { return Parent.lock(); }
  void moveTo(const std::shared_ptr<Folder> &To) { Parent = To; }
  // CHECK-FIXES: void moveTo(const std::shared_ptr<Folder> &To) { Parent = To; }
  long owners() const { return Parent.use_count(); }
  // CHECK-FIXES: long owners() const { return Parent.use_count(); }

private:
  std::string Name;
  std::shared_ptr<Folder> Parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Parent' closes an ownership cycle (Folder --Files--> File --Parent--> Folder): the objects keep each other alive through std::shared_ptr and are never destroyed; make 'Parent' a std::weak_ptr [weakify-ownership-cycle]
  // CHECK-MESSAGES: :[[@LINE+16]]:38: note: 'Folder' owns 'File' through 'Files'
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: 'Parent' points back to the owner of 'Files', so it is the reference to make weak
  // CHECK-FIXES: std::weak_ptr<Folder> Parent;
};

class Folder : public std::enable_shared_from_this<Folder> {
public:
  explicit Folder(std::string Name) : Name(std::move(Name)) {}
  std::shared_ptr<File> create(std::string FileName) {
    Files.push_back(std::make_shared<File>(std::move(FileName), shared_from_this()));
    return Files.back();
  }
  const std::string &name() const { return Name; }

private:
  std::string Name;
  std::vector<std::shared_ptr<File>> Files;
};

std::string File::path() const {
  if (Parent)
    // CHECK-FIXES: if (Parent.lock())
    return Parent->name() + "/" + Name;
  // CHECK-FIXES: return Parent.lock()->name() + "/" + Name;
  auto Owner = Parent;
  // CHECK-FIXES: auto Owner = Parent.lock();
  return Owner ? Owner->name() : Name;
}

// A delegate back-pointer: the controller owns the downloader, which keeps
// its delegate (the controller) alive. Public members: no fix-it, since code
// elsewhere may use them.
struct DownloadDelegate {
  virtual ~DownloadDelegate() = default;
  virtual void finished() = 0;
};
struct Downloader {
  std::shared_ptr<DownloadDelegate> delegate;
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'delegate' closes an ownership cycle (DownloadDelegate --downloader--> Downloader --delegate--> DownloadDelegate)
  // CHECK-MESSAGES: :[[@LINE+6]]:31: note: 'Controller' owns 'Downloader' through 'downloader'
  // CHECK-MESSAGES: :[[@LINE-3]]:37: note: 'delegate' is named as a back reference, so it is the reference to make weak
  // CHECK-FIXES: std::shared_ptr<DownloadDelegate> delegate;
};
struct Controller : DownloadDelegate {
  void finished() override {}
  std::shared_ptr<Downloader> downloader;
};

// Doubly linked: `prev` is the back edge.
struct Track {
  std::shared_ptr<Track> next;
  std::shared_ptr<Track> prev;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'prev' closes an ownership cycle (Track --next--> Track --prev--> Track)
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: 'Track' owns 'Track' through 'next'
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: 'prev' is named as a back reference
};

// Through a base class: the owner holds leaves, whose base points back.
struct Owner;
struct Item {
  std::shared_ptr<Owner> owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'owner' closes an ownership cycle (Owner --leaves--> Leaf --owner--> Owner)
  // CHECK-MESSAGES: :[[@LINE+5]]:38: note: 'Owner' owns 'Leaf' through 'leaves'
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: 'owner' points back to the owner of 'leaves'
};
struct Leaf : Item {};
struct Owner {
  std::vector<std::shared_ptr<Leaf>> leaves;
};

// Children held by value still hold their back pointer.
struct Scene;
struct Layer {
  std::shared_ptr<Scene> scene;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'scene' closes an ownership cycle (Scene --layers--> Layer --scene--> Scene)
  // CHECK-MESSAGES: :[[@LINE+4]]:22: note: 'Scene' owns 'Layer' through 'layers'
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: 'scene' points back to the owner of 'layers'
};
struct Scene {
  std::vector<Layer> layers;
};

// A -> B -> C -> A with nothing saying which way is up: reported on the last
// declared member, explained, and never rewritten on that guess.
struct Gamma;
struct Alpha {
  std::shared_ptr<struct Beta> beta;
};
struct Beta {
  std::shared_ptr<Gamma> gamma;
};
struct Gamma {
  std::shared_ptr<Alpha> alpha;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'alpha' closes an ownership cycle (Alpha --beta--> Beta --gamma--> Gamma --alpha--> Alpha)
  // CHECK-MESSAGES: :[[@LINE-8]]:32: note: 'Alpha' owns 'Beta' through 'beta'
  // CHECK-MESSAGES: :[[@LINE-6]]:26: note: 'Beta' owns 'Gamma' through 'gamma'
  // CHECK-MESSAGES: :[[@LINE-4]]:26: note: no member of the cycle points back to a container's owner or is named as a back reference; 'alpha' is the last declared, so decide which reference is the back one before changing it
  // CHECK-FIXES: std::shared_ptr<Alpha> alpha;
};

// A class template: reported once, on the template, however many
// instantiations the unit has.
template <class T> struct TreeNode {
  T value;
  std::vector<std::shared_ptr<TreeNode>> children;
  std::shared_ptr<TreeNode> parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'parent' closes an ownership cycle
  // CHECK-MESSAGES: note: 'TreeNode' owns 'TreeNode' through 'children'
  // CHECK-MESSAGES: note: 'parent' is named as a back reference
};
TreeNode<int> IntTree;
TreeNode<double> DoubleTree;

// Clearing in a destructor does not break a cycle: it never runs.
class Window;
class Pane {
public:
  void attach(const std::shared_ptr<Window> &W) { Host = W; }

private:
  std::shared_ptr<Window> Host;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Host' closes an ownership cycle (Window --Panes--> Pane --Host--> Window)
  // CHECK-MESSAGES: note: 'Window' owns 'Pane' through 'Panes'
  // CHECK-MESSAGES: note: 'Host' points back to the owner of 'Panes'
  // CHECK-FIXES: std::weak_ptr<Window> Host;
};
class Window {
public:
  ~Window() { Panes.clear(); }
  void add(std::shared_ptr<Pane> P) { Panes.push_back(std::move(P)); }

private:
  std::vector<std::shared_ptr<Pane>> Panes;
};
