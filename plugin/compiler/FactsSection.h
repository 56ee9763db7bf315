//===--- FactsSection.h - A unit's facts inside its object file --*- C++ -*-===//
//
// With -fplugin-arg-weakify-facts the plugin puts the unit's facts into the
// object file it compiles, in a section the program never loads
// (`.weakify.facts`, no SHF_ALLOC). Whatever carries object files around
// (ccache, sccache, distcc, icecream, remote execution) carries the facts
// without knowing about them, and a linker concatenates the sections of the
// objects it links, so an archive, shared library or executable holds the
// facts of all its units. `weakify report` reads them back.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_PLUGIN_COMPILER_FACTSSECTION_H
#define WEAKIFY_PLUGIN_COMPILER_FACTSSECTION_H

#include "clang/Frontend/CompilerInstance.h"
#include <memory>
#include <string>

namespace weakify {

/// The name of the section facts travel in.
inline constexpr char FactsSectionName[] = ".weakify.facts";

/// Arranges for \p Document (filled in later, before code generation ends)
/// to be written into the object file \p CI produces.
void embedFactsInObject(clang::CompilerInstance &CI,
                        std::shared_ptr<const std::string> Document);

} // namespace weakify

#endif // WEAKIFY_PLUGIN_COMPILER_FACTSSECTION_H
