// RUN: rm -rf %t && mkdir -p %t && cp %s %t/main.cpp
// RUN: %python %S/../compdb.py %t %clangxx -- main.cpp
// RUN: %weakify -p %t 2>&1 | FileCheck %s --check-prefix=CHECK-MESSAGES --implicit-check-not='{{^/.*: warning:}}'
// RUN: %weakify -p %t --per-unit --explain 2>&1 | FileCheck %s --check-prefix=PER-UNIT

// A lambda that copies a strong pointer to an object and is stored in that
// object (or in something it owns), wherever the code is: no
// shared_from_this() in sight, the same cycle. The members are public, so
// only the whole program (it has a main()) shows every use of them.
// PER-UNIT: note: the lambda kept in 'OnMessage' is not reported: it is accessible to code in other units
// PER-UNIT: 0 findings in 1 unit analysed.

#include <functional>
#include <memory>
#include <string>

class Connection {
public:
  std::function<void(const std::string &)> OnMessage;
  std::function<void()> OnClose;
  void close() {}
};

// A free function wiring up a connection it was given.
void echo(const std::shared_ptr<Connection> &Conn) {
  Conn->OnMessage = [Conn](const std::string &Text) { (void)Text; };
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'Connection' owns the lambda stored in 'OnMessage', and the lambda owns the 'Connection' through its capture 'Conn'
}

struct Channel {
  std::function<void()> Ready;
};

class Peer {
public:
  Peer() : Link(new Channel) {}
  ~Peer() { delete Link; }
  Channel *Link;
  void ping() {}
};

// Stored in what the object owns: its pimpl-like channel.
void watch(std::shared_ptr<Peer> P) {
  auto Keep = P;
  P->Link->Ready = [Keep] { Keep->ping(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'Peer' owns the lambda stored in 'Link.Ready', and the lambda owns the 'Peer' through its capture 'Keep'
}

// Look-alikes that stay silent.

struct Socket {
  std::function<void()> OnData;
  std::function<void()> OnClose;
  std::function<void()> OnError;
  void close() {}
};

// Stored in a different object.
void forward(const std::shared_ptr<Socket> &From,
             const std::shared_ptr<Socket> &To) {
  To->OnData = [From] { From->close(); };
}

// Cleared when the socket closes.
void once(const std::shared_ptr<Socket> &S) {
  S->OnClose = [S] { S->OnClose = nullptr; };
}

// Captured weakly.
void weakly(const std::shared_ptr<Socket> &S) {
  std::weak_ptr<Socket> Weak = S;
  S->OnError = [Weak] {
    if (auto Strong = Weak.lock())
      Strong->close();
  };
}

int main() {}
