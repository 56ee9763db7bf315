//===--- Scope.h - What a set of facts stands for ----------------*- C++ -*-===//
//
// Rules read the same facts two ways. Per unit, the facts are one
// translation unit's: code in other units may use whatever the unit shares
// with them. For a whole program, the facts are every unit's: nothing
// outside them runs, so a member or global is fully seen as soon as its
// class is implemented in the program (see Visibility.h).
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_FACTS_SCOPE_H
#define WEAKIFY_CHECKS_FACTS_SCOPE_H

#include "Finding.h"
#include <string>
#include <vector>

namespace weakify {

struct Scope {
  /// The facts are the whole program: whole-program mode over every unit
  /// of a program (one of them defines main()), unless the user says the
  /// code is a library used by code not analysed.
  bool ClosedProgram = false;
  /// How many units the facts come from.
  unsigned Units = 1;

  /// Where the rules looked, for messages: "this translation unit" or
  /// "the 3 translation units analysed".
  std::string where() const {
    if (Units <= 1)
      return "this translation unit";
    return "the " + std::to_string(Units) + " translation units analysed";
  }
};

/// What the rules of the enabled checks conclude.
struct Decisions {
  std::vector<Finding> Findings;
  /// Candidates left unreported because the facts do not show all their
  /// uses, with the reason (printed with --explain).
  std::vector<Explanation> Explanations;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_SCOPE_H
