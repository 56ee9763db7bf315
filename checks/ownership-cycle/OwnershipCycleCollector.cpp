//===--- OwnershipCycleCollector.cpp - What a unit says about ownership ---===//
//
// A cycle may close only when several units' classes are put together, so a
// unit says everything that could be part of one:
//   node          a class (exact: `Node<int>` is not `Node<float>`): its
//                 name, whether it is abstract, its bases
//   edge          a member that owns an object of a class: from, to, how
//                 (value, unique, shared), whether many, whether it is
//                 exactly a std::shared_ptr; where the member lives
//   breaks        code outside a destructor lets go of the member
//   assigned-from the member is assigned from a setter's parameter
//   given-null    a call passes nullptr for a std::shared_ptr parameter
//   creates       a member function of class `creator` creates an object of
//                 this class and hands it `shared_from_this()`: what it
//                 keeps of the creator is the reference back
// and for members that are exactly a std::shared_ptr, what the fix-it needs:
//   weak-member   the edit that makes the member a std::weak_ptr
//   member-init   a constructor initialises it with a new object
//   member-use    each use, and how it reads as a std::weak_ptr
//
//===----------------------------------------------------------------------===//

#include "AstNavigation.h"
#include "MemberUses.h"
#include "OwnedMembers.h"
#include "OwnershipCycleCheck.h"
#include "RuntimeSpelling.h"
#include "TypeFacts.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

// Words that name a reference back up a structure, matched against the words
// of a member's name (`m_parent`, `ownerWindow`, `prev_`).
static const char DefaultBackReferenceNames[] =
    "parent;owner;prev;previous;back;delegate;observer;listener;outer;host;"
    "container;creator";

// Longer loops through types are weak evidence: each extra class makes it
// less likely that the program links objects all the way round.
static const unsigned DefaultMaxCycleLength = 4;

OwnershipCycleOptions::OwnershipCycleOptions(const CheckOptions &Options)
    : BackReferenceNames(splitList(Options.getOr(OwnershipCycleCheck::Name,
                                                 "BackReferenceNames",
                                                 DefaultBackReferenceNames))) {
  for (std::string &Word : BackReferenceNames)
    Word = StringRef(Word).lower();
  if (StringRef(Options.getOr(OwnershipCycleCheck::Name, "MaxCycleLength", ""))
          .getAsInteger(10, MaxCycleLength) ||
      MaxCycleLength < 2)
    MaxCycleLength = DefaultMaxCycleLength;
}

std::map<std::string, std::string> OwnershipCycleOptions::values() const {
  return {{"BackReferenceNames", llvm::join(BackReferenceNames, ";")},
          {"MaxCycleLength", std::to_string(MaxCycleLength)}};
}

namespace {

const char *holdName(Hold How) {
  switch (How) {
  case Hold::Value:
    return "value";
  case Hold::Unique:
    return "unique";
  case Hold::Shared:
    return "shared";
  }
  return "value";
}

/// The name of \p RD for a message: a template's instantiations go by the
/// template's name, as they are reported once, on the template.
std::string className(const CXXRecordDecl *RD, ASTContext &Ctx) {
  if (isa<ClassTemplateSpecializationDecl>(RD))
    return RD->getNameAsString();
  return typeText(Ctx.getTypeDeclType(static_cast<const TypeDecl *>(RD)), Ctx);
}

/// The template specialisation type of a member declared `std::shared_ptr<T>`
/// (or `shared_ptr<T>`), when it is spelled that way.
TemplateSpecializationTypeLoc spelledSharedPtr(const FieldDecl *Field) {
  TypeSourceInfo *TSI = Field->getTypeSourceInfo();
  if (!TSI || TSI->getTypeLoc().getAs<QualifiedTypeLoc>())
    return {};
  return TSI->getTypeLoc().getAsAdjusted<TemplateSpecializationTypeLoc>();
}

class OwnershipCycleCollector : public Collector {
public:
  OwnershipCycleCollector(FactBuilder &Builder) : Builder(Builder) {}

  void registerMatchers(MatchFinder &Finder,
                        MatchFinder::MatchCallback &Callback) override {
    Finder.addMatcher(cxxRecordDecl(isDefinition(), unless(isLambda()),
                                    unless(isExpansionInSystemHeader()))
                          .bind("class"),
                      &Callback);
    auto Self =
        cxxMemberCallExpr(callee(cxxMethodDecl(hasName("shared_from_this"))))
            .bind("self");
    auto HandsSelf = hasAnyArgument(expr(anyOf(Self, hasDescendant(Self))));
    Finder.addMatcher(callExpr(unless(isExpansionInSystemHeader()),
                               callee(functionDecl(hasAnyName(
                                   "make_shared", "allocate_shared"))),
                               HandsSelf)
                          .bind("creation"),
                      &Callback);
    Finder.addMatcher(
        cxxConstructExpr(unless(isExpansionInSystemHeader()),
                         hasDeclaration(cxxConstructorDecl(
                             ofClass(unless(isInStdNamespace())))),
                         HandsSelf)
            .bind("creation"),
        &Callback);
  }

