//===--- Facts.cpp - What one unit (or a whole program) says --------------===//

#include "Facts.h"
#include <algorithm>
#include <iterator>

namespace weakify {

std::string encodeLocation(const Location &L) {
  if (!L.valid())
    return "";
  return std::to_string(L.Line) + ":" + std::to_string(L.Column) + ":" + L.File;
}

Location decodeLocation(llvm::StringRef Text) {
  Location L;
  auto [Line, Rest] = Text.split(':');
  auto [Column, File] = Rest.split(':');
  if (Line.getAsInteger(10, L.Line) || Column.getAsInteger(10, L.Column))
    return Location();
  L.File = File.str();
  return L;
}

llvm::StringRef Fact::get(llvm::StringRef Name) const {
  auto It = Attrs.find(Name.str());
  return It == Attrs.end() ? llvm::StringRef() : llvm::StringRef(It->second);
}

unsigned Fact::getNumber(llvm::StringRef Name, unsigned Default) const {
  unsigned Value = Default;
  if (get(Name).getAsInteger(10, Value))
    return Default;
  return Value;
}

Fact &Fact::set(llvm::StringRef Name, llvm::StringRef Value) {
  if (Value.empty())
    Attrs.erase(Name.str());
  else
    Attrs[Name.str()] = Value.str();
  return *this;
}

void FactSet::merge(FactSet &&Other) {
  for (Fact &F : Other.Sorted)
    Pending.insert(std::move(F));
  while (!Other.Pending.empty())
    Pending.insert(
        std::move(Other.Pending.extract(Other.Pending.begin()).value()));
  Units.insert(Other.Units.begin(), Other.Units.end());
  Other = FactSet();
}

void FactSet::finish() {
  if (Pending.empty())
    return;
  std::vector<Fact> New;
  New.reserve(Pending.size());
  while (!Pending.empty())
    New.push_back(std::move(Pending.extract(Pending.begin()).value()));
  std::vector<Fact> Merged;
  Merged.reserve(Sorted.size() + New.size());
  std::set_union(std::make_move_iterator(Sorted.begin()),
                 std::make_move_iterator(Sorted.end()),
                 std::make_move_iterator(New.begin()),
                 std::make_move_iterator(New.end()),
                 std::back_inserter(Merged));
  Sorted = std::move(Merged);
}

namespace {
/// Orders facts against a (check, kind[, subject]) prefix.
struct Prefix {
  llvm::StringRef Check, Kind, Subject;
  bool WithSubject;
  int compare(const Fact &F) const {
    if (int C = llvm::StringRef(F.Check).compare(Check))
      return C;
    if (int C = llvm::StringRef(F.Kind).compare(Kind))
      return C;
    return WithSubject ? llvm::StringRef(F.Subject).compare(Subject) : 0;
  }
};
} // namespace

static llvm::ArrayRef<Fact> range(llvm::ArrayRef<Fact> Sorted,
                                  const Prefix &P) {
  auto Begin = std::lower_bound(
      Sorted.begin(), Sorted.end(), P,
      [](const Fact &F, const Prefix &P) { return P.compare(F) < 0; });
  auto End = std::upper_bound(
      Begin, Sorted.end(), P,
      [](const Prefix &P, const Fact &F) { return P.compare(F) > 0; });
  return llvm::ArrayRef<Fact>(Begin, End);
}

llvm::ArrayRef<Fact> FactSet::ofKind(llvm::StringRef Check,
                                     llvm::StringRef Kind) const {
  return range(Sorted, Prefix{Check, Kind, "", false});
}

llvm::ArrayRef<Fact> FactSet::about(llvm::StringRef Check, llvm::StringRef Kind,
                                    llvm::StringRef Subject) const {
  return range(Sorted, Prefix{Check, Kind, Subject, true});
}

const Fact *FactSet::first(llvm::StringRef Check, llvm::StringRef Kind,
                           llvm::StringRef Subject) const {
  llvm::ArrayRef<Fact> Found = about(Check, Kind, Subject);
  return Found.empty() ? nullptr : &Found.front();
}

} // namespace weakify
