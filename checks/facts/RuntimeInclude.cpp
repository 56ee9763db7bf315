//===--- RuntimeInclude.cpp - Where the runtime #include goes -------------===//
//
// clang's own include insertion (the one clang-format and clangd use) knows
// the preprocessor: it skips a file's leading comment, include guards and
// `#pragma once`, and never inserts into a conditional block such as
// `#ifdef _WIN32 ... #endif` or a commented-out #include.
//
//===----------------------------------------------------------------------===//

#include "RuntimeInclude.h"
#include "clang/Tooling/Inclusions/HeaderIncludes.h"
#include "clang/Tooling/Inclusions/IncludeStyle.h"

namespace weakify {

std::optional<Insertion> includeInsertion(llvm::StringRef FileName,
                                          llvm::StringRef Buffer,
                                          llvm::StringRef Header) {
  // One category for every include: the runtime goes after the file's last
  // top-level #include, whatever the project's ordering.
  clang::tooling::IncludeStyle Style;
  clang::tooling::HeaderIncludes Includes(FileName, Buffer, Style);
  std::optional<clang::tooling::Replacement> Insert = Includes.insert(
      Header, /*IsAngled=*/true, clang::tooling::IncludeDirective::Include);
  if (!Insert)
    return std::nullopt;
  return Insertion{Insert->getOffset(), Insert->getReplacementText().str()};
}

} // namespace weakify
