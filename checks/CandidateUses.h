//===--- CandidateUses.h - Containers a check weighs, with their uses -*- C++ -*-===//
//
// The container checks all collect the same facts while matching: the
// declarations that could be reported, and every use the unit makes of each
// (classified by the check). They decide at the end of the unit, in the
// order the declarations were met.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CANDIDATEUSES_H
#define WEAKIFY_CHECKS_CANDIDATEUSES_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include <vector>

namespace weakify {

template <class UseT> class CandidateUses {
public:
  void addCandidate(const clang::DeclaratorDecl *D) {
    Candidates.insert({D->getCanonicalDecl(), D});
  }
  void addUse(const clang::ValueDecl *Target, UseT U) {
    Uses[Target->getCanonicalDecl()].push_back(std::move(U));
  }
  /// Calls \p Analyze(Declaration, Uses) for each candidate.
  template <class Fn> void forEach(Fn Analyze) {
    for (const auto &[Canonical, Declaration] : Candidates)
      Analyze(Declaration, Uses[Canonical]);
  }
  void clear() {
    Candidates.clear();
    Uses.clear();
  }

private:
  llvm::MapVector<const clang::Decl *, const clang::DeclaratorDecl *> Candidates;
  llvm::DenseMap<const clang::Decl *, std::vector<UseT>> Uses;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_CANDIDATEUSES_H
