//===--- AuditSites.cpp - What instrument mode audits ---------------------===//

#include "AuditSites.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace weakify {
namespace {

/// The std:: class template \p T is a specialisation of, or null.
const TemplateDecl *stdTemplateOf(QualType T) {
  T = T.getCanonicalType();
  const TemplateDecl *Template = nullptr;
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl()))
    Template = Spec->getSpecializedTemplate();
  else if (const auto *TST = T->getAs<TemplateSpecializationType>())
    Template = TST->getTemplateName().getAsTemplateDecl();
  return Template && Template->isInStdNamespace() ? Template : nullptr;
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

bool isStd(QualType T, StringRef Name) {
  const TemplateDecl *D = stdTemplateOf(T);
  return D && D->getName() == Name;
}

enum class Shape { None, Sequence, Map };

/// The standard containers the audit can look into.
Shape containerShape(QualType T) {
  const TemplateDecl *D = stdTemplateOf(T);
  if (!D)
    return Shape::None;
  return llvm::StringSwitch<Shape>(D->getName())
      .Cases("vector", "deque", "list", "forward_list", Shape::Sequence)
      .Cases("set", "multiset", "unordered_set", "unordered_multiset",
             Shape::Sequence)
      .Cases("map", "multimap", "unordered_map", "unordered_multimap",
             Shape::Map)
      .Default(Shape::None);
}

/// Files the user's build compiles as its own: everything but the
/// toolchain's and the system's installed headers. A path rule, not
/// clang's "system header" (-isystem), so that a library's header is the
/// same code in the units that include it with -I and those using -isystem.
bool isUserFile(StringRef Path) {
  return !(Path.starts_with("/usr/include/") ||
           Path.starts_with("/usr/local/include/") ||
           Path.starts_with("/usr/lib/") || Path.starts_with("/usr/lib64/") ||
           Path.starts_with("/usr/share/") || Path.empty() ||
           Path.starts_with("<"));
}

bool isUserLocation(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid())
    return false;
  return isUserFile(SM.getFilename(SM.getExpansionLoc(Loc)));
}

/// Whether \p T holds a std::shared_ptr (or, with \p Weak, a std::weak_ptr)
/// to a class of the user's, complete or not, or to a template parameter.
bool holdsUserClass(QualType T, StringRef Pointer, const SourceManager &SM,
                    unsigned Depth = 0) {
  if (Depth > 8)
    return false;
  ArrayRef<TemplateArgument> Args = templateArguments(T);
  if (isStd(T, Pointer) && !Args.empty() &&
      Args[0].getKind() == TemplateArgument::Type) {
    QualType Pointee = Args[0].getAsType();
    if (Pointee->isDependentType())
      return true;
    const CXXRecordDecl *Class = Pointee->getAsCXXRecordDecl();
    return Class && isUserLocation(Class->getLocation(), SM);
  }
  for (const TemplateArgument &Arg : Args)
    if (Arg.getKind() == TemplateArgument::Type &&
        holdsUserClass(Arg.getAsType(), Pointer, SM, Depth + 1))
      return true;
  return false;
}

/// Every field and variable of the user's files.
class DeclIndex : public RecursiveASTVisitor<DeclIndex> {
public:
  explicit DeclIndex(const SourceManager &SM) : SM(SM) {}

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseDecl(Decl *D) {
    // The toolchain's headers hold no sites; skipping them is most of the
    // cost.
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        !isUserLocation(D->getLocation(), SM))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitFieldDecl(FieldDecl *D) {
    Decls.push_back(D);
    return true;
  }
  bool VisitVarDecl(VarDecl *D) {
    if (!isa<ParmVarDecl>(D))
      Decls.push_back(D);
    return true;
  }

  std::vector<const DeclaratorDecl *> Decls;

private:
  const SourceManager &SM;
};

/// The site \p D is, if any. Decided from the declaration alone.
std::optional<AuditSite> siteOf(const DeclaratorDecl *D,
                                const SourceManager &SM) {
  QualType T = D->getType();
  bool Field = isa<FieldDecl>(D);
  if (Field && isStd(T, "function"))
    return AuditSite{D, "weakify-self-capture", AuditKind::Callable, false};
  if (Field && isStd(T, "shared_ptr"))
    return holdsUserClass(T, "shared_ptr", SM)
               ? std::optional<AuditSite>(
                     AuditSite{D, "weakify-ownership-cycle",
                               AuditKind::StrongPointer, true})
               : std::nullopt;
  Shape S = containerShape(T);
  if (S == Shape::None)
    return std::nullopt;
  if (holdsUserClass(T, "shared_ptr", SM)) {
    // The check that flags this shape of container.
    const char *Check = "weakify-owning-observers";
    if (S == Shape::Map) {
      ArrayRef<TemplateArgument> Args = templateArguments(T);
      bool KeyedByObject =
          !Args.empty() && Args[0].getKind() == TemplateArgument::Type &&
          holdsUserClass(Args[0].getAsType(), "shared_ptr", SM);
      Check =
          KeyedByObject ? "weakify-owning-side-table" : "weakify-owning-cache";
    }
    return AuditSite{D, Check, AuditKind::OwningContainer, Field};
  }
  if (holdsUserClass(T, "weak_ptr", SM))
    return AuditSite{D, "weakify-stale-weak-entries", AuditKind::WeakContainer,
                     false};
  return std::nullopt;
}

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

std::vector<AuditSite> findAuditSites(ASTContext &AST) {
  DeclIndex Index(AST.getSourceManager());
  Index.TraverseDecl(AST.getTranslationUnitDecl());
  std::vector<AuditSite> Sites;
  for (const DeclaratorDecl *D : Index.Decls)
    if (std::optional<AuditSite> Site = siteOf(D, AST.getSourceManager()))
      Sites.push_back(*Site);
  return Sites;
}

} // namespace weakify
