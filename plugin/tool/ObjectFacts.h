//===--- ObjectFacts.h - Facts out of a build's outputs ---------*- C++ -*-===//

#ifndef WEAKIFY_TOOL_OBJECTFACTS_H
#define WEAKIFY_TOOL_OBJECTFACTS_H

#include "Facts.h"
#include <string>
#include <vector>

namespace weakify {

struct ObjectFactsResult {
  /// Facts documents read (one per unit, or more when merged ones are read).
  unsigned Documents = 0;
  /// Files and members that carried none, and damaged or refused facts,
  /// each with the file's name: reported, skipped.
  std::vector<std::string> Problems;
  /// The file could not be read at all.
  std::string Error;
};

/// Reads the facts a plugin build left in \p Path, an object file, static
/// archive, shared library or executable (their `.weakify.facts` sections),
/// or a file of facts documents, into \p Out.
ObjectFactsResult readObjectFacts(llvm::StringRef Path, FactSet &Out);

} // namespace weakify

#endif // WEAKIFY_TOOL_OBJECTFACTS_H
