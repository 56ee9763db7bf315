//===--- OwnershipCycleCheck.cpp - weakify-ownership-cycle ----------------===//

#include "OwnershipCycleCheck.h"
#include "AstNavigation.h"
#include "RuntimeSpelling.h"
#include "SharedMemberUses.h"
#include "StorageVisibility.h"
#include "TypeFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>

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

OwnershipCycleCheck::OwnershipCycleCheck(StringRef Name, CheckContext &Context)
    : WeakifyCheck(Name, Context),
      BackReferenceNames(
          splitList(option("BackReferenceNames", DefaultBackReferenceNames))) {
  for (std::string &Word : BackReferenceNames)
    Word = StringRef(Word).lower();
  if (StringRef(option("MaxCycleLength", "")).getAsInteger(10, MaxCycleLength) ||
      MaxCycleLength < 2)
    MaxCycleLength = DefaultMaxCycleLength;
}

std::map<std::string, std::string> OwnershipCycleCheck::options() const {
  return {{"BackReferenceNames", llvm::join(BackReferenceNames, ";")},
          {"MaxCycleLength", std::to_string(MaxCycleLength)}};
}

void OwnershipCycleCheck::registerMatchers(MatchFinder &Finder,
                                           MatchFinder::MatchCallback &Callback) {
  Finder.addMatcher(cxxRecordDecl(isDefinition(), unless(isLambda()),
                                  unless(isExpansionInSystemHeader()))
                        .bind("class"),
                    &Callback);
}

namespace {
/// Forwards the matches of the second pass to a function.
class UseCollector : public MatchFinder::MatchCallback {
public:
  using Sink = llvm::function_ref<void(const MatchFinder::MatchResult &)>;
  explicit UseCollector(Sink S) : S(S) {}
  void run(const MatchFinder::MatchResult &R) override { S(R); }

private:
  Sink S;
};
} // namespace

// Uses of the members of candidate cycles and nullptr arguments are found in
// a second pass, only when there is a candidate: cycles are rare, and
// matching every member access of every unit up front was most of the cost.
void OwnershipCycleCheck::collectUses(
    const llvm::DenseSet<const FieldDecl *> &Fields) {
  MatchFinder Finder;
  // Named, so that it outlives the function_ref the collector keeps.
  auto Collect = [&](const MatchFinder::MatchResult &R) {
    if (const auto *Null = R.Nodes.getNodeAs<Expr>("null"))
      return recordNullArgument(Null);
    const auto *Use = R.Nodes.getNodeAs<MemberExpr>("use");
    const auto *Field = cast<FieldDecl>(Use->getMemberDecl());
    if (Fields.count(Field))
      Uses[Field].push_back(Use);
  };
  UseCollector Collector(Collect);
  Finder.addMatcher(memberExpr(member(fieldDecl())).bind("use"), &Collector);
  Finder.addMatcher(cxxNullPtrLiteralExpr().bind("null"), &Collector);
  Finder.matchAST(*Ctx);
}

void OwnershipCycleCheck::recordNullArgument(const Expr *Null) {
  const Expr *Arg = Null;
  while (true) {
    const Expr *Child = nullptr;
    DynTypedNode Parent = meaningfulParent(Arg, *Ctx, Child);
    // std::shared_ptr<T>(nullptr) on the way to a parameter.
    if (const auto *Construct = Parent.get<CXXConstructExpr>()) {
      if (Construct->getNumArgs() != 1 || isa<CXXTemporaryObjectExpr>(Construct))
        return;
      Arg = Construct;
      continue;
    }
    const auto *Call = Parent.get<CallExpr>();
    if (!Call || isa<CXXOperatorCallExpr>(Call))
      return;
    const FunctionDecl *Callee = Call->getDirectCallee();
    for (unsigned I = 0; Callee && I < Call->getNumArgs(); ++I)
      if (Call->getArg(I) == Child && I < Callee->getNumParams())
        for (const FunctionDecl *Redecl : Callee->redecls())
          GivenNull.insert(Redecl->getParamDecl(I));
    return;
  }
}

