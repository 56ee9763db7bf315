//===--- AuditSites.cpp - What instrument mode audits ---------------------===//

#include "AuditSites.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace weakify {
namespace {

/// The std:: class template \p T is a specialisation of, or null.
const TemplateDecl *stdTemplateOf(QualType T) {
  T = T.getCanonicalType();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl()))
    return Spec->getSpecializedTemplate();
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    return TST->getTemplateName().getAsTemplateDecl();
  return nullptr;
}

ArrayRef<TemplateArgument> templateArguments(QualType T) {
  T = T.getCanonicalType();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl()))
    return Spec->getTemplateArgs().asArray();
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    return TST->template_arguments();
  return {};
}

bool isStd(const TemplateDecl *D, StringRef Name) {
  return D && D->getName() == Name && D->isInStdNamespace();
}

/// Whether std::<Name> appears in \p T or its template arguments: the
/// audit counts std::shared_ptr and std::weak_ptr, nothing else.
bool mentionsStd(QualType T, StringRef Name, unsigned Depth = 0) {
  if (Depth > 8)
    return false;
  if (isStd(stdTemplateOf(T), Name))
    return true;
  for (const TemplateArgument &Arg : templateArguments(T))
    if (Arg.getKind() == TemplateArgument::Type &&
        mentionsStd(Arg.getAsType(), Name, Depth + 1))
      return true;
  return false;
}

/// Every field and variable of the user's files, by where its name is.
class DeclIndex : public RecursiveASTVisitor<DeclIndex> {
public:
  explicit DeclIndex(const SourceManager &SM) : SM(SM) {}

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseDecl(Decl *D) {
    // System headers hold no user sites; skipping them is most of the cost.
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitFieldDecl(FieldDecl *D) {
    At[D->getLocation()] = D;
    Fields.push_back(D);
    return true;
  }
  bool VisitVarDecl(VarDecl *D) {
    if (!isa<ParmVarDecl>(D))
      At[D->getLocation()] = D;
    return true;
  }

  llvm::DenseMap<SourceLocation, const DeclaratorDecl *> At;
  std::vector<const FieldDecl *> Fields;

private:
  const SourceManager &SM;
};

struct ContainerCheck {
  const char *Check;
  AuditKind Kind;
  const char *Counted; // what the audit counts in its entries
};

constexpr ContainerCheck ContainerChecks[] = {
    {"weakify-owning-cache", AuditKind::OwningContainer, "shared_ptr"},
    {"weakify-owning-observers", AuditKind::OwningContainer, "shared_ptr"},
    {"weakify-owning-side-table", AuditKind::OwningContainer, "shared_ptr"},
    {"weakify-stale-weak-entries", AuditKind::WeakContainer, "weak_ptr"},
};

} // namespace

const char *auditKindSpelling(AuditKind Kind) {
  switch (Kind) {
  case AuditKind::OwningContainer:
    return "owning_container";
  case AuditKind::WeakContainer:
    return "weak_container";
  case AuditKind::StrongPointer:
    return "strong_pointer";
  case AuditKind::Callable:
    return "callable";
  }
  return "owning_container";
}

std::vector<AuditSite> findAuditSites(FactBuilder &Builder,
                                      const FactSet &Facts) {
  ASTContext &AST = Builder.context();
  DeclIndex Index(AST.getSourceManager());
  Index.TraverseDecl(AST.getTranslationUnitDecl());

  std::map<const DeclaratorDecl *, AuditSite> Sites;
  auto DeclOf = [&](const Fact &F) -> const DeclaratorDecl * {
    SourceLocation Loc = Builder.sourceLocation(F.Loc);
    auto It = Index.At.find(Loc);
    return It == Index.At.end() ? nullptr : It->second;
  };

  for (const ContainerCheck &C : ContainerChecks)
    for (const Fact &F : Facts.ofKind(C.Check, "candidate")) {
      const DeclaratorDecl *D = DeclOf(F);
      // A raw-pointer side table holds nothing the audit can count.
      if (!D || !mentionsStd(D->getType(), C.Counted) || Sites.count(D))
        continue;
      Sites[D] = AuditSite{D, C.Check, C.Kind, false};
    }

  for (const Fact &F : Facts.ofKind("weakify-ownership-cycle", "edge")) {
    if (F.get("hold") != "shared" || F.get("pointer") != "std::shared_ptr")
      continue;
    const auto *D = dyn_cast_or_null<FieldDecl>(DeclOf(F));
    if (!D || !mentionsStd(D->getType(), "shared_ptr"))
      continue;
    auto [It, New] =
        Sites.try_emplace(D, AuditSite{D, "weakify-ownership-cycle",
                                       AuditKind::StrongPointer, true});
    It->second.CycleEdge = true;
  }

  for (const FieldDecl *D : Index.Fields)
    if (isStd(stdTemplateOf(D->getType()), "function"))
      Sites.try_emplace(
          D, AuditSite{D, "weakify-self-capture", AuditKind::Callable, false});

  std::vector<AuditSite> Ordered;
  for (auto &[D, Site] : Sites)
    Ordered.push_back(Site);
  const SourceManager &SM = AST.getSourceManager();
  llvm::sort(Ordered, [&](const AuditSite &A, const AuditSite &B) {
    return SM.isBeforeInTranslationUnit(A.Decl->getLocation(),
                                        B.Decl->getLocation());
  });
  return Ordered;
}

} // namespace weakify
