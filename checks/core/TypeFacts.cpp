//===--- TypeFacts.cpp - Recognising smart pointers and templates ---------===//

#include "TypeFacts.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

const char OwningPointerTemplates[] =
    "::std::shared_ptr;::boost::shared_ptr;::boost::local_shared_ptr;"
    "::boost::intrusive_ptr;::QSharedPointer";
const char WeakPointerTemplates[] = "::std::weak_ptr;::boost::weak_ptr;"
                                    "::QWeakPointer";

/// \p D's qualified name without a leading "::", skipping inline and
/// anonymous namespaces (libc++'s std::__1, Qt's QT_NAMESPACE is named).
static bool hasQualifiedName(const NamedDecl *D, StringRef Wanted) {
  Wanted.consume_front("::");
  const NamedDecl *Current = D;
  while (Current) {
    if (!Current->getIdentifier())
      return false;
    StringRef Name = Current->getName();
    if (Current == D) {
      if (!Wanted.consume_back(Name))
        return false;
    } else if (!Wanted.consume_back("::") || !Wanted.consume_back(Name)) {
      return false;
    }
    const DeclContext *Parent = Current->getDeclContext();
    while (Parent && !Parent->isTranslationUnit()) {
      const auto *NS = dyn_cast<NamespaceDecl>(Parent);
      if (NS && (NS->isInline() || NS->isAnonymousNamespace())) {
        Parent = Parent->getParent();
        continue;
      }
      break;
    }
    if (!Parent || Parent->isTranslationUnit())
      return Wanted.empty();
    Current = dyn_cast<NamedDecl>(Parent);
  }
  return false;
}

bool isListedTemplate(const CXXRecordDecl *RD,
                      llvm::ArrayRef<std::string> QualifiedNames) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  if (!Spec)
    return false;
  for (const std::string &Name : QualifiedNames)
    if (hasQualifiedName(Spec, Name))
      return true;
  return false;
}

static const std::vector<std::string> &owningTemplates() {
  static const std::vector<std::string> List =
      splitList(OwningPointerTemplates);
  return List;
}

static const std::vector<std::string> &weakTemplates() {
  static const std::vector<std::string> List = splitList(WeakPointerTemplates);
  return List;
}

/// T for a specialization of a listed smart pointer template.
static std::optional<QualType> listedPointee(const CXXRecordDecl *RD,
                                             llvm::ArrayRef<std::string> List) {
  if (!isListedTemplate(RD, List))
    return std::nullopt;
  const TemplateArgumentList &Args =
      cast<ClassTemplateSpecializationDecl>(RD)->getTemplateArgs();
  if (Args.size() < 1 || Args[0].getKind() != TemplateArgument::Type)
    return std::nullopt;
  return Args[0].getAsType();
}

/// A class that acts as a smart pointer of \p List: one of them, derived
/// publicly from one, or wrapping one as its only data member and
/// dereferenced with `->`.
static std::optional<QualType> pointeeOf(const CXXRecordDecl *RD,
                                         llvm::ArrayRef<std::string> List,
                                         unsigned Depth) {
  if (!RD || Depth > 3)
    return std::nullopt;
  if (std::optional<QualType> Pointee = listedPointee(RD, List))
    return Pointee;
  if (RD->isInStdNamespace() || !RD->hasDefinition())
    return std::nullopt;
  RD = RD->getDefinition();
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (Base.getAccessSpecifier() == AS_public)
      if (std::optional<QualType> Pointee =
              pointeeOf(Base.getType()->getAsCXXRecordDecl(), List, Depth + 1))
        return Pointee;
  auto Fields = RD->fields();
  if (Fields.empty() || std::next(Fields.begin()) != Fields.end())
    return std::nullopt;
  bool Dereferences = false;
  for (const CXXMethodDecl *Method : RD->methods())
    Dereferences |= Method->getOverloadedOperator() == OO_Arrow;
  if (!Dereferences)
    return std::nullopt;
  return pointeeOf((*Fields.begin())->getType()->getAsCXXRecordDecl(), List,
                   Depth + 1);
}

static std::optional<QualType> pointeeOf(QualType T,
                                         llvm::ArrayRef<std::string> List) {
  if (T.isNull() || T->isDependentType())
    return std::nullopt;
  return pointeeOf(T.getCanonicalType()->getAsCXXRecordDecl(), List, 0);
}

std::optional<QualType> sharedPtrPointee(QualType T) {
  return pointeeOf(T, owningTemplates());
}

std::optional<QualType> weakPtrPointee(QualType T) {
  return pointeeOf(T, weakTemplates());
}

std::optional<QualType> uniquePtrPointee(QualType T) {
  static const std::vector<std::string> Unique = {
      "::std::unique_ptr", "::boost::movelib::unique_ptr", "::QScopedPointer"};
  return pointeeOf(T, Unique);
}

/// Whether \p S deletes what \p Field points to.
static bool deletes(const Stmt *S, const FieldDecl *Field) {
  if (!S)
    return false;
  if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S)) {
    const auto *Member =
        dyn_cast<MemberExpr>(Delete->getArgument()->IgnoreParenImpCasts());
    if (Member && Member->getMemberDecl() == Field &&
        isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      return true;
  }
  for (const Stmt *Child : S->children())
    if (deletes(Child, Field))
      return true;
  return false;
}

bool isDeletedByDestructor(const FieldDecl *Field) {
  if (!Field->getType()->isPointerType())
    return false;
  const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
  const CXXDestructorDecl *Destructor = RD ? RD->getDestructor() : nullptr;
  const FunctionDecl *Definition = nullptr;
  const Stmt *Body = Destructor ? Destructor->getBody(Definition) : nullptr;
  return deletes(Body, Field);
}

static bool isStd(QualType T, StringRef Name) {
  if (T.isNull())
    return false;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getCanonicalType()->getAsCXXRecordDecl());
  return Spec && Spec->isInStdNamespace() && Spec->getIdentifier() &&
         Spec->getName() == Name;
}

bool isStdSharedPtr(QualType T) { return isStd(T, "shared_ptr"); }

bool isStdWeakPtr(QualType T) { return isStd(T, "weak_ptr"); }

namespace {
AST_MATCHER(QualType, isOwningSmartPointer) {
  return sharedPtrPointee(Node).has_value();
}
AST_MATCHER(QualType, isWeakSmartPointer) {
  return weakPtrPointee(Node).has_value();
}
} // namespace

clang::ast_matchers::internal::Matcher<QualType> sharedPtrType() {
  return isOwningSmartPointer();
}

clang::ast_matchers::internal::Matcher<QualType> weakPtrType() {
  return isWeakSmartPointer();
}

std::vector<std::string> splitList(llvm::StringRef List) {
  std::vector<std::string> Result;
  while (!List.empty()) {
    auto [Item, Rest] = List.split(';');
    for (llvm::StringRef Part = Item; !Part.empty();) {
      auto [Head, Tail] = Part.split(',');
      if (!Head.trim().empty())
        Result.push_back(Head.trim().str());
      Part = Tail;
    }
    List = Rest;
  }
  return Result;
}

} // namespace weakify
