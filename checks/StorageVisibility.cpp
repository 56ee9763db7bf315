//===--- StorageVisibility.cpp - Does this unit see every access? ---------===//

#include "StorageVisibility.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace weakify {

const CXXRecordDecl *patternOf(const CXXRecordDecl *RD) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
    if (const auto *Partial =
            Spec->getSpecializedTemplateOrPartial()
                .dyn_cast<ClassTemplatePartialSpecializationDecl *>())
      return Partial;
    return Spec->getSpecializedTemplate()->getTemplatedDecl();
  }
  if (const CXXRecordDecl *Instantiated = RD->getTemplateInstantiationPattern())
    return Instantiated;
  return RD;
}

static bool allMembersDefined(const CXXRecordDecl *RD) {
  RD = patternOf(RD);
  if (!RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  if (RD->friend_begin() != RD->friend_end())
    return false;
  for (const Decl *Member : RD->decls()) {
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member))
      Member = Template->getTemplatedDecl();
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Member)) {
      if (Method->isImplicit() || Method->isPureVirtual() ||
          Method->isDeleted() || Method->isDefaulted())
        continue;
      if (!Method->isDefined())
        return false;
      continue;
    }
    if (const auto *Nested = dyn_cast<CXXRecordDecl>(Member)) {
      if (Nested->isImplicit() || Nested->isLambda())
        continue;
      // Nested classes see private members; they must be fully visible too.
      if (!Nested->hasDefinition() || !allMembersDefined(Nested))
        return false;
    }
  }
  return true;
}

static bool memberAccessVisible(const ValueDecl *D) {
  const auto *RD = dyn_cast<CXXRecordDecl>(D->getDeclContext());
  if (!RD || RD->isUnion())
    return false;
  AccessSpecifier Access = D->getAccess();
  bool Closed = Access == AS_private ||
                (Access == AS_protected && RD->hasAttr<FinalAttr>());
  // A struct's or class's own private member, local classes included.
  return Closed && allMembersDefined(RD);
}

bool allAccessesVisible(const ValueDecl *D, const SourceManager &SM) {
  if (isa<FieldDecl>(D))
    return memberAccessVisible(D);
  const auto *Var = dyn_cast<VarDecl>(D);
  if (!Var)
    return false;
  if (Var->isStaticLocal())
    return true;
  if (Var->isStaticDataMember())
    return memberAccessVisible(Var);
  if (!Var->isFileVarDecl())
    return false;
  if (!Var->isExternallyVisible())
    return true;
  // Defined here, and never declared `extern`: an extern declaration is how
  // other units share a global, and they may erase from it.
  if (!Var->getDefinition())
    return false;
  for (const VarDecl *Redecl : Var->redecls())
    if (!SM.isInMainFile(SM.getExpansionLoc(Redecl->getLocation())) ||
        Redecl->getStorageClass() == SC_Extern)
      return false;
  return true;
}

} // namespace weakify
