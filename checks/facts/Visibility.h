//===--- Visibility.h - Do the facts hold every use? -------------*- C++ -*-===//
//
// A check may only claim "nothing ever removes an entry" or "nothing breaks
// the cycle" when the facts hold every piece of code that could. Collectors
// describe where a declaration lives (FactBuilder::describeStorage) and which
// member functions of its class each unit defines; these rules say, for a
// set of facts, whether that covers all code that can name it:
//
// - anything returned by non-const reference from an inline function with
//   external linkage (every unit that calls it sees it): only in a closed
//   program;
// - a function-local static, or anything with internal linkage: always;
// - a member of a class defined in a main file (no other unit sees it),
//   for the checks that ask for it (weakify-ownership-cycle): always;
// - a member of any other class: when the class, its nested classes and
//   friends are implemented in the facts (every member function that needs
//   a definition has one; in a closed program, one that no unit names needs
//   none, and friends are the program's own code), and either the member is
//   private (or protected in a final class) or the facts are a closed
//   program;
// - a namespace-scope variable with external linkage: when the facts hold
//   its definition, and it is declared only in that main file (never
//   `extern`) or the facts are a closed program.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_FACTS_VISIBILITY_H
#define WEAKIFY_CHECKS_FACTS_VISIBILITY_H

#include "Facts.h"
#include "Scope.h"
#include <string>

namespace weakify {

/// "" when \p Facts hold every use of the declaration that \p Candidate
/// describes; otherwise why not, as a sentence for --explain.
/// \p MainFileClassesAreClosed: a member of a class defined in a main file
/// counts as fully seen whatever its access.
std::string missingUses(const FactSet &Facts, const Fact &Candidate,
                        const Scope &S, bool MainFileClassesAreClosed = false);

/// "" when every member function of class \p ClassId (and of its nested
/// classes) that needs a definition has one in \p Facts and it has no
/// friends; otherwise why not. In a \p ClosedProgram, friends are code of
/// the program like any other, and an ordinary member function (neither
/// virtual nor a destructor) that no unit calls, explicitly or implicitly,
/// needs no definition: it never runs.
std::string classNotImplemented(const FactSet &Facts, llvm::StringRef ClassId,
                                bool ClosedProgram);

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_VISIBILITY_H
