//===--- FactBuilder.cpp - Turning a unit's AST into facts ----------------===//

#include "FactBuilder.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

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

const FieldDecl *patternField(const FieldDecl *Field) {
  const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!RD)
    return Field;
  const CXXRecordDecl *Pattern = patternOf(RD);
  if (Pattern == RD || !Field->getDeclName())
    return Field;
  for (const NamedDecl *Found : Pattern->lookup(Field->getDeclName()))
    if (const auto *PatternField = dyn_cast<FieldDecl>(Found))
      return PatternField;
  return Field;
}

/// The declaration the user wrote for \p D: the template's own member for
/// a member of an instantiation.
static const Decl *writtenDecl(const Decl *D) {
  if (const auto *Field = dyn_cast<FieldDecl>(D))
    return patternField(Field);
  if (const auto *Var = dyn_cast<VarDecl>(D)) {
    if (const VarDecl *Member = Var->getInstantiatedFromStaticDataMember())
      return Member;
    return Var;
  }
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    return patternOf(RD);
  if (const auto *Function = dyn_cast<FunctionDecl>(D))
    if (const FunctionDecl *Pattern =
            Function->getTemplateInstantiationPattern())
      return Pattern;
  return D;
}

FactBuilder::FactBuilder(ASTContext &Ctx, FactSet &Out) : Ctx(Ctx), Out(Out) {
  const SourceManager &SM = Ctx.getSourceManager();
  FileID Main = SM.getMainFileID();
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(Main);
  if (!Entry)
    return;
  MainFile = filePath(Main, Entry->getName());
  // Preprocessed source (what distcc compiles remotely) starts with a line
  // marker naming the real main file: the unit is that file. Its columns
  // and offsets are the preprocessor's, not the file's: no edits then.
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(Main, &Invalid);
  if (!Invalid && Buffer.starts_with("# 1 \"")) {
    size_t FirstLine = Buffer.find('\n');
    if (FirstLine != llvm::StringRef::npos) {
      PresumedLoc P = SM.getPresumedLoc(
          SM.getLocForStartOfFile(Main).getLocWithOffset(FirstLine + 1));
      if (P.isValid()) {
        MainFile = filePath(Main, P.getFilename());
        Preprocessed = true;
      }
    }
  }
  Out.addUnit(MainFile);
}

std::string FactBuilder::filePath(FileID FID, llvm::StringRef Presumed) {
  auto Cached = FilePaths.find(FID);
  const SourceManager &SM = Ctx.getSourceManager();
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(FID);
  bool Physical = Entry && Entry->getName() == Presumed;
  if (Physical && Cached != FilePaths.end())
    return Cached->second;
  // Relative to the unit's working directory, not the process's, and
  // without dots, so that a header reached from two units is one file.
  llvm::SmallString<256> Path(Presumed);
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  std::string Result(Path);
  if (Physical) {
    FilePaths[FID] = Result;
    FilesByPath.emplace(Result, FID);
  }
  return Result;
}

Location FactBuilder::location(SourceLocation Loc) {
  if (Loc.isInvalid())
    return {};
  const SourceManager &SM = Ctx.getSourceManager();
  Loc = SM.getFileLoc(Loc);
  PresumedLoc P = SM.getPresumedLoc(Loc);
  if (P.isInvalid())
    return {};
  return Location{filePath(SM.getFileID(Loc), P.getFilename()), P.getLine(),
                  P.getColumn()};
}

SourceLocation FactBuilder::sourceLocation(const Location &L) const {
  auto It = FilesByPath.find(L.File);
  if (It == FilesByPath.end() || !L.valid())
    return SourceLocation();
  return Ctx.getSourceManager().translateLineCol(It->second, L.Line,
                                                 std::max(L.Column, 1u));
}

FixItHint FactBuilder::fixIt(const Edit &E) const {
  SourceLocation Begin = sourceLocation(E.Begin);
  return FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(Begin, Begin.getLocWithOffset(E.Length)),
      E.Text);
}

