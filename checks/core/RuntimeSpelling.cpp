//===--- RuntimeSpelling.cpp - Writing weakref container types ----------===//

#include "RuntimeSpelling.h"
#include "AstNavigation.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Lex/Lexer.h"
#include <optional>

using namespace clang;

namespace weakify {

bool hasStdHash(QualType Key) {
  Key = Key.getCanonicalType().getUnqualifiedType();
  if (Key->isIntegralOrEnumerationType() || Key->isPointerType() ||
      Key->isRealFloatingType())
    return true;
  const auto *Record = Key->getAsCXXRecordDecl();
  if (!Record || !Record->isInStdNamespace() || !Record->getIdentifier())
    return false;
  StringRef Name = Record->getName();
  return Name == "basic_string" || Name == "basic_string_view" ||
         Name == "shared_ptr" || Name == "unique_ptr" || Name == "type_index";
}

std::string typeText(QualType T, ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = true;
  Policy.SuppressUnwrittenScope = true;
  return T.getAsString(Policy);
}

/// The `T` of a `SmartPtr<T>` argument as written ("" when it cannot be
/// rewritten), or nothing when the argument is not spelled `X<T>`.
static std::optional<std::string> pointeeText(TypeSourceInfo *Arg,
                                              const SourceManager &SM,
                                              const LangOptions &LO) {
  if (!Arg)
    return std::nullopt;
  auto Pointer =
      Arg->getTypeLoc().getAsAdjusted<TemplateSpecializationTypeLoc>();
  if (!Pointer || Pointer.getNumArgs() != 1)
    return std::nullopt;
  return sourceText(Pointer.getArgLoc(0).getSourceRange(), SM, LO);
}

/// The declared type of \p D as a template specialization written with
/// \p Args arguments, or a null TypeLoc.
static TemplateSpecializationTypeLoc spelledWith(const DeclaratorDecl *D,
                                                 unsigned Args) {
  TypeSourceInfo *TSI = D->getTypeSourceInfo();
  if (!TSI || TSI->getTypeLoc().getAs<QualifiedTypeLoc>())
    return {};
  auto Spelled =
      TSI->getTypeLoc().getAsAdjusted<TemplateSpecializationTypeLoc>();
  if (!Spelled || Spelled.getNumArgs() != Args)
    return {};
  return Spelled;
}

std::string setSpelling(const DeclaratorDecl *Container, ASTContext &Ctx,
                        SourceRange &TypeRange) {
  const SourceManager &SM = Ctx.getSourceManager();
  TemplateSpecializationTypeLoc Spelled = spelledWith(Container, 1);
  if (!Spelled)
    return "";
  std::string Element = pointeeText(Spelled.getArgLoc(0).getTypeSourceInfo(),
                                    SM, Ctx.getLangOpts())
                            .value_or("");
  TypeRange = Container->getTypeSourceInfo()->getTypeLoc().getSourceRange();
  if (Element.empty() || !isRewritable(TypeRange, SM))
    return "";
  return "weakref::set<" + Element + ">";
}

std::string keyMapSpelling(const DeclaratorDecl *Table, ASTContext &Ctx,
                           SourceRange &TypeRange) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  TemplateSpecializationTypeLoc Spelled = spelledWith(Table, 2);
  if (!Spelled)
    return "";
  std::string Key =
      pointeeText(Spelled.getArgLoc(0).getTypeSourceInfo(), SM, LO)
          .value_or("");
  std::string Value = sourceText(Spelled.getArgLoc(1).getSourceRange(), SM, LO);
  TypeRange = Table->getTypeSourceInfo()->getTypeLoc().getSourceRange();
  if (Key.empty() || Value.empty() || !isRewritable(TypeRange, SM))
    return "";
  return "weakref::key_map<" + Key + ", " + Value + ">";
}

// A comma between the type and the name means another declarator shares the
// type (`std::map<...> A, B;`). Looking at the text keeps this O(1) per
// declaration in a unit with thousands.
bool sharesTypeSpelling(const DeclaratorDecl *D, SourceRange TypeRange,
                        const SourceManager &SM, const LangOptions &LO) {
  if (D->getLocation().isMacroID() || TypeRange.getEnd().isMacroID())
    return true;
  SourceLocation AfterType =
      Lexer::getLocForEndOfToken(TypeRange.getEnd(), 0, SM, LO);
  if (AfterType.isInvalid() ||
      SM.getFileID(AfterType) != SM.getFileID(D->getLocation()))
    return true;
  bool Invalid = false;
  StringRef Between = Lexer::getSourceText(
      CharSourceRange::getCharRange(AfterType, D->getLocation()), SM, LO,
      &Invalid);
  return Invalid || Between.contains(',');
}

std::string writtenArgument(const DeclaratorDecl *D, unsigned Index,
                            QualType Argument, ASTContext &Ctx) {
  std::string Written;
  if (TypeSourceInfo *TSI = D->getTypeSourceInfo())
    if (auto Spelled =
            TSI->getTypeLoc().getAsAdjusted<TemplateSpecializationTypeLoc>();
        Spelled && Spelled.getNumArgs() > Index)
      Written = sourceText(Spelled.getArgLoc(Index).getSourceRange(),
                           Ctx.getSourceManager(), Ctx.getLangOpts());
  return Written.empty() ? typeText(Argument, Ctx) : Written;
}

std::string valueMapSpelling(const DeclaratorDecl *Cache,
                             const ClassTemplateSpecializationDecl *Map,
                             QualType KeyType, QualType ValueType,
                             ASTContext &Ctx, SourceRange &TypeRange) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  TypeSourceInfo *TSI = Cache->getTypeSourceInfo();
  if (!TSI)
    return "";
  TypeLoc Declared = TSI->getTypeLoc();
  if (sharesTypeSpelling(Cache, Declared.getSourceRange(), SM, LO))
    return "";
  if (Declared.getAs<QualifiedTypeLoc>())
    return "";
  auto Spelled = Declared.getAsAdjusted<TemplateSpecializationTypeLoc>();
  if (!Spelled || Spelled.getNumArgs() < 2)
    return "";
  TypeRange = Declared.getSourceRange();
  if (!isRewritable(TypeRange, SM))
    return "";

  StringRef MapName = Map->getName();
  bool Hashed = MapName.contains("unordered") || MapName.contains("hash");
  unsigned MaxArgs = Hashed ? 4 : 2;
  if (Spelled.getNumArgs() > MaxArgs || (!Hashed && !hasStdHash(KeyType)))
    return "";

  std::string Key = sourceText(Spelled.getArgLoc(0).getSourceRange(), SM, LO);
  std::string Value;
  TypeSourceInfo *MappedInfo = Spelled.getArgLoc(1).getTypeSourceInfo();
  if (!MappedInfo)
    return "";
  if (std::optional<std::string> Pointee = pointeeText(MappedInfo, SM, LO))
    Value = *Pointee;
  else if (!ValueType->isDependentType() &&
           !isa<ClassTemplateSpecializationDecl>(Cache->getDeclContext()))
    Value = typeText(ValueType, Ctx); // Spelled through an alias.
  if (Key.empty() || Value.empty())
    return "";

  std::string Text = "weakref::value_map<" + Key + ", " + Value;
  for (unsigned I = 2; I < Spelled.getNumArgs(); ++I) {
    std::string Extra =
        sourceText(Spelled.getArgLoc(I).getSourceRange(), SM, LO);
    if (Extra.empty())
      return "";
    Text += ", " + Extra;
  }
  return Text + ">";
}

} // namespace weakify
