//===--- AuditRewrite.cpp - Sites rewritten to audited types --------------===//

#include "AuditRewrite.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include <set>

using namespace clang;

namespace weakify {
namespace {

constexpr const char *MixingTag =
    "__attribute__((abi_tag(\"weakify_audit\"))) ";

std::string quoted(StringRef Text) {
  std::string Out = "\"";
  for (char C : Text) {
    if (C == '"' || C == '\\')
      Out += '\\';
    Out += C;
  }
  return Out + "\"";
}

/// Whether \p D is declared alone (`std::vector<X> a, b;` shares one type).
bool declaredAlone(const DeclaratorDecl *D) {
  const DeclContext *DC = D->getDeclContext();
  for (const Decl *Other : DC->decls())
    if (Other != D && Other->getBeginLoc() == D->getBeginLoc())
      return false;
  return true;
}

/// A function-local static must sit in a block, where a struct may be
/// declared before it (not in a for or if initialiser).
bool inBlock(ASTContext &AST, const VarDecl *D) {
  for (const DynTypedNode &Parent : AST.getParents(*D)) {
    const auto *DS = Parent.get<DeclStmt>();
    if (!DS)
      return false;
    for (const DynTypedNode &Grand : AST.getParents(*DS))
      if (!Grand.get<CompoundStmt>())
        return false;
  }
  return true;
}

class SiteRewriter {
public:
  SiteRewriter(FactBuilder &Builder)
      : Builder(Builder), AST(Builder.context()), SM(AST.getSourceManager()),
        Edits(SM, AST.getLangOpts()) {}

  void rewrite(const AuditSite &Site) {
    const DeclaratorDecl *D = Site.Decl;
    std::string Why = whyNot(D);
    if (!Why.empty()) {
      if (Why != "-")
        Result.Skipped.push_back(
            {D->getLocation(), D->getQualifiedNameAsString(), Why});
      return;
    }
    Location Where = Builder.location(D->getLocation());
    std::string Tag = "weakify_audit_site_" + std::to_string(Where.Line) + "_" +
                      std::to_string(Where.Column);
    std::string Struct = "struct " + Tag + " { " + infoFunction(Site, Where);
    if (const auto *Field = dyn_cast<FieldDecl>(D))
      Struct += geometry(Field);
    Struct += "}; ";
    TypeLoc TL = D->getTypeSourceInfo()->getTypeLoc();
    SourceLocation TypeEnd =
        Lexer::getLocForEndOfToken(TL.getEndLoc(), 0, SM, AST.getLangOpts());
    SourceLocation Start = D->getBeginLoc();
    if (Start == TL.getBeginLoc()) {
      Edits.InsertTextBefore(Start, Struct + "::weakref::audit::tracked<");
    } else {
      Edits.InsertTextBefore(Start, Struct);
      Edits.InsertTextBefore(TL.getBeginLoc(), "::weakref::audit::tracked<");
    }
    Edits.InsertTextAfter(TypeEnd, ", " + Tag + ">");
    if (const auto *Field = dyn_cast<FieldDecl>(D))
      Owners.insert(cast<CXXRecordDecl>(Field->getParent()));
  }

  /// abi_tag on the member functions of every class with an audited member.
  void tagOwners() {
    for (const CXXRecordDecl *RD : Owners)
      for (const Decl *Member : RD->decls()) {
        const auto *FD = dyn_cast<FunctionDecl>(Member);
        if (const auto *FT = dyn_cast<FunctionTemplateDecl>(Member))
          FD = FT->getTemplatedDecl();
        if (!FD || FD->isImplicit() || FD->hasAttr<AbiTagAttr>())
          continue;
        SourceLocation Name = FD->getLocation();
        if (Name.isFileID() && Builder.location(Name).valid())
          Edits.InsertTextBefore(Name, MixingTag);
      }
  }