std::optional<Edit> FactBuilder::edit(const FixItHint &Hint) {
  if (Preprocessed)
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = Hint.RemoveRange;
  if (Range.isInvalid())
    return std::nullopt;
  if (Range.isTokenRange())
    Range = Lexer::getAsCharRange(Range, SM, Ctx.getLangOpts());
  SourceLocation Begin = Range.getBegin(), End = Range.getEnd();
  if (Begin.isMacroID() || End.isMacroID())
    return std::nullopt;
  auto [BeginFile, BeginOffset] = SM.getDecomposedLoc(Begin);
  auto [EndFile, EndOffset] = SM.getDecomposedLoc(End);
  if (BeginFile != EndFile || EndOffset < BeginOffset)
    return std::nullopt;
  Location At = location(Begin);
  if (!At.valid())
    return std::nullopt;
  return Edit{std::move(At), EndOffset - BeginOffset, Hint.CodeToInsert};
}

bool FactBuilder::edits(llvm::ArrayRef<FixItHint> Hints,
                        std::vector<Edit> &Out) {
  std::vector<Edit> Made;
  for (const FixItHint &Hint : Hints) {
    std::optional<Edit> E = edit(Hint);
    if (!E)
      return false;
    Made.push_back(std::move(*E));
  }
  Out.insert(Out.end(), Made.begin(), Made.end());
  return true;
}

bool FactBuilder::unitLocal(const Decl *D) const {
  // Members live as long as their class is visible.
  if (isa<FieldDecl>(D) || isa<CXXMethodDecl>(D) ||
      (isa<VarDecl>(D) && cast<VarDecl>(D)->isStaticDataMember()))
    D = cast<Decl>(D->getDeclContext());
  if (const auto *Named = dyn_cast<NamedDecl>(D))
    return !Named->isExternallyVisible();
  return true;
}

std::string FactBuilder::makeIdentity(const Decl *D) {
  llvm::SmallString<128> USR;
  if (index::generateUSRForDecl(D, USR))
    USR = "?" + std::to_string(reinterpret_cast<uintptr_t>(D));
  std::string Id(USR);
  if (unitLocal(D))
    Id += "@" + MainFile;
  return Id;
}

std::string FactBuilder::identity(const Decl *D) {
  D = writtenDecl(D)->getCanonicalDecl();
  auto [It, New] = Identities.try_emplace(D);
  if (New)
    It->second = makeIdentity(D);
  return It->second;
}

std::string FactBuilder::exactIdentity(const Decl *D) {
  D = D->getCanonicalDecl();
  auto [It, New] = ExactIdentities.try_emplace(D);
  if (New)
    It->second = makeIdentity(D);
  return It->second;
}

std::string FactBuilder::qualifiedName(const NamedDecl *D) const {
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  // "(anonymous struct)", not "(anonymous struct at ../a.h:3:5)": the path
  // is spelled as each unit reached the header.
  Policy.AnonymousTagLocations = false;
  D->printQualifiedName(OS, Policy);
  return OS.str();
}

void FactBuilder::nameDeclaration(const NamedDecl *D, Fact &F) const {
  F.set("qualified", qualifiedName(cast<NamedDecl>(writtenDecl(D))));
}

void FactBuilder::noteClass(const CXXRecordDecl *RD) {
  RD = patternOf(RD);
  if (!RD->hasDefinition())
    return;
  RD = RD->getDefinition();
  if (!NotedClasses.insert(RD).second)
    return;
  std::string Id = identity(RD);
  Fact Class("", "class", Id);
  Class.set("name", qualifiedName(RD));
  std::vector<std::string> Methods, Defined, Ordinary, Nested;
  for (const Decl *Member : RD->decls()) {
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member))
      Member = Template->getTemplatedDecl();
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Member)) {
      if (Method->isImplicit() || Method->isPureVirtual() ||
          Method->isDeleted() || Method->isDefaulted())
        continue;
      std::string Index = std::to_string(Methods.size());
      if (Method->isDefined())
        Defined.push_back(Index);
      // Only code that calls it can run an ordinary member function (the
      // AST spells out implicit constructions and conversions too);
      // destructors and virtual functions run without a call in sight.
      if (!Method->isVirtual() && !isa<CXXDestructorDecl>(Method))
        Ordinary.push_back(Index);
      MethodIndices[Method->getCanonicalDecl()] = {RD, Methods.size()};
      Methods.push_back(Method->getNameAsString());
      continue;
    }
    if (const auto *Inner = dyn_cast<CXXRecordDecl>(Member)) {
      // Nested classes see private members: they must be implemented too.
      if (Inner->isImplicit() || Inner->isLambda())
        continue;
      Nested.push_back(identity(Inner));
      noteClass(Inner);
    }
  }
  Class.set("methods", llvm::join(Methods, ","));
  Class.set("ordinary", llvm::join(Ordinary, ","));
  Class.set("nested", llvm::join(Nested, " "));
  Class.flag("friends", RD->friend_begin() != RD->friend_end());
  Class.flag("main-file", isInMainFile(RD->getLocation()));
  add(std::move(Class));
  if (!Defined.empty()) {
    Fact Defines("", "defines", Id);
    Defines.set("methods", llvm::join(Defined, ","));
    add(std::move(Defines));
  }
}