void OwnershipCycleCheck::check(const MatchFinder::MatchResult &R) {
  Ctx = R.Context;
  if (const auto *Class = R.Nodes.getNodeAs<CXXRecordDecl>("class")) {
    Graph.addClass(Class);
    Classes.push_back(Class);
    return;
  }
}

/// The lower-case words of an identifier: `m_ownerWindow` -> m, owner, window.
static std::vector<std::string> wordsOf(StringRef Name) {
  std::vector<std::string> Words;
  std::string Word;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    bool Boundary = C == '_' || isDigit(C) ||
                    (isUppercase(C) && I > 0 &&
                     (isLowercase(Name[I - 1]) ||
                      (I + 1 < Name.size() && isLowercase(Name[I + 1]))));
    if (Boundary && !Word.empty()) {
      Words.push_back(Word);
      Word.clear();
    }
    if (C != '_' && !isDigit(C))
      Word += toLowercase(C);
  }
  if (!Word.empty())
    Words.push_back(Word);
  return Words;
}

bool OwnershipCycleCheck::namedAsBackReference(const FieldDecl *Field) const {
  if (!Field->getIdentifier())
    return false;
  for (const std::string &Word : wordsOf(Field->getName()))
    if (llvm::is_contained(BackReferenceNames, Word))
      return true;
  return false;
}

bool OwnershipCycleCheck::breaksCycles(const FieldDecl *Field) {
  auto [It, Inserted] = Breaks.try_emplace(Field, false);
  if (Inserted)
    It->second = llvm::any_of(Uses[Field], [&](const MemberExpr *Use) {
      SharedMemberUse U = classifySharedMemberUse(Use, *Ctx);
      return U.Breaks || (U.AssignedFrom && GivenNull.count(U.AssignedFrom));
    });
  return It->second;
}

std::optional<OwnershipCycleCheck::BackEdge>
OwnershipCycleCheck::chooseBackEdge(const std::vector<OwnershipEdge> &Cycle) {
  // A cycle inside one class hierarchy (Node -> Node) is a recursive data
  // structure; trees and lists are legitimate there, so only a member named
  // as a back reference says which way is "up".
  const CXXRecordDecl *First = Cycle.front().from();
  bool Recursive = llvm::all_of(Cycle, [&](const OwnershipEdge &E) {
    return Graph.sameHierarchy(First, E.from()) && Graph.sameHierarchy(First, E.To);
  });
  if (!Recursive)
    for (const OwnershipEdge &E : Cycle) {
      if (E.How != Hold::Shared || E.Many)
        continue;
      for (const OwnershipEdge &C : Cycle)
        if (C.Many && C.Field != E.Field && Graph.sameFamily(E.To, C.from()))
          return BackEdge{E, Reason::PointsToContainerOwner, C.Field};
    }
  for (const OwnershipEdge &E : Cycle)
    if (E.How == Hold::Shared && namedAsBackReference(E.Field))
      return BackEdge{E, Reason::Named};
  if (Recursive)
    return std::nullopt;
  const OwnershipEdge *Last = nullptr;
  for (const OwnershipEdge &E : Cycle)
    if (E.How == Hold::Shared &&
        (!Last || Ctx->getSourceManager().isBeforeInTranslationUnit(
                      Last->Field->getLocation(), E.Field->getLocation())))
      Last = &E;
  if (!Last)
    return std::nullopt;
  return BackEdge{*Last, Reason::LastDeclared};
}

/// The name of \p RD for a message: a template's instantiations are
/// reported once, on the template, so they go by its name.
static std::string className(const CXXRecordDecl *RD, ASTContext &Ctx) {
  if (isa<ClassTemplateSpecializationDecl>(RD))
    return RD->getNameAsString();
  return typeText(Ctx.getTypeDeclType(static_cast<const TypeDecl *>(RD)), Ctx);
}

