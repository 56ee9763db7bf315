//===--- SharedHandOut.cpp - Does a function share what a map owns? -------===//

#include "SharedHandOut.h"
#include "AstNavigation.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {
namespace {

using VarSet = llvm::SmallPtrSet<const VarDecl *, 8>;

/// The whole expression \p E is part of; \p InitOf is set when that
/// expression initialises a variable (`auto &Slot = M[K];`).
const Stmt *fullExpression(const Expr *E, ASTContext &Ctx,
                           const VarDecl *&InitOf) {
  InitOf = nullptr;
  DynTypedNode Node = DynTypedNode::create(*E);
  const Stmt *Top = E;
  for (int Depth = 0; Depth < 32; ++Depth) {
    DynTypedNode Parent = parentOf(Node, Ctx);
    if (const auto *ParentExpr = Parent.get<Expr>()) {
      Top = ParentExpr;
      Node = Parent;
      continue;
    }
    InitOf = Parent.get<VarDecl>();
    break;
  }
  return Top;
}

/// Local variables that flow into the map in \p F: named in an insertion,
/// or bound to an entry.
VarSet storedVariables(llvm::ArrayRef<const ContainerUse *> Uses,
                       ASTContext &Ctx) {
  VarSet Stored;
  for (const ContainerUse *Use : Uses) {
    if (!Use->Insert)
      continue;
    const VarDecl *InitOf = nullptr;
    const Stmt *Top = fullExpression(Use->Ref, Ctx, InitOf);
    if (InitOf)
      Stored.insert(InitOf);
    for (const BoundNodes &Node :
         match(findAll(declRefExpr(to(varDecl(hasLocalStorage()).bind("v")))),
               *Top, Ctx))
      Stored.insert(Node.getNodeAs<VarDecl>("v"));
  }
  return Stored;
}

bool isCacheRef(const Expr *E, const Decl *CacheDecl) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl()->getCanonicalDecl() == CacheDecl;
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl()->getCanonicalDecl() == CacheDecl;
  return false;
}

/// Whether the value of \p E is the map's own shared_ptr (a copy or move of
/// it), not something computed from it.
bool isSharedEntryValue(const Expr *E, const Decl *CacheDecl, QualType Mapped,
                        const VarSet &Stored, int Depth = 0) {
  if (!E || Depth > 8)
    return false;
  E = E->IgnoreImplicit()->IgnoreParens();
  auto Recurse = [&](const Expr *Inner) {
    return isSharedEntryValue(Inner, CacheDecl, Mapped, Stored, Depth + 1);
  };
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 1 && Recurse(Construct->getArg(0));
  if (const auto *Conditional = dyn_cast<ConditionalOperator>(E))
    return Recurse(Conditional->getTrueExpr()) ||
           Recurse(Conditional->getFalseExpr());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    // A variable stored into the map, or one copied out of it.
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var || !Var->hasLocalStorage())
      return false;
    return Stored.count(Var) || (Var->getInit() && Recurse(Var->getInit()));
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    // `It->second` / `Entry.second` of this map's entry type.
    const ValueDecl *D = Member->getMemberDecl();
    return D->getIdentifier() && D->getName() == "second" &&
           Member->getType().getCanonicalType().getUnqualifiedType() ==
               Mapped.getCanonicalType().getUnqualifiedType();
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    return Op->getOperator() == OO_Subscript &&
           isCacheRef(Op->getArg(0), CacheDecl);
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    // `M.at(K)`, Qt's `M.value(K)`.
    return Method && Method->getIdentifier() &&
           (Method->getName() == "at" || Method->getName() == "value") &&
           isCacheRef(Call->getImplicitObjectArgument(), CacheDecl);
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
           Callee->getName() == "move" && Call->getNumArgs() == 1 &&
           Recurse(Call->getArg(0));
  }
  return false;
}

} // namespace

bool returnsSharedEntry(const FunctionDecl *F, const ValueDecl *Cache,
                        llvm::ArrayRef<const ContainerUse *> UsesInF,
                        QualType Mapped, ASTContext &Ctx) {
  if (!F->getBody())
    return false;
  VarSet Stored = storedVariables(UsesInF, Ctx);
  auto Returns = match(
      findAll(returnStmt(hasReturnValue(expr().bind("value"))).bind("return")),
      *F->getBody(), Ctx);
  for (const BoundNodes &Node : Returns) {
    // Returns of lambdas inside F hand out to someone else.
    if (enclosingFunction(Node.getNodeAs<ReturnStmt>("return"), Ctx) != F)
      continue;
    if (isSharedEntryValue(Node.getNodeAs<Expr>("value"),
                           Cache->getCanonicalDecl(), Mapped, Stored))
      return true;
  }
  return false;
}

} // namespace weakify