  void check(const MatchFinder::MatchResult &R) override {
    Ctx = R.Context;
    if (const auto *Class = R.Nodes.getNodeAs<CXXRecordDecl>("class"))
      if (const CXXRecordDecl *Node = graphClass(Class))
        Matched.insert(Node);
    if (const auto *Creation = R.Nodes.getNodeAs<Expr>("creation"))
      addCreation(Creation, R.Nodes.getNodeAs<Expr>("self"));
  }

  void addCreation(const Expr *Creation, const Expr *Self) {
    const CXXRecordDecl *Created = nullptr;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Creation)) {
      Created = Construct->getConstructor()->getParent();
    } else if (const auto *Call = dyn_cast<CallExpr>(Creation)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      const TemplateArgumentList *Args =
          Callee ? Callee->getTemplateSpecializationArgs() : nullptr;
      if (Args && Args->size() >= 1 &&
          Args->get(0).getKind() == TemplateArgument::Type)
        Created = Args->get(0).getAsType()->getAsCXXRecordDecl();
    }
    std::optional<QualType> Creator =
        Self ? sharedPtrPointee(Self->getType()) : std::nullopt;
    Created = graphClass(Created);
    const CXXRecordDecl *CreatorClass =
        Creator ? graphClass((*Creator)->getAsCXXRecordDecl()) : nullptr;
    if (!Created || !CreatorClass || Created->isInStdNamespace())
      return;
    Fact Creates(OwnershipCycleCheck::Name, "creates",
                 Builder.exactIdentity(Created));
    Creates.set("creator", Builder.exactIdentity(CreatorClass));
    Builder.add(std::move(Creates));
  }

  void finish() override {
    if (!Ctx)
      return;
    llvm::DenseSet<const FieldDecl *> EdgeFields, DirectFields;
    for (size_t I = 0; I < Matched.size(); ++I) // Grows as edges are found.
      addClass(Matched[I], EdgeFields, DirectFields);
    MemberUses Uses = findMemberUses(*Ctx, EdgeFields, DirectFields);
    for (const auto &[Field, Loc] : Uses.Breaks) {
      Fact Breaks(OwnershipCycleCheck::Name, "breaks", fieldId(Field));
      Builder.add(std::move(Breaks.at(Builder.location(Loc))));
    }
    for (const auto &[Field, Param] : Uses.AssignedFrom) {
      Fact Assigned(OwnershipCycleCheck::Name, "assigned-from", fieldId(Field));
      Assigned.set("parameter",
                   parameterId(cast<FunctionDecl>(Param->getDeclContext()),
                               Param->getFunctionScopeIndex()));
      Builder.add(std::move(Assigned));
    }
    for (const auto &[Function, Index] : Uses.GivenNull)
      Builder.add(Fact(OwnershipCycleCheck::Name, "given-null",
                       parameterId(Function, Index)));
    addMemberUses(Uses);
  }

