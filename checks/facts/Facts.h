//===--- Facts.h - What one unit (or a whole program) says ------*- C++ -*-===//
//
// Every check is two halves: a collector that turns one translation unit's
// AST into facts, and rules that turn a set of facts into findings. Per-unit
// mode decides on the facts of one unit; whole-program mode on the merge of
// the facts of every unit. Facts never refer to AST nodes or addresses: they
// name declarations by stable identities (see Identity.h) and places by file,
// line and column, so they can be stored, carried in object files and merged
// in any order.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_FACTS_FACTS_H
#define WEAKIFY_CHECKS_FACTS_FACTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace weakify {

/// A place in a source file as its reader sees it: an absolute, normalised
/// path and a 1-based line and byte column. Empty when unknown.
struct Location {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;

  bool valid() const { return !File.empty() && Line != 0; }
  auto key() const { return std::tie(File, Line, Column); }
  bool operator<(const Location &O) const { return key() < O.key(); }
  bool operator==(const Location &O) const { return key() == O.key(); }
  bool operator!=(const Location &O) const { return !(*this == O); }
};

/// \p L as one attribute value ("line:column:file"), and back.
std::string encodeLocation(const Location &L);
Location decodeLocation(llvm::StringRef Text);

/// Replace \c Length bytes starting at \c Begin with \c Text.
struct Edit {
  Location Begin;
  unsigned Length = 0;
  std::string Text;

  auto key() const { return std::tie(Begin, Length, Text); }
  bool operator<(const Edit &O) const { return key() < O.key(); }
  bool operator==(const Edit &O) const { return key() == O.key(); }
};

/// One thing a unit says, e.g. "the member Loader::Cache is erased from at
/// loader.cpp:40:7". Facts are values: the same fact from several units is
/// one fact, which is what makes a header's facts count once.
struct Fact {
  /// The check that reads it, or "" for facts every check may read.
  std::string Check;
  /// What sort of fact it is: "candidate", "use", "class", ...
  std::string Kind;
  /// The stable identity of what it is about.
  std::string Subject;
  Location Loc;
  /// Named values; a flag is present with the value "1".
  std::map<std::string, std::string> Attrs;
  /// Source edits that go with it (a fix-it's share).
  std::vector<Edit> Edits;

  Fact() = default;
  Fact(llvm::StringRef Check, llvm::StringRef Kind, llvm::StringRef Subject)
      : Check(Check.str()), Kind(Kind.str()), Subject(Subject.str()) {}

  bool has(llvm::StringRef Name) const { return Attrs.count(Name.str()); }
  llvm::StringRef get(llvm::StringRef Name) const;
  /// The attribute as an unsigned number, or \p Default.
  unsigned getNumber(llvm::StringRef Name, unsigned Default = 0) const;
  /// Sets \p Name, or removes it when \p Value is empty.
  Fact &set(llvm::StringRef Name, llvm::StringRef Value);
  Fact &flag(llvm::StringRef Name, bool On = true) {
    return On ? set(Name, "1") : *this;
  }
  Fact &at(Location L) {
    Loc = std::move(L);
    return *this;
  }

  auto key() const { return std::tie(Check, Kind, Subject, Loc, Attrs, Edits); }
  bool operator<(const Fact &O) const { return key() < O.key(); }
  bool operator==(const Fact &O) const { return key() == O.key(); }
};

/// The facts of one unit or of many merged: sorted, each fact once. The
/// order (check, kind, subject, ...) lets rules ask for all facts of a kind,
/// or all facts of a kind about one subject, by binary search.
class FactSet {
public:
  /// Adds one fact (kept sorted and unique once finish() is called).
  void add(Fact F) { Pending.insert(std::move(F)); }
  /// Records that the facts of the unit compiled from \p MainFile are in.
  void addUnit(llvm::StringRef MainFile) { Units.insert(MainFile.str()); }
  /// Merges \p Other in; the result does not depend on the order of merges.
  void merge(FactSet &&Other);
  /// Makes added facts visible to the queries below.
  void finish();

  /// Every fact, in order.
  llvm::ArrayRef<Fact> all() const { return Sorted; }
  /// Facts of \p Kind for \p Check, in subject order.
  llvm::ArrayRef<Fact> ofKind(llvm::StringRef Check,
                              llvm::StringRef Kind) const;
  /// Facts of \p Kind for \p Check about \p Subject.
  llvm::ArrayRef<Fact> about(llvm::StringRef Check, llvm::StringRef Kind,
                             llvm::StringRef Subject) const;
  /// The first such fact, or null.
  const Fact *first(llvm::StringRef Check, llvm::StringRef Kind,
                    llvm::StringRef Subject) const;

  /// Main files of the units whose facts are here.
  const std::set<std::string> &units() const { return Units; }
  bool empty() const { return Sorted.empty() && Pending.empty(); }
  size_t size() const { return Sorted.size(); }

private:
  std::set<Fact> Pending;
  std::vector<Fact> Sorted;
  std::set<std::string> Units;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_FACTS_H
