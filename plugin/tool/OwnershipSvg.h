//===--- OwnershipSvg.h - Ownership pictures laid out by Graphviz -*- C++ -*-===//
//
// The HTML report draws each finding's ownership picture (who keeps whom
// alive, and the edge the fix makes weak). Graphviz's `dot` does the layout;
// this file only writes DOT text and runs `dot` once for all pictures.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_TOOL_OWNERSHIPSVG_H
#define WEAKIFY_TOOL_OWNERSHIPSVG_H

#include "Finding.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace weakify {

/// \p Picture as a DOT digraph whose SVG elements get ids starting with
/// \p Id and classes naming their role (`owner`, `holder`, `kept-alive`,
/// `strong`, `weaken`).
std::string ownershipDot(const OwnershipPicture &Picture, llvm::StringRef Id);

/// \p Text as a DOT quoted string, safe in labels (no escape sequence or
/// entity of Graphviz's is taken from it).
std::string dotQuoted(llvm::StringRef Text);

/// The SVG of each graph, or why there is none.
struct RenderedGraphs {
  /// One `<svg>` element per DOT graph given, in order; empty on failure.
  std::vector<std::string> Svgs;
  /// Empty, or why no graph was drawn (Graphviz missing, `dot` failed).
  std::string Problem;
  /// Whether the problem is that Graphviz is not installed.
  bool DotMissing = false;
};

/// Lays out \p DotGraphs with one run of Graphviz's `dot -Tsvg`, found on
/// PATH.
RenderedGraphs renderWithGraphviz(const std::vector<std::string> &DotGraphs);

} // namespace weakify

#endif // WEAKIFY_TOOL_OWNERSHIPSVG_H