/// The template specialisation type of a member declared `std::shared_ptr<T>`
/// (or `shared_ptr<T>`), when it is spelled that way.
static TemplateSpecializationTypeLoc spelledSharedPtr(const FieldDecl *Field) {
  TypeSourceInfo *TSI = Field->getTypeSourceInfo();
  if (!TSI || TSI->getTypeLoc().getAs<QualifiedTypeLoc>())
    return {};
  return TSI->getTypeLoc().getAsAdjusted<TemplateSpecializationTypeLoc>();
}

std::vector<FixItHint> OwnershipCycleCheck::weakMemberFix(const OwnershipEdge &Back) {
  const FieldDecl *Field = Back.Field;
  const SourceManager &SM = Ctx->getSourceManager();
  const LangOptions &LO = Ctx->getLangOpts();
  const auto *Class = cast<CXXRecordDecl>(Field->getParent());
  // Only a member whose every use this unit sees, outside templates (one
  // spelling serves many instantiations), can change type safely.
  if (!Back.Direct || Field->getType().isConstQualified() ||
      Class->isDependentContext() || patternOf(Class) != Class ||
      !allAccessesVisible(Field, SM) || Field->hasInClassInitializer())
    return {};
  for (const CXXConstructorDecl *Ctor : Class->ctors())
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && Init->getMember() == Field) {
        const auto *Construct = dyn_cast<CXXConstructExpr>(Init->getInit());
        bool Default = Construct && Construct->getNumArgs() == 0;
        if (!Default && !initKeepsOwner(Init->getInit()))
          return {};
      }

  std::vector<FixItHint> Fixes;
  TemplateSpecializationTypeLoc Spelled = spelledSharedPtr(Field);
  SourceRange TypeRange = Field->getTypeSourceInfo()->getTypeLoc().getSourceRange();
  if (!isRewritable(TypeRange, SM) || sharesTypeSpelling(Field, TypeRange, SM, LO))
    return {};
  if (Spelled && sourceText(Spelled.getTemplateNameLoc(), SM, LO) == "shared_ptr") {
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Spelled.getTemplateNameLoc()), "weak_ptr"));
  } else {
    std::optional<QualType> Pointee = sharedPtrPointee(Field->getType());
    if (!Pointee)
      return {};
    Fixes.push_back(FixItHint::CreateReplacement(
        TypeRange, "std::weak_ptr<" + typeText(*Pointee, *Ctx) + ">"));
  }
  std::set<unsigned> Locked;
  for (const MemberExpr *Use : Uses[Field]) {
    WeakRewrite Rewrite = classifySharedMemberUse(Use, *Ctx).Rewrite;
    if (Rewrite == WeakRewrite::Unsafe || !isRewritable(Use->getSourceRange(), SM))
      return {};
    if (Rewrite != WeakRewrite::Lock)
      continue;
    SourceLocation After = Lexer::getLocForEndOfToken(Use->getEndLoc(), 0, SM, LO);
    if (After.isInvalid())
      return {};
    if (Locked.insert(After.getRawEncoding()).second)
      Fixes.push_back(FixItHint::CreateInsertion(After, ".lock()"));
  }
  return Fixes;
}

/// Whether this unit sees every access to \p Field: its class is defined in
/// the main file (no other unit can name it), or the member is private to a
/// class whose member functions are all defined here.
static bool allUsesVisible(const FieldDecl *Field, const SourceManager &SM) {
  const CXXRecordDecl *Class = patternOf(cast<CXXRecordDecl>(Field->getParent()));
  return SM.isInMainFile(SM.getExpansionLoc(Class->getLocation())) ||
         allAccessesVisible(Field, SM);
}

