// RUN: %frontends messages %s | FileCheck %s --implicit-check-not='{{^/.*: warning:}}'

// Raw-pointer keys to objects of an arena: a container of unique_ptr<T>
// that only grows frees its objects together, with its owner, so a table
// beside it never holds a dead key. Objects that leave their arena one by
// one, or that have a unique owner of their own, do die while a table lives.

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

struct Node {
  std::string Text;
};
struct Box {
  int Y = 0, Height = 0;
};

// Nodes live in the document's arena until the document goes: silent.
class Layout {
public:
  void place(const Node *N, int Y) { Boxes[N].Y = Y; }

private:
  std::unordered_map<const Node *, Box> Boxes;
};
class Document {
public:
  Node *create(std::string Text) {
    Arena.push_back(std::make_unique<Node>());
    Arena.back()->Text = std::move(Text);
    return Arena.back().get();
  }
  void relayout() {
    int Y = 0;
    for (auto &N : Arena)
      Lay.place(N.get(), Y++);
  }

private:
  std::vector<std::unique_ptr<Node>> Arena;
  Layout Lay;
};

// Cells leave their sheet one by one: a table keyed by them keeps dead keys.
struct Cell {
  double Value = 0;
};
class Formats {
public:
  void set(const Cell *C, int Format) { ByCell[C] = Format; }

private:
  std::map<const Cell *, int> ByCell;
  // CHECK: :[[@LINE-1]]:31: warning: side table 'ByCell' keeps an entry for every 'Cell' it was given
};
class Sheet {
public:
  Cell *add() {
    Cells.push_back(std::make_unique<Cell>());
    return Cells.back().get();
  }
  void removeLast() { Cells.pop_back(); }

private:
  std::vector<std::unique_ptr<Cell>> Cells;
};

// A unique owner of its own: the object dies when its owner does.
struct Token {
  int Kind = 0;
};
class Spans {
public:
  void mark(const Token *T, int Begin) { Starts[T] = Begin; }

private:
  std::map<const Token *, int> Starts;
  // CHECK: :[[@LINE-1]]:32: warning: side table 'Starts' keeps an entry for every 'Token' it was given
};
void lexOne(Spans &S) {
  auto T = std::make_unique<Token>();
  S.mark(T.get(), 0);
}
