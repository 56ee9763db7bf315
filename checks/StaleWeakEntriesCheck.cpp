//===--- StaleWeakEntriesCheck.cpp - weakify-stale-weak-entries -----------===//

#include "StaleWeakEntriesCheck.h"
#include "AstNavigation.h"
#include "ContainerFix.h"
#include "StorageVisibility.h"
#include "TypeFacts.h"
#include "RuntimeSpelling.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace weakify {

static const char DefaultMapTypes[] = "::std::map;::std::unordered_map";
static const char DefaultSequenceTypes[] =
    "::std::vector;::std::list;::std::deque;::std::forward_list";

StaleWeakEntriesCheck::StaleWeakEntriesCheck(StringRef Name, CheckContext &Context)
    : WeakifyCheck(Name, Context),
      MapTypes(splitList(option("MapTypes", DefaultMapTypes))),
      SequenceTypes(splitList(option("SequenceTypes", DefaultSequenceTypes))),
      Fix(Name) {}

std::map<std::string, std::string> StaleWeakEntriesCheck::options() const {
  return {{"MapTypes", llvm::join(MapTypes, ";")},
          {"SequenceTypes", llvm::join(SequenceTypes, ";")}};
}

void StaleWeakEntriesCheck::registerMatchers(MatchFinder &Finder,
                                             MatchFinder::MatchCallback &Callback) {
  std::vector<StringRef> Maps(MapTypes.begin(), MapTypes.end());
  std::vector<StringRef> Sequences(SequenceTypes.begin(), SequenceTypes.end());
  auto Container = qualType(hasUnqualifiedDesugaredType(recordType(hasDeclaration(
      classTemplateSpecializationDecl(anyOf(
          allOf(hasAnyName(Maps), hasTemplateArgument(1, refersToType(weakPtrType()))),
          allOf(hasAnyName(Sequences),
                hasTemplateArgument(0, refersToType(weakPtrType())))))))));
  auto NotInSystemHeader = unless(isExpansionInSystemHeader());
  Finder.addMatcher(varDecl(hasType(Container), NotInSystemHeader,
                            unless(parmVarDecl()), hasStaticStorageDuration())
                        .bind("container"),
                    &Callback);
  Finder.addMatcher(fieldDecl(hasType(Container), NotInSystemHeader).bind("container"),
                    &Callback);
  Finder.addMatcher(declRefExpr(to(varDecl(hasType(Container)))).bind("use"),
                    &Callback);
  Finder.addMatcher(memberExpr(member(valueDecl(hasType(Container)))).bind("use"),
                    &Callback);
}

/// The container's template, and whether it maps keys to weak_ptr.
static const ClassTemplateSpecializationDecl *containerOf(QualType T, bool &Map) {
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 1)
    return nullptr;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  Map = Args.size() >= 2 && Args[1].getKind() == TemplateArgument::Type &&
        weakPtrPointee(Args[1].getAsType()).has_value();
  return Spec;
}

void StaleWeakEntriesCheck::check(const MatchFinder::MatchResult &R) {
  Ctx = R.Context;
  if (const auto *C = R.Nodes.getNodeAs<DeclaratorDecl>("container")) {
    Containers.addCandidate(C);
    return;
  }
  const auto *Use = R.Nodes.getNodeAs<Expr>("use");
  const ValueDecl *Target = referencedDecl(Use);
  if (!Target)
    return;
  bool Map = false;
  if (!containerOf(Target->getType(), Map))
    return;
  Containers.addUse(Target, classifyWeakEntryUse(Use, Map, *Ctx));
}

void StaleWeakEntriesCheck::analyze(const DeclaratorDecl *Container,
                                    const std::vector<WeakEntryUse> &ContainerUses) {
  const SourceManager &SM = Ctx->getSourceManager();
  SourceLocation Loc = Container->getLocation();
  if (Loc.isMacroID() || SM.isInSystemHeader(Loc) ||
      !allAccessesVisible(Container, SM))
    return;
  bool Map = false;
  const ClassTemplateSpecializationDecl *Spec = containerOf(Container->getType(), Map);
  if (!Spec)
    return;
  // A map keyed by an enum or bool holds at most one entry per value.
  if (Map && Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type) {
    QualType Key = Spec->getTemplateArgs()[0].getAsType().getCanonicalType();
    if (Key->isEnumeralType() || Key->isBooleanType())
      return;
  }
  if (llvm::any_of(ContainerUses,
                   [](const WeakEntryUse &U) { return U.Removal || U.Escapes; }))
    return;
  // Entries added while the program runs, not only while it is set up: a
  // container filled in a constructor alone is bounded.
  const WeakEntryUse *Added = nullptr;
  for (const WeakEntryUse &U : ContainerUses)
    if (U.Add && U.Function && !isa<CXXConstructorDecl>(U.Function) &&
        (!Added || (U.Store && !Added->Store)))
      Added = &U; // The first explicit store, for the note.
  if (!Added || !ReportedLocations.insert(Loc.getRawEncoding()).second)
    return;

  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  const TemplateArgument &WeakArg = Args[Map ? 1 : 0];
  std::optional<QualType> WeakPointee =
      WeakArg.getKind() == TemplateArgument::Type
          ? weakPtrPointee(WeakArg.getAsType())
          : std::nullopt;
  if (!WeakPointee)
    return;
  QualType Pointee = *WeakPointee;
  std::string Name = Container->getNameAsString();
  std::string PointeeName = typeText(Pointee, *Ctx);

  SourceRange TypeRange;
  std::string Replacement;
  if (Map && Args[0].getKind() == TemplateArgument::Type)
    Replacement = valueMapSpelling(Container, Spec, Args[0].getAsType(), Pointee,
                                   *Ctx, TypeRange);
  else if (!Map)
    Replacement = setSpelling(Container, *Ctx, TypeRange);
  std::string Suggested =
      Map ? (Replacement.empty() ? "weakref::value_map<" +
                                       typeText(Args[0].getAsType(), *Ctx) + ", " +
                                       PointeeName + ">"
                                 : Replacement)
          : "weakref::set<" + PointeeName + ">";

  Finding F;
  F.Loc = Loc;
  F.Message = "'" + Name + "' keeps an entry for every '" + PointeeName +
              "' it ever referenced: expired std::weak_ptr entries are never "
              "erased, so dead entries accumulate and pin their objects' "
              "control blocks; use '" +
              Suggested + "'";
  F.Notes.push_back({Added->Loc, "entries are added here"});
  F.Notes.push_back({Loc, "nothing in this translation unit erases expired "
                          "entries of '" + Name + "'"});

  bool Fixable = !Replacement.empty() &&
                 llvm::all_of(ContainerUses,
                              [](const WeakEntryUse &U) { return U.Rewritable; });
  if (Fixable)
    Fix.apply(F, SM, {TypeRange}, Replacement, rewritesOf(ContainerUses));
  report(std::move(F));
}

void StaleWeakEntriesCheck::onEndOfTranslationUnit() {
  if (Ctx)
    Containers.forEach([this](const DeclaratorDecl *D, const auto &Uses) {
      analyze(D, Uses);
    });
  Containers.clear();
  ReportedLocations.clear();
  Fix.reset();
  Ctx = nullptr;
}

} // namespace weakify
