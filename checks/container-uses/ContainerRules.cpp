//===--- ContainerRules.cpp - Reading the facts of containers -------------===//

#include "ContainerRules.h"
#include "ContainerCollector.h"
#include "Visibility.h"

namespace weakify {

bool ContainerFacts::anyUse(llvm::StringRef Flag) const {
  return firstUse(Flag) != nullptr;
}

bool ContainerFacts::removesOutside(llvm::StringRef OwnedClass) const {
  for (const Fact &U : Uses)
    if (U.has(use_flags::Removal) &&
        (OwnedClass.empty() || U.get(use_flags::DestructorOf) != OwnedClass))
      return true;
  return false;
}

const Fact *ContainerFacts::firstUse(llvm::StringRef Flag) const {
  const Fact *First = nullptr;
  for (const Fact &U : Uses)
    if (U.has(Flag) && (!First || U.Loc < First->Loc))
      First = &U;
  return First;
}

std::string ContainerFacts::replacement() const {
  std::string Agreed;
  for (const Fact &D : Declarations) {
    llvm::StringRef Text = D.get("replacement");
    if (Text.empty() || (!Agreed.empty() && Agreed != Text))
      return "";
    Agreed = Text.str();
  }
  return Agreed;
}

void forEachContainer(
    const FactSet &Facts, llvm::StringRef Check, const Scope &S, Decisions &Out,
    llvm::function_ref<std::optional<Finding>(const ContainerFacts &)> Decide) {
  llvm::ArrayRef<Fact> Candidates = Facts.ofKind(Check, "candidate");
  for (size_t I = 0; I < Candidates.size(); ++I) {
    const Fact &Candidate = Candidates[I];
    // Instantiations of a template may describe one member differently;
    // the first description speaks for it.
    if (I > 0 && Candidates[I - 1].Subject == Candidate.Subject)
      continue;
    std::optional<Finding> F = Decide(ContainerFacts{
        Candidate, Facts.about(Check, "declaration", Candidate.Subject),
        Facts.about(Check, "use", Candidate.Subject)});
    if (!F)
      continue;
    // "Nothing ever erases" is only true if the facts hold every use.
    if (std::string Why = missingUses(Facts, Candidate, S); !Why.empty()) {
      Out.Explanations.push_back(
          {Check.str(), Candidate.Loc,
           "'" + Candidate.get("name").str() + "' is not reported: " + Why});
      continue;
    }
    Out.Findings.push_back(std::move(*F));
  }
}

void describeContainer(const FactSet &Facts, const Fact &Candidate,
                       llvm::StringRef Held, llvm::StringRef KeptAlive,
                       Finding &F) {
  llvm::StringRef Qualified = Candidate.get("qualified");
  F.Declaration = (Qualified.empty() ? Candidate.get("name") : Qualified).str();
  using Role = OwnershipPicture::Role;
  std::string Owner = "static storage";
  llvm::StringRef OwnerEdge = "holds";
  if (Candidate.get("storage") == "member") {
    const Fact *Class = Facts.first("", "class", Candidate.get("class"));
    auto [Scope, Member] = llvm::StringRef(F.Declaration).rsplit("::");
    Owner = Class ? Class->get("name").str() : Scope.str();
    OwnerEdge = "member";
  }
  OwnershipPicture &P = F.Ownership;
  unsigned From = P.node(Owner, Role::Owner);
  unsigned Holder = P.node(F.Declaration, Role::Holder);
  unsigned Kept = P.node(KeptAlive, Role::KeptAlive);
  P.edge(From, Holder, OwnerEdge);
  P.edge(Holder, Kept, Held, /*Weaken=*/true);
}

void addContainerFix(const ContainerFacts &C, Finding &F) {
  if (C.replacement().empty() || C.anyUse(use_flags::Unrewritable))
    return;
  bool Defined = false;
  const Fact *Own = nullptr;
  for (const Fact &D : C.Declarations) {
    if (D.has("unfixable"))
      return;
    Defined |= D.has("definition");
    if (D.Loc == C.Candidate.Loc)
      Own = &D;
  }
  if (!Defined || C.Declarations.empty())
    return;
  if (!Own)
    Own = &C.Declarations.front();
  for (const Fact &D : C.Declarations)
    F.Fixes.insert(F.Fixes.end(), D.Edits.begin(), D.Edits.end());
  for (const Fact &U : C.Uses)
    F.Fixes.insert(F.Fixes.end(), U.Edits.begin(), U.Edits.end());
  F.NeedsRuntimeIn = Own->Edits.front().Begin.File;
}

} // namespace weakify
