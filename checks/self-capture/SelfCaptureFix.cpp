//===--- SelfCaptureFix.cpp - The weak_from_this() rewrite ----------------===//

#include "SelfCaptureFix.h"
#include "AstNavigation.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

/// `weak_self` for `self`, `WeakSelf` for `Self`, `weakMe` for `me`... not
/// spelled anywhere in the lambda.
static std::string weakName(StringRef Name, StringRef LambdaText) {
  std::string Base;
  if (!Name.empty() && isUppercase(Name[0]))
    Base = "Weak" + Name.str();
  else if (Name.contains('_') || Name.lower() == Name)
    Base = "weak_" + Name.str();
  else
    Base =
        "weak" + std::string(1, toUppercase(Name[0])) + Name.drop_front().str();
  llvm::StringSet<> Spelled;
  for (size_t I = 0; I < LambdaText.size();) {
    if (isAsciiIdentifierStart(LambdaText[I])) {
      size_t J = I;
      while (J < LambdaText.size() && isAsciiIdentifierContinue(LambdaText[J]))
        ++J;
      Spelled.insert(LambdaText.slice(I, J));
      I = J;
    } else {
      ++I;
    }
  }
  std::string Candidate = Base;
  for (unsigned N = 2; Spelled.count(Candidate); ++N)
    Candidate = Base + std::to_string(N);
  return Candidate;
}

/// Whether the lambda returns nothing, so an early `return;` is its whole
/// answer when the object is gone.
static bool returnsVoid(const LambdaExpr *Lambda, ASTContext &Ctx) {
  const CXXMethodDecl *Call = Lambda->getCallOperator();
  QualType Result = Call->getReturnType();
  if (Result->isVoidType())
    return true;
  // A generic lambda's deduced result: void when no return has a value
  // (nested lambdas' returns count too, which only costs a fix-it).
  if (Lambda->hasExplicitResultType() || !Result->isUndeducedAutoType())
    return false;
  return match(findAll(returnStmt(has(expr()))), *Lambda->getBody(), Ctx)
      .empty();
}

/// The token at \p Loc, when it is written in a file and spells \p Text.
static bool tokenIs(SourceLocation Loc, StringRef Text, const SourceManager &SM,
                    const LangOptions &LO) {
  if (Loc.isInvalid() || Loc.isMacroID())
    return false;
  return sourceText(SourceRange(Loc, Loc), SM, LO) == Text;
}

std::vector<FixItHint> lockFix(const LambdaExpr *Lambda, const StrongSelf &Self,
                               ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  if (!LO.CPlusPlus17 || Self.ThroughCast || Self.Capture->isImplicit() ||
      !returnsVoid(Lambda, Ctx) || !isRewritable(Lambda->getSourceRange(), SM))
    return {};
  // weak_from_this() (C++17) must exist and give back the same type.
  const CXXRecordDecl *Base = Self.Call->getMethodDecl()->getParent();
  if (!Base->isInStdNamespace() || !Base->getIdentifier() ||
      Base->getName() != "enable_shared_from_this" ||
      Base->lookup(&Ctx.Idents.get("weak_from_this")).empty())
    return {};
  if (Ctx.getCanonicalType(Self.Var->getType().getUnqualifiedType()) !=
      Ctx.getCanonicalType(Self.Call->getType().getUnqualifiedType()))
    return {};
  // `weak_from_this()` in a new init-capture needs `this` where the lambda
  // is written: directly in the member function.
  if (!Self.OwnInitCapture) {
    const auto *Method =
        dyn_cast<CXXMethodDecl>(Lambda->getLambdaClass()->getDeclContext());
    if (!Method || isLambdaCallOperator(Method))
      return {};
  }
  const CompoundStmt *Body = Lambda->getCompoundStmtBody();
  if (!Body || Body->body_empty())
    return {};
  SourceLocation First = (*Body->body_begin())->getBeginLoc();
  if (First.isInvalid() || First.isMacroID())
    return {};

  std::string Name = Self.Var->getNameAsString();
  std::string Weak =
      weakName(Name, sourceText(Lambda->getSourceRange(), SM, LO));
  SourceLocation NameLoc = Self.Capture->getLocation();
  if (!tokenIs(NameLoc, Name, SM, LO))
    return {};

  std::vector<FixItHint> Fixes;
  if (Self.OwnInitCapture) {
    const auto *Callee = dyn_cast<MemberExpr>(Self.Call->getCallee());
    if (!Callee || !tokenIs(Callee->getMemberLoc(), "shared_from_this", SM, LO))
      return {};
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(NameLoc), Weak));
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Callee->getMemberLoc()),
        "weak_from_this"));
  } else {
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(NameLoc), Weak + " = weak_from_this()"));
  }

  // Match the body's layout: one line stays one line.
  std::string Lock = "auto " + Name + " = " + Weak + ".lock();";
  std::string Text;
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(SM.getFileID(First), &Invalid);
  unsigned Offset = SM.getFileOffset(First);
  size_t LineStart = Buffer.rfind('\n', Offset);
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  StringRef Indent = Buffer.slice(LineStart, Offset);
  bool OwnLine = !Invalid &&
                 Indent.find_first_not_of(" \t") == StringRef::npos &&
                 SM.getSpellingLineNumber(Body->getLBracLoc()) !=
                     SM.getSpellingLineNumber(First);
  if (OwnLine)
    Text = Lock + "\n" + Indent.str() + "if (!" + Name + ")\n" + Indent.str() +
           "  return;\n" + Indent.str();
  else
    Text = Lock + " if (!" + Name + ") return; ";
  Fixes.push_back(FixItHint::CreateInsertion(First, Text));
  return Fixes;
}

} // namespace weakify