private:
  std::string fieldId(const FieldDecl *Field) {
    return Builder.exactIdentity(Field);
  }
  std::string parameterId(const FunctionDecl *Function, unsigned Index) {
    return Builder.exactIdentity(Function) + "#" + std::to_string(Index);
  }

  void addClass(const CXXRecordDecl *RD,
                llvm::DenseSet<const FieldDecl *> &EdgeFields,
                llvm::DenseSet<const FieldDecl *> &DirectFields) {
    std::string Id = Builder.exactIdentity(RD);
    Fact Node(OwnershipCycleCheck::Name, "node", Id);
    Node.set("name", className(RD, *Ctx));
    Node.flag("abstract", RD->isAbstract());
    std::vector<std::string> Bases;
    for (const CXXBaseSpecifier &Base : RD->bases())
      if (const CXXRecordDecl *B =
              graphClass(Base.getType()->getAsCXXRecordDecl())) {
        Bases.push_back(Builder.exactIdentity(B));
        Matched.insert(B);
      }
    llvm::sort(Bases);
    Node.set("bases", llvm::join(Bases, " "));
    Builder.add(std::move(Node));
    // The standard library's classes own nothing the graph follows.
    if (RD->isInStdNamespace() ||
        Ctx->getSourceManager().isInSystemHeader(RD->getLocation()))
      return;
    for (const OwnedClass &Owned : ownedByMembers(RD)) {
      Matched.insert(Owned.Class);
      EdgeFields.insert(Owned.Field);
      Fact Edge(OwnershipCycleCheck::Name, "edge", fieldId(Owned.Field));
      Edge.at(Builder.location(Owned.Field->getLocation()));
      Edge.set("from", Id);
      Edge.set("to", Builder.exactIdentity(Owned.Class));
      Edge.set("hold", holdName(Owned.How));
      Edge.flag("many", Owned.Many);
      Edge.flag("direct", Owned.Direct);
      Edge.set("name", Owned.Field->getNameAsString());
      if (Owned.Pointer)
        Edge.set("pointer", Owned.Pointer->isInStdNamespace()
                                ? "std::" + Owned.Pointer->getNameAsString()
                                : Owned.Pointer->getQualifiedNameAsString());
      Builder.describeStorage(Owned.Field, Edge);
      bool Macro = Owned.Field->getLocation().isMacroID();
      Edge.flag("macro", Macro);
      Builder.add(std::move(Edge));
      if (Owned.Direct && !Macro && addWeakMember(Owned.Field))
        DirectFields.insert(Owned.Field);
    }
  }

  /// The facts the fix-it needs about \p Field; false when it cannot have
  /// one (a template's member, const, initialised in the class...).
  bool addWeakMember(const FieldDecl *Field) {
    const SourceManager &SM = Ctx->getSourceManager();
    const LangOptions &LO = Ctx->getLangOpts();
    const auto *Class = cast<CXXRecordDecl>(Field->getParent());
    // One spelling serves every instantiation of a template: never rewrite
    // a template's member.
    if (Field->getType().isConstQualified() || Class->isDependentContext() ||
        patternOf(Class) != Class || Field->hasInClassInitializer())
      return false;
    TemplateSpecializationTypeLoc Spelled = spelledSharedPtr(Field);
    SourceRange TypeRange =
        Field->getTypeSourceInfo()->getTypeLoc().getSourceRange();
    if (!isRewritable(TypeRange, SM) ||
        sharesTypeSpelling(Field, TypeRange, SM, LO))
      return false;
    std::optional<Edit> Weak;
    if (Spelled &&
        sourceText(Spelled.getTemplateNameLoc(), SM, LO) == "shared_ptr") {
      Weak = Builder.edit(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Spelled.getTemplateNameLoc()),
          "weak_ptr"));
    } else if (std::optional<QualType> Pointee =
                   sharedPtrPointee(Field->getType())) {
      Weak = Builder.edit(FixItHint::CreateReplacement(
          TypeRange, "std::weak_ptr<" + typeText(*Pointee, *Ctx) + ">"));
    }
    if (!Weak)
      return false;
    Fact Member(OwnershipCycleCheck::Name, "weak-member", fieldId(Field));
    Member.Edits.push_back(std::move(*Weak));
    Builder.add(std::move(Member));
    // What the constructors this unit defines initialise it with.
    for (const CXXConstructorDecl *Ctor : Class->ctors()) {
      const auto *Def =
          dyn_cast_or_null<CXXConstructorDecl>(Ctor->getDefinition());
      if (!Def)
        continue;
      for (const CXXCtorInitializer *Init : Def->inits())
        if (Init->isWritten() && Init->getMember() == Field) {
          const auto *Construct = dyn_cast<CXXConstructExpr>(Init->getInit());
          bool Default = Construct && Construct->getNumArgs() == 0;
          if (!Default && !initKeepsOwner(Init->getInit()))
            Builder.add(
                Fact(OwnershipCycleCheck::Name, "member-init", fieldId(Field))
                    .at(Builder.location(Init->getSourceLocation())));
        }
    }
    return true;
  }

  void addMemberUses(const MemberUses &Uses) {
    const SourceManager &SM = Ctx->getSourceManager();
    const LangOptions &LO = Ctx->getLangOpts();
    for (const auto &[Use, Rewrite] : Uses.Rewrites) {
      const auto *Field = cast<FieldDecl>(Use->getMemberDecl());
      Fact F(OwnershipCycleCheck::Name, "member-use", fieldId(Field));
      F.at(Builder.location(Use->getExprLoc()));
      bool Safe = Rewrite != WeakRewrite::Unsafe &&
                  isRewritable(Use->getSourceRange(), SM);
      if (Safe && Rewrite == WeakRewrite::Lock) {
        SourceLocation After =
            Lexer::getLocForEndOfToken(Use->getEndLoc(), 0, SM, LO);
        std::optional<Edit> Lock =
            After.isValid()
                ? Builder.edit(FixItHint::CreateInsertion(After, ".lock()"))
                : std::nullopt;
        if (Lock)
          F.Edits.push_back(std::move(*Lock));
        else
          Safe = false;
      }
      F.flag("unsafe", !Safe);
      Builder.add(std::move(F));
    }
  }

  FactBuilder &Builder;
  ASTContext *Ctx = nullptr;
  llvm::SetVector<const CXXRecordDecl *> Matched;
};

} // namespace

std::unique_ptr<Collector>
OwnershipCycleCheck::collector(const OwnershipCycleOptions &,
                               FactBuilder &Builder) {
  return std::make_unique<OwnershipCycleCollector>(Builder);
}

} // namespace weakify
