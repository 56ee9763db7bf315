//===--- ContainerCollector.h - Facts about containers ----------*- C++ -*-===//
//
// The collecting half the four container checks share. Each check says which
// container types it follows and what it adds to a candidate; this finds the
// variables and members of those types and every use of them in the unit,
// classifies the uses (ContainerUses.h) and says all of it as facts:
//
//   candidate    the container's canonical declaration: where it lives
//                (facts/Visibility.h) and the check's own attributes
//   declaration  each declaration of it this unit sees, with the weakref
//                type it would get ("replacement"; none when the type cannot
//                be spelled) and the edit ("unfixable" when the unit cannot
//                make it, e.g. compiled from preprocessed source)
//   use          each use, with its classification flags and rewrites
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CONTAINERUSES_CONTAINERCOLLECTOR_H
#define WEAKIFY_CHECKS_CONTAINERUSES_CONTAINERCOLLECTOR_H

#include "Check.h"
#include "ContainerUses.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include <optional>
#include <string>
#include <vector>

namespace weakify {

class ContainerCollector : public Collector {
public:
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void finish() override;
  /// kindOf(), remembered per canonical type: the matchers ask it of every
  /// variable that code names.
  bool isCandidateType(clang::QualType T) const;

protected:
  ContainerCollector(llvm::StringRef CheckName, FactBuilder &Builder)
      : CheckName(CheckName.str()), Builder(Builder) {}

  /// Matches variables (with static storage duration only, when
  /// \p StaticVariablesOnly) and data members of a type kindOf() accepts,
  /// and every use of them.
  void registerContainerMatchers(
      clang::ast_matchers::MatchFinder &Finder,
      clang::ast_matchers::MatchFinder::MatchCallback &Callback,
      bool StaticVariablesOnly);

  /// What a container of type \p T holds, or nothing.
  virtual std::optional<ContainerKind> kindOf(clang::QualType T) const = 0;
  /// Adds the check's attributes to \p Candidate; false leaves the
  /// container out (a shape the check does not handle).
  virtual bool describe(const clang::DeclaratorDecl *D, Fact &Candidate) = 0;
  /// The weakref type that replaces the type of declaration \p D, and in
  /// \p TypeRange the range to replace; "" when it cannot be spelled.
  virtual std::string replacement(const clang::DeclaratorDecl *D,
                                  clang::SourceRange &TypeRange) = 0;
  /// Other match results of the check's own matchers.
  virtual void
  checkOther(const clang::ast_matchers::MatchFinder::MatchResult &) {}
  /// More facts about the candidate \p D (identity \p Id) once all its uses
  /// in the unit are known.
  virtual void finishCandidate(const clang::DeclaratorDecl *D,
                               llvm::ArrayRef<ContainerUse> Uses,
                               const std::string &Id) {}

  std::string CheckName;
  FactBuilder &Builder;
  clang::ASTContext *Ctx = nullptr;

private:
  void addDeclarations(const clang::DeclaratorDecl *D, const std::string &Id);

  /// The uses of the candidate \p Canonical, through its other names too;
  /// \p HandedOutBy names a function that returns it by reference and that
  /// other units may call.
  std::vector<ContainerUse> classifyUses(const clang::Decl *Canonical,
                                         ContainerKind Kind,
                                         std::string &HandedOutBy);

  mutable llvm::DenseMap<const clang::Type *, bool> KnownTypes;
  llvm::MapVector<const clang::Decl *, const clang::DeclaratorDecl *>
      Candidates;
  llvm::DenseMap<const clang::Decl *, std::vector<const clang::Expr *>> RawUses;
};

/// The flags of a use fact, as ContainerCollector writes them.
namespace use_flags {
inline constexpr char Lookup[] = "lookup", Insert[] = "insert",
                      Store[] = "store", Removal[] = "removal",
                      Escapes[] = "escapes", Borrowed[] = "borrowed",
                      Iterates[] = "iterates", Notify[] = "notify",
                      CallersObject[] = "callers-object",
                      Unrewritable[] = "unrewritable",
                      InFunction[] = "in-function",
                      InConstructor[] = "in-constructor";
/// The name of the function the use is in ("" for none).
inline constexpr char Function[] = "function";
/// In a destructor: the name of its class.
inline constexpr char DestructorOf[] = "destructor-of";
} // namespace use_flags

} // namespace weakify

#endif // WEAKIFY_CHECKS_CONTAINERUSES_CONTAINERCOLLECTOR_H
