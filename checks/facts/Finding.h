//===--- Finding.h - What the rules conclude ---------------------*- C++ -*-===//
//
// Rules turn facts into findings. A finding refers to places by file, line
// and column like the facts it comes from, so the same finding comes out of
// one unit's facts in a compiler and out of a program's merged facts in the
// weakify tool; each front end renders it its own way.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_FACTS_FINDING_H
#define WEAKIFY_CHECKS_FACTS_FINDING_H

#include "Facts.h"
#include <string>
#include <vector>

namespace weakify {

struct FindingNote {
  Location Loc;
  std::string Message;
};

/// Who keeps whom alive, as a report draws it: the owner, the container or
/// member that holds, the objects kept alive; for a cycle every class and
/// member of it. Nodes are named as users read them ("Loader",
/// "Loader::Cache", "Texture objects").
struct OwnershipPicture {
  enum class Role { Owner, Holder, KeptAlive };
  struct Node {
    std::string Name;
    Role Kind = Role::Owner;
  };
  struct Edge {
    unsigned From = 0, To = 0;
    /// What holds: a member's name, "shared_ptr", "weak_ptr"...
    std::string Label;
    /// The edge the fix makes weak (or removes).
    bool Weaken = false;
  };
  std::vector<Node> Nodes;
  std::vector<Edge> Edges;

  /// The index of the node named \p Name, added with \p Kind if new.
  unsigned node(llvm::StringRef Name, Role Kind);
  void edge(unsigned From, unsigned To, llvm::StringRef Label,
            bool Weaken = false) {
    Edges.push_back({From, To, Label.str(), Weaken});
  }
  bool empty() const { return Edges.empty(); }
};

struct Finding {
  std::string Check;
  Location Loc;
  std::string Message;
  std::vector<FindingNote> Notes;
  /// Empty when no safe rewrite exists; then the warning comes alone. The
  /// edits are applied all together or not at all.
  std::vector<Edit> Fixes;
  /// The file whose declaration the fix rewrites to a weakref type: it
  /// needs the runtime's #include (added once per file when findings are
  /// finished, see FinishFindings.h).
  std::string NeedsRuntimeIn;
  /// A problem with the input rather than a finding (an unmatched
  /// NOLINTBEGIN): always shown as an error.
  bool Error = false;
  /// The qualified name of the declaration it flags ("Loader::Cache",
  /// "Node::parent"): with the check and the file, a fingerprint that does
  /// not move with line numbers (baselines, SARIF).
  std::string Declaration;
  /// What the finding says owns what, for pictures; may be empty.
  OwnershipPicture Ownership;

  auto key() const { return std::tie(Loc, Check, Message); }
  bool operator<(const Finding &O) const { return key() < O.key(); }
};

/// Why a candidate was not reported, for `--explain`.
struct Explanation {
  std::string Check;
  Location Loc;
  std::string Message;
  auto key() const { return std::tie(Loc, Check, Message); }
  bool operator<(const Explanation &O) const { return key() < O.key(); }
  bool operator==(const Explanation &O) const { return key() == O.key(); }
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_FINDING_H
