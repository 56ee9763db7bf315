//===--- ContainerRules.h - Reading the facts of containers ------*- C++ -*-===//
//
// The deciding half the four container checks share: walking their
// candidates with everything the facts say about each, and the fix-it that
// gives a container its weakref type (every declaration and every use at
// once, or nothing).
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CONTAINERUSES_CONTAINERRULES_H
#define WEAKIFY_CHECKS_CONTAINERUSES_CONTAINERRULES_H

#include "Facts.h"
#include "Finding.h"
#include "Scope.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>

namespace weakify {

/// Everything the facts say about one container.
struct ContainerFacts {
  const Fact &Candidate;
  llvm::ArrayRef<Fact> Declarations;
  llvm::ArrayRef<Fact> Uses;

  /// Whether some use has \p Flag (see use_flags in ContainerCollector.h).
  bool anyUse(llvm::StringRef Flag) const;
  /// The first use (in source order) with \p Flag, or null.
  const Fact *firstUse(llvm::StringRef Flag) const;
  /// Whether some use removes elements, leaving out removals in the
  /// destructor of \p OwnedClass: while the container owns such an object,
  /// its destructor cannot run.
  bool removesOutside(llvm::StringRef OwnedClass) const;
  /// The weakref type every declaration agrees on, or "".
  std::string replacement() const;
};

/// Calls \p Decide with the facts of each candidate of \p Check, and keeps
/// the finding it returns when the facts hold every use of the container;
/// otherwise says why it is left out (for --explain).
void forEachContainer(
    const FactSet &Facts, llvm::StringRef Check, const Scope &S, Decisions &Out,
    llvm::function_ref<std::optional<Finding>(const ContainerFacts &)> Decide);

/// Names the container in \p F (Finding::Declaration) and draws what it
/// keeps alive: its owner (a class, or static storage) holds the container,
/// which holds \p KeptAlive through \p Held, the edge the fix weakens.
void describeContainer(const FactSet &Facts, const Fact &Candidate,
                       llvm::StringRef Held, llvm::StringRef KeptAlive,
                       Finding &F);

/// Adds the fix-it to \p F: every declaration of the container gets its
/// weakref type, every use its rewrite, and the declaring file the runtime
/// include. Nothing when one of them is not possible, or when no unit saw
/// the container's definition.
void addContainerFix(const ContainerFacts &C, Finding &F);

} // namespace weakify

#endif // WEAKIFY_CHECKS_CONTAINERUSES_CONTAINERRULES_H
