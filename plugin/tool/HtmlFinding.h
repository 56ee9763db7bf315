//===--- HtmlFinding.h - One finding of the HTML report ---------*- C++ -*-===//

#ifndef WEAKIFY_TOOL_HTMLFINDING_H
#define WEAKIFY_TOOL_HTMLFINDING_H

#include "AuditResults.h"
#include "FindingRecord.h"
#include "SourceExcerpt.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace weakify {

/// What every finding's card needs from the page.
struct CardContext {
  SourceLines &Sources;
  const AuditResults &Audit;
  /// Files under this folder are named relative to it.
  std::string Root;
};

/// \p File as the page names it.
std::string displayName(const CardContext &Context, llvm::StringRef File);

/// The colour of \p Check's chips (CSS).
llvm::StringRef checkColour(llvm::StringRef Check);

/// \p Check as a coloured chip.
std::string checkChip(llvm::StringRef Check);

/// Prints \p R as an `<article>` with id \p Id: message, source excerpt,
/// notes, fix-it, audit verdict, and its ownership picture: \p Svg, or
/// when that is empty and the picture is not, the picture as text.
void printFindingCard(const FindingRecord &R, llvm::StringRef Id,
                      llvm::StringRef Svg, CardContext &Context,
                      llvm::raw_ostream &OS);

} // namespace weakify

#endif // WEAKIFY_TOOL_HTMLFINDING_H
