//===--- ContainerCollector.cpp - Facts about containers ------------------===//

#include "ContainerCollector.h"
#include "AstNavigation.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

namespace {
AST_MATCHER_P(QualType, isCandidateTypeOf, const ContainerCollector *,
              Collector) {
  return Collector->isCandidateType(Node);
}
} // namespace

bool ContainerCollector::isCandidateType(QualType T) const {
  if (T.isNull())
    return false;
  const Type *Canonical = T.getCanonicalType().getTypePtr();
  auto [It, Inserted] = KnownTypes.try_emplace(Canonical, false);
  if (Inserted)
    It->second = kindOf(T).has_value();
  return It->second;
}

void ContainerCollector::registerContainerMatchers(
    MatchFinder &Finder, MatchFinder::MatchCallback &Callback,
    bool StaticVariablesOnly) {
  auto ContainerType = isCandidateTypeOf(this);
  auto NotInSystemHeader = unless(isExpansionInSystemHeader());
  if (StaticVariablesOnly)
    Finder.addMatcher(varDecl(hasType(ContainerType), NotInSystemHeader,
                              unless(parmVarDecl()), hasStaticStorageDuration())
                          .bind("container"),
                      &Callback);
  else
    Finder.addMatcher(varDecl(hasType(ContainerType), NotInSystemHeader,
                              unless(parmVarDecl()))
                          .bind("container"),
                      &Callback);
  Finder.addMatcher(
      fieldDecl(hasType(ContainerType), NotInSystemHeader).bind("container"),
      &Callback);
  Finder.addMatcher(
      declRefExpr(to(varDecl(hasType(ContainerType)))).bind("use"), &Callback);
  Finder.addMatcher(
      memberExpr(member(valueDecl(hasType(ContainerType)))).bind("use"),
      &Callback);
}

void ContainerCollector::check(const MatchFinder::MatchResult &R) {
  Ctx = R.Context;
  if (const auto *D = R.Nodes.getNodeAs<DeclaratorDecl>("container")) {
    Candidates.insert({D->getCanonicalDecl(), D});
    return;
  }
  if (const auto *Use = R.Nodes.getNodeAs<Expr>("use")) {
    // Classified at the end, and only for candidates.
    if (const ValueDecl *Target = referencedDecl(Use))
      RawUses[Target->getCanonicalDecl()].push_back(Use);
    return;
  }
  checkOther(R);
}

/// The flags of \p U as a use fact.
static Fact useFact(llvm::StringRef Check, const std::string &Id,
                    const ContainerUse &U, FactBuilder &Builder) {
  Fact F(Check, "use", Id);
  F.at(Builder.location(U.Loc));
  F.flag(use_flags::Lookup, U.Lookup)
      .flag(use_flags::Insert, U.Insert)
      .flag(use_flags::Store, U.Store)
      .flag(use_flags::Removal, U.Removal)
      .flag(use_flags::Escapes, U.Escapes)
      .flag(use_flags::Borrowed, U.Borrowed)
      .flag(use_flags::Iterates, U.Iterates)
      .flag(use_flags::Notify, U.Notify)
      .flag(use_flags::CallersObject, U.AddsCallersObject);
  if (U.Function) {
    if (U.Function->getIdentifier())
      F.set(use_flags::Function, U.Function->getName());
    F.flag(use_flags::InFunction);
    F.flag(use_flags::InConstructor, isa<CXXConstructorDecl>(U.Function));
    if (const auto *Destructor = dyn_cast<CXXDestructorDecl>(U.Function))
      F.set(use_flags::DestructorOf, Destructor->getParent()->getName());
  }
  if (!U.Rewritable || !Builder.edits(U.Rewrites, F.Edits)) {
    F.Edits.clear();
    F.flag(use_flags::Unrewritable);
  }
  return F;
}

void ContainerCollector::addDeclarations(const DeclaratorDecl *D,
                                         const std::string &Id) {
  std::vector<const DeclaratorDecl *> Declarations;
  if (const auto *Var = dyn_cast<VarDecl>(D))
    for (const VarDecl *Redecl : Var->redecls())
      Declarations.push_back(Redecl);
  else
    Declarations.push_back(D);
  for (const DeclaratorDecl *Redecl : Declarations) {
    Fact Declaration(CheckName, "declaration", Id);
    Declaration.at(Builder.location(Redecl->getLocation()));
    const auto *Var = dyn_cast<VarDecl>(Redecl);
    Declaration.flag("definition",
                     !Var || Var->isThisDeclarationADefinition() !=
                                 VarDecl::DeclarationOnly);
    SourceRange TypeRange;
    std::string Text = replacement(Redecl, TypeRange);
    if (!Text.empty()) {
      Declaration.set("replacement", Text);
      if (std::optional<Edit> E = Builder.edit(FixItHint::CreateReplacement(
              CharSourceRange::getTokenRange(TypeRange), Text)))
        Declaration.Edits.push_back(std::move(*E));
      else
        Declaration.flag("unfixable");
    }
    Builder.add(std::move(Declaration));
  }
}

void ContainerCollector::finish() {
  if (!Ctx)
    return;
  const SourceManager &SM = Ctx->getSourceManager();
  for (const auto &[Canonical, Matched] : Candidates) {
    const auto *D = cast<DeclaratorDecl>(Canonical);
    SourceLocation Loc = D->getLocation();
    if (Loc.isMacroID() || SM.isInSystemHeader(Loc) || !kindOf(D->getType()))
      continue;
    std::string Id = Builder.identity(D);
    Fact Candidate(CheckName, "candidate", Id);
    Candidate.at(Builder.location(Loc));
    Candidate.set("name", D->getNameAsString());
    Builder.describeStorage(D, Candidate);
    if (!describe(D, Candidate))
      continue;
    Builder.add(std::move(Candidate));
    addDeclarations(D, Id);
    ContainerKind Kind = *kindOf(D->getType());
    std::vector<ContainerUse> Classified;
    for (const Expr *Use : RawUses.lookup(Canonical))
      Classified.push_back(classifyContainerUse(Use, Kind, *Ctx));
    for (const ContainerUse &U : Classified)
      Builder.add(useFact(CheckName, Id, U, Builder));
    finishCandidate(D, Classified, Id);
  }
}

} // namespace weakify
