//===--- HtmlAssets.h - The HTML report's text, style and script -*- C++ -*-===//

#ifndef WEAKIFY_TOOL_HTMLASSETS_H
#define WEAKIFY_TOOL_HTMLASSETS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace weakify {

/// \p Text safe in HTML text and in quoted attribute values.
std::string escapeHtml(llvm::StringRef Text);

/// The page's style sheet, inlined in a `<style>` element.
llvm::StringRef htmlStyle();

/// The page's script (filters, search, grouping), inlined at the end of
/// the body. It needs no network and no framework.
llvm::StringRef htmlScript();

} // namespace weakify

#endif // WEAKIFY_TOOL_HTMLASSETS_H