void OwnershipCycleCheck::analyzeCycle(std::vector<OwnershipEdge> Cycle) {
  const SourceManager &SM = Ctx->getSourceManager();
  // "Nothing breaks the cycle" needs every use of its members; code in
  // another unit may reset them (whole-program mode will see it).
  if (!llvm::all_of(Cycle, [&](const OwnershipEdge &E) {
        return allUsesVisible(E.Field, SM);
      }))
    return;
  // Code that resets or clears a member of the cycle breaks it by hand.
  if (llvm::any_of(Cycle, [&](const OwnershipEdge &E) { return breaksCycles(E.Field); }))
    return;
  std::optional<BackEdge> Back = chooseBackEdge(Cycle);
  if (!Back)
    return;
  const FieldDecl *Field = Back->Edge.Field;
  SourceLocation Loc = Field->getLocation();
  if (Loc.isMacroID() || SM.isInSystemHeader(Loc) ||
      !ReportedLocations.insert(Loc.getRawEncoding()).second)
    return;

  // Walk the cycle from the object the back edge points to.
  auto BackIt = llvm::find_if(Cycle, [&](const OwnershipEdge &E) {
    return E.Field == Field;
  });
  std::rotate(Cycle.begin(), std::next(BackIt), Cycle.end());
  std::string Chain = className(Back->Edge.To, *Ctx);
  for (const OwnershipEdge &E : Cycle)
    Chain += " --" + E.Field->getNameAsString() + "--> " + className(E.To, *Ctx);

  std::string Member = Field->getNameAsString();
  Finding F;
  F.Loc = Loc;
  F.Message = "'" + Member + "' closes an ownership cycle (" + Chain +
              "): the objects keep each other alive through std::shared_ptr "
              "and are never destroyed; make '" + Member + "' a std::weak_ptr";
  for (const OwnershipEdge &E : Cycle)
    if (E.Field != Field)
      F.Notes.push_back({E.Field->getLocation(),
                         "'" + className(E.from(), *Ctx) + "' owns '" +
                             className(E.To, *Ctx) + "' through '" +
                             E.Field->getNameAsString() + "'"});
  switch (Back->Why) {
  case Reason::PointsToContainerOwner:
    F.Notes.push_back({Loc, "'" + Member + "' points back to the owner of '" +
                                Back->Container->getNameAsString() +
                                "', so it is the reference to make weak"});
    break;
  case Reason::Named:
    F.Notes.push_back({Loc, "'" + Member +
                                "' is named as a back reference, so it is the "
                                "reference to make weak"});
    break;
  case Reason::LastDeclared:
    F.Notes.push_back(
        {Loc, "no member of the cycle points back to a container's owner or is "
              "named as a back reference; '" + Member +
                  "' is the last declared, so decide which reference is the "
                  "back one before changing it"});
    break;
  }
  // The choice by declaration order is a guess: never rewrite on a guess.
  if (Back->Why != Reason::LastDeclared)
    F.Fixes = weakMemberFix(Back->Edge);
  report(std::move(F));
}

void OwnershipCycleCheck::onEndOfTranslationUnit() {
  std::vector<std::vector<OwnershipEdge>> Cycles;
  llvm::DenseSet<const FieldDecl *> CycleFields;
  if (Ctx)
    for (const CXXRecordDecl *Class : Classes) {
      if (Class->isDependentContext())
        continue;
      for (const OwnershipEdge &Closing : Graph.ownEdges(Class)) {
        if (Closing.How != Hold::Shared)
          continue;
        std::vector<OwnershipEdge> Cycle = Graph.pathBack(Closing);
        if (Cycle.empty() || Cycle.size() + 1 > MaxCycleLength)
          continue;
        Cycle.insert(Cycle.begin(), Closing);
        std::vector<const FieldDecl *> Key;
        for (const OwnershipEdge &E : Cycle)
          Key.push_back(E.Field);
        llvm::sort(Key);
        if (!SeenCycles.insert(Key).second)
          continue;
        CycleFields.insert(Key.begin(), Key.end());
        Cycles.push_back(std::move(Cycle));
      }
    }
  if (!Cycles.empty()) {
    collectUses(CycleFields);
    for (std::vector<OwnershipEdge> &Cycle : Cycles)
      analyzeCycle(std::move(Cycle));
  }
  Graph = OwnershipGraph();
  Classes.clear();
  Uses.clear();
  Breaks.clear();
  GivenNull.clear();
  SeenCycles.clear();
  ReportedLocations.clear();
  Ctx = nullptr;
}

} // namespace weakify
