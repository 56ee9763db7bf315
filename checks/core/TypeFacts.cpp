//===--- TypeFacts.cpp - Recognising the standard smart pointers ----------===//

#include "TypeFacts.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

internal::Matcher<QualType> sharedPtrType() {
  return qualType(hasUnqualifiedDesugaredType(recordType(hasDeclaration(
      classTemplateSpecializationDecl(hasName("::std::shared_ptr"))))));
}

internal::Matcher<QualType> weakPtrType() {
  return qualType(hasUnqualifiedDesugaredType(recordType(hasDeclaration(
      classTemplateSpecializationDecl(hasName("::std::weak_ptr"))))));
}

/// T for std::<Name><T>, through sugar.
static std::optional<QualType> stdPointee(QualType T, StringRef Name) {
  if (T.isNull())
    return std::nullopt;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getCanonicalType()->getAsCXXRecordDecl());
  if (!Spec || !Spec->isInStdNamespace() || !Spec->getIdentifier() ||
      Spec->getName() != Name || Spec->getTemplateArgs().size() != 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return std::nullopt;
  return Spec->getTemplateArgs()[0].getAsType();
}

std::optional<QualType> sharedPtrPointee(QualType T) {
  return stdPointee(T, "shared_ptr");
}

std::optional<QualType> weakPtrPointee(QualType T) {
  return stdPointee(T, "weak_ptr");
}

std::vector<std::string> splitList(llvm::StringRef List) {
  std::vector<std::string> Result;
  while (!List.empty()) {
    auto [Item, Rest] = List.split(';');
    auto [First, More] = Item.split(',');
    for (llvm::StringRef Piece : {First, More})
      for (llvm::StringRef Part = Piece; !Part.empty();) {
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
