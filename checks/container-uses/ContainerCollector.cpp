//===--- ContainerCollector.cpp - Facts about containers ------------------===//

#include "ContainerCollector.h"
#include "AstNavigation.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

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
  // Other names of a container (see aliasNamedBy): a reference variable
  // and a function returning a reference to it.
  auto ContainerReference = lValueReferenceType(
      pointee(qualType(ContainerType, unless(isConstQualified()))));
  Finder.addMatcher(
      declRefExpr(to(varDecl(hasType(ContainerReference)))).bind("use"),
      &Callback);
  Finder.addMatcher(callExpr(callee(functionDecl(returns(ContainerReference))))
                        .bind("accessor-call"),
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
  if (const auto *Call = R.Nodes.getNodeAs<CallExpr>("accessor-call")) {
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      RawUses[Callee->getCanonicalDecl()].push_back(Call);
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

/// The other name for the container that \p Use binds, if it is one whose
/// every use this unit shows: a local non-const reference variable
/// initialised with it (`auto &Registry = registry();`), or a function
/// returning it by non-const reference (`static Map &registry() { static
/// Map M; return M; }`) that no other unit can call without seeing its
/// definition (internal linkage, or inline).
static const Decl *aliasNamedBy(const Expr *Use, ASTContext &Ctx) {
  const Expr *Child = nullptr;
  DynTypedNode Parent = meaningfulParent(Use, Ctx, Child);
  if (const auto *Var = Parent.get<VarDecl>()) {
    QualType T = Var->getType();
    if (!Var->isImplicit() && Var->hasLocalStorage() &&
        T->isLValueReferenceType() &&
        !T.getNonReferenceType().isConstQualified() && Var->getInit() &&
        Var->getInit()->IgnoreParenImpCasts() == Use->IgnoreParenImpCasts())
      return Var;
    return nullptr;
  }
  if (Parent.get<ReturnStmt>()) {
    const FunctionDecl *F = enclosingFunction(Use, Ctx);
    if (!F || isa<LambdaExpr>(Use) || F->isVirtualAsWritten())
      return nullptr;
    if (const auto *Method = dyn_cast<CXXMethodDecl>(F);
        Method && Method->getParent()->isLambda())
      return nullptr;
    QualType Result = F->getReturnType();
    if (Result->isLValueReferenceType() &&
        !Result.getNonReferenceType().isConstQualified() &&
        (!F->isExternallyVisible() || F->isInlined()))
      return F;
  }
  return nullptr;
}

std::vector<ContainerUse>
ContainerCollector::classifyUses(const Decl *Canonical, ContainerKind Kind,
                                 std::string &HandedOutBy) {
  std::vector<ContainerUse> Classified;
  std::vector<const Expr *> Work = RawUses.lookup(Canonical);
  llvm::SmallPtrSet<const Decl *, 4> Followed;
  for (size_t I = 0; I < Work.size(); ++I) { // Grows as aliases are found.
    const Expr *Use = Work[I];
    if (const Decl *Alias = aliasNamedBy(Use, *Ctx)) {
      // Its uses are the container's; the rewrite to a weakref container
      // would have to change its type too, which it does not.
      ContainerUse Binding;
      Binding.Ref = Use;
      Binding.Function = enclosingFunction(Use, *Ctx);
      Binding.Loc = Use->getExprLoc();
      Binding.Rewritable = false;
      Classified.push_back(Binding);
      if (const auto *Accessor = dyn_cast<FunctionDecl>(Alias);
          Accessor && Accessor->isExternallyVisible())
        HandedOutBy = Accessor->getQualifiedNameAsString();
      if (Followed.insert(Alias->getCanonicalDecl()).second)
        llvm::append_range(Work, RawUses.lookup(Alias->getCanonicalDecl()));
      continue;
    }
    Classified.push_back(classifyContainerUse(Use, Kind, *Ctx));
  }
  return Classified;
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
    Builder.nameDeclaration(D, Candidate);
    Builder.describeStorage(D, Candidate);
    if (!describe(D, Candidate))
      continue;
    ContainerKind Kind = *kindOf(D->getType());
    std::string HandedOutBy;
    std::vector<ContainerUse> Classified =
        classifyUses(Canonical, Kind, HandedOutBy);
    if (!HandedOutBy.empty())
      Candidate.set("handed-out-by", HandedOutBy);
    Builder.add(std::move(Candidate));
    addDeclarations(D, Id);
    for (const ContainerUse &U : Classified)
      Builder.add(useFact(CheckName, Id, U, Builder));
    finishCandidate(D, Classified, Id);
  }
}

} // namespace weakify