namespace {
/// Member functions that code of the unit names (calls, takes the address
/// of), among those \p Indices knows.
class ReferenceFinder : public RecursiveASTVisitor<ReferenceFinder> {
public:
  using Indices = llvm::DenseMap<const CXXMethodDecl *,
                                 std::pair<const CXXRecordDecl *, size_t>>;
  explicit ReferenceFinder(const Indices &Known) : Known(Known) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  // Implicit special members construct their bases and members.
  bool shouldVisitImplicitCode() const { return true; }
  bool VisitMemberExpr(MemberExpr *E) { return named(E->getMemberDecl()); }
  bool VisitDeclRefExpr(DeclRefExpr *E) { return named(E->getDecl()); }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    return named(E->getConstructor());
  }

  std::map<const CXXRecordDecl *, std::set<size_t>> Named;

private:
  bool named(const ValueDecl *D) {
    const auto *Method = dyn_cast<CXXMethodDecl>(D);
    if (!Method)
      return true;
    if (const FunctionDecl *Pattern = Method->getTemplateInstantiationPattern())
      Method = cast<CXXMethodDecl>(Pattern);
    auto It = Known.find(Method->getCanonicalDecl());
    if (It != Known.end())
      Named[It->second.first].insert(It->second.second);
    return true;
  }

  const Indices &Known;
};
} // namespace

void FactBuilder::noteReferences() {
  if (MethodIndices.empty())
    return;
  ReferenceFinder Finder(MethodIndices);
  Finder.TraverseAST(Ctx);
  for (const auto &[Class, Indices] : Finder.Named) {
    std::vector<std::string> Numbers;
    for (size_t Index : Indices)
      Numbers.push_back(std::to_string(Index));
    Fact References("", "references", identity(Class));
    References.set("methods", llvm::join(Numbers, ","));
    add(std::move(References));
  }
}

void FactBuilder::describeStorage(const ValueDecl *D, Fact &Candidate) {
  auto describeMember = [&](const ValueDecl *Member) {
    const auto *RD = dyn_cast<CXXRecordDecl>(Member->getDeclContext());
    if (!RD || RD->isUnion()) {
      Candidate.set("storage", "other");
      return;
    }
    AccessSpecifier Access = Member->getAccess();
    Candidate.set("storage", "member");
    Candidate.set("class", identity(RD));
    Candidate.flag("closed-access",
                   Access == AS_private ||
                       (Access == AS_protected && RD->hasAttr<FinalAttr>()));
    noteClass(RD);
  };
  if (isa<FieldDecl>(D))
    return describeMember(D);
  const auto *Var = dyn_cast<VarDecl>(D);
  if (!Var)
    return (void)Candidate.set("storage", "other");
  if (Var->isStaticLocal())
    return (void)Candidate.set("storage", "static-local");
  if (Var->isStaticDataMember())
    return describeMember(Var);
  if (!Var->isFileVarDecl())
    return (void)Candidate.set("storage", "other");
  if (!Var->isExternallyVisible())
    return (void)Candidate.set("storage", "internal");
  Candidate.set("storage", "global");
  // An extern declaration is how other units share a global.
  bool MainFileOnly = true;
  for (const VarDecl *Redecl : Var->redecls())
    if (!isInMainFile(Redecl->getLocation()) ||
        Redecl->getStorageClass() == SC_Extern)
      MainFileOnly = false;
  Candidate.flag("main-file-only", MainFileOnly);
  if (Var->getDefinition())
    add(Fact("", "definition", identity(Var)));
}

std::optional<llvm::StringRef>
FactBuilder::UnitTexts::text(llvm::StringRef File) {
  auto It = B.FilesByPath.find(File.str());
  if (It == B.FilesByPath.end())
    return std::nullopt;
  bool Invalid = false;
  llvm::StringRef Data =
      B.Ctx.getSourceManager().getBufferData(It->second, &Invalid);
  if (Invalid)
    return std::nullopt;
  return Data;
}

} // namespace weakify
