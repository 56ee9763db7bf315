//===--- InstrumentUnit.h - Compile a unit with its sites audited -*- C++ -*-===//
//
// Instrument mode runs before the compiler parses the unit: a first,
// silent parse of the same invocation finds the sites (AuditSites.h) and
// their rewrite (AuditRewrite.h); the new texts then replace the files'
// contents in the compiler's own SourceManager, and the runtime's audit
// header is included ahead of the main file. Nothing is written to disk.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_PLUGIN_INSTRUMENT_INSTRUMENTUNIT_H
#define WEAKIFY_PLUGIN_INSTRUMENT_INSTRUMENTUNIT_H

#include "clang/Frontend/CompilerInstance.h"
#include <string>

namespace weakify {

/// The plugin argument that marks the inner parse, so the plugin stays out
/// of it.
inline constexpr char InnerParseArgument[] = "inner-parse";

/// Prepares \p CI, whose preprocessor exists but has not started, to compile
/// the audited program. \p RuntimeInclude is the directory that holds the
/// runtime's weakref/audit.hpp. Returns false after reporting an error.
bool instrumentUnit(clang::CompilerInstance &CI,
                    llvm::StringRef RuntimeInclude);

} // namespace weakify

#endif // WEAKIFY_PLUGIN_INSTRUMENT_INSTRUMENTUNIT_H