  AuditRewrite finish() {
    for (auto It = Edits.buffer_begin(); It != Edits.buffer_end(); ++It) {
      OptionalFileEntryRef File = SM.getFileEntryRefForID(It->first);
      if (!File)
        continue;
      std::string Text;
      llvm::raw_string_ostream OS(Text);
      It->second.write(OS);
      OS.flush();
      Result.Files.emplace(File->getName().str(), std::move(Text));
    }
    return std::move(Result);
  }

private:
  /// Why \p D cannot be rewritten safely, "" when it can, "-" when it is not
  /// worth a word (a local variable dies with its function).
  std::string whyNot(const DeclaratorDecl *D) {
    if (D->isFromASTFile())
      return "it comes from a precompiled header or module";
    const TypeSourceInfo *TSI = D->getTypeSourceInfo();
    if (!TSI)
      return "its type is not written";
    SourceRange Type = TSI->getTypeLoc().getSourceRange();
    SourceLocation Start = D->getBeginLoc();
    if (Type.isInvalid() || !Type.getBegin().isFileID() ||
        !Type.getEnd().isFileID() || !Start.isFileID() ||
        !D->getLocation().isFileID())
      return "it is written inside a macro";
    if (SM.getFileID(Start) != SM.getFileID(Type.getEnd()) ||
        !SM.getFileEntryRefForID(SM.getFileID(Start)))
      return "it is not written in one file";
    QualType T = D->getType();
    if (T->isReferenceType() || T.isConstQualified())
      return "it is a reference or const";
    if (T->isArrayType())
      return "it is an array";
    if (isa<DeducedType>(T.getTypePtr()) || T->getContainedDeducedType())
      return "its type is deduced (auto)";
    if (!declaredAlone(D))
      return "it shares its declaration with other names";
    for (const Attr *A : D->attrs())
      if (A->getLocation().isValid() &&
          SM.isBeforeInTranslationUnit(A->getLocation(), Start))
        return "an attribute comes before its type";
    if (const auto *Field = dyn_cast<FieldDecl>(D)) {
      const RecordDecl *Parent = Field->getParent();
      if (!isa<CXXRecordDecl>(Parent) || Parent->isUnion() ||
          !Parent->getIdentifier() || Parent->isLambda() || Field->isBitField())
        return "its class is unnamed or a union";
      return "";
    }
    const auto *Var = cast<VarDecl>(D);
    if (Var->isLocalVarDecl() && !Var->isStaticLocal())
      return "-";
    if (Var->getPreviousDecl() || Var->getMostRecentDecl() != Var ||
        Var->isStaticDataMember() || Var->getDescribedVarTemplate() ||
        Var->hasExternalStorage())
      return "it is declared more than once (extern, static member or "
             "template)";
    if (Var->isStaticLocal() && !inBlock(AST, Var))
      return "it is declared in a condition or loop header";
    return "";
  }

  std::string infoFunction(const AuditSite &Site, const Location &Where) {
    return "static constexpr ::weakref::audit::site_info info() { return {" +
           quoted(Site.Check) + ", " + quoted(Where.File) + ", " +
           std::to_string(Where.Line) + ", " +
           quoted(Builder.qualifiedName(Site.Decl)) +
           ", ::weakref::audit::site_kind::" + auditKindSpelling(Site.Kind) +
           ", " + (Site.CycleEdge ? "true" : "false") + "}; } ";
  }

  /// Where the member lies in its class: the audit finds the object that
  /// holds a leaked member from the member's address.
  std::string geometry(const FieldDecl *Field) {
    std::string Class = Field->getParent()->getName().str();
    std::string Name = Field->getName().str();
    return "static ::std::size_t owner_size() { return sizeof(" + Class +
           "); } static ::std::size_t member_offset() { "
           "_Pragma(\"clang diagnostic push\") "
           "_Pragma(\"clang diagnostic ignored \\\"-Winvalid-offsetof\\\"\") "
           "return __builtin_offsetof(" +
           Class + ", " + Name + "); _Pragma(\"clang diagnostic pop\") } ";
  }

  FactBuilder &Builder;
  ASTContext &AST;
  SourceManager &SM;
  Rewriter Edits;
  std::set<const CXXRecordDecl *> Owners;
  AuditRewrite Result;
};

} // namespace

AuditRewrite rewriteAuditSites(FactBuilder &Builder,
                               llvm::ArrayRef<AuditSite> Sites) {
  SiteRewriter Rewriter(Builder);
  for (const AuditSite &Site : Sites)
    Rewriter.rewrite(Site);
  Rewriter.tagOwners();
  return Rewriter.finish();
}

} // namespace weakify
