//===--- FactBuilder.h - Turning a unit's AST into facts ---------*- C++ -*-===//
//
// Collectors see clang's AST; facts must outlive it. This translates: a
// declaration becomes a stable identity (its USR, which spells the qualified
// name and signature; a declaration only one unit can see, such as a static
// or anything in an anonymous namespace, also carries the unit's main file),
// a SourceLocation becomes a file, line and column (as the reader of the
// file sees it: the spelling of a macro argument, otherwise the expansion;
// `#line` markers honoured), and a fix-it hint an Edit.
//
// It also says, once per class, which member functions the unit defines,
// which is how the rules know whether the facts hold every use of a member
// (see facts/Visibility.h).
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CORE_FACTBUILDER_H
#define WEAKIFY_CHECKS_CORE_FACTBUILDER_H

#include "Facts.h"
#include "SourceTexts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <map>
#include <optional>
#include <set>
#include <string>

namespace weakify {

class FactBuilder {
public:
  FactBuilder(clang::ASTContext &Ctx, FactSet &Out);

  clang::ASTContext &context() const { return Ctx; }
  const clang::SourceManager &sourceManager() const {
    return Ctx.getSourceManager();
  }
  /// The unit's main file, as Location::File spells paths.
  const std::string &mainFile() const { return MainFile; }

  void add(Fact F) { Out.add(std::move(F)); }

  /// The stable identity of \p D. A member of a class template
  /// specialisation is named after the template's own member, so that
  /// every instantiation speaks of the one declaration the user wrote.
  std::string identity(const clang::Decl *D);
  /// The identity of \p D itself: an instantiation's member is not the
  /// template's (`Node<int>::next` and `Node<float>::next` are two members).
  std::string exactIdentity(const clang::Decl *D);
  /// \p D's printable qualified name (`Loader::Cache`).
  std::string qualifiedName(const clang::NamedDecl *D) const;
  /// Sets \p F's "qualified" to the qualified name of the declaration the
  /// user wrote for \p D (the template's member for an instantiation's).
  void nameDeclaration(const clang::NamedDecl *D, Fact &F) const;

  Location location(clang::SourceLocation Loc);
  /// Back from a Location of a file of this unit; invalid when unknown.
  clang::SourceLocation sourceLocation(const Location &L) const;
  /// Back from an edit in a file of this unit.
  clang::FixItHint fixIt(const Edit &E) const;
  bool isInMainFile(clang::SourceLocation Loc) {
    return location(Loc).File == MainFile;
  }
  /// \p Hint as an edit, or nothing when it does not land in one file (or
  /// the unit is preprocessed source, whose columns are not the file's).
  std::optional<Edit> edit(const clang::FixItHint &Hint);
  /// Every hint as an edit, or false (and \p Out untouched) when one of
  /// them does not land.
  bool edits(llvm::ArrayRef<clang::FixItHint> Hints, std::vector<Edit> &Out);

  /// Sets the attributes facts/Visibility.h reads ("storage", "class",
  /// "closed-access", "main-file-only") on \p Candidate for the variable or
  /// member \p D, and adds the class and definition facts they refer to.
  void describeStorage(const clang::ValueDecl *D, Fact &Candidate);
  /// Adds the facts about \p RD's member functions (once per unit).
  void noteClass(const clang::CXXRecordDecl *RD);
  /// Adds which member functions of the noted classes the unit names, once
  /// every collector is done (see facts/Visibility.h).
  void noteReferences();

  /// The source texts of this unit's files, by Location::File.
  SourceTexts &texts() { return Texts; }

private:
  class UnitTexts : public SourceTexts {
  public:
    explicit UnitTexts(FactBuilder &B) : B(B) {}
    std::optional<llvm::StringRef> text(llvm::StringRef File) override;

  private:
    FactBuilder &B;
  };

  std::string filePath(clang::FileID FID, llvm::StringRef Presumed);
  bool unitLocal(const clang::Decl *D) const;
  std::string makeIdentity(const clang::Decl *D);

  clang::ASTContext &Ctx;
  FactSet &Out;
  std::string MainFile;
  /// The unit is compiled from preprocessed source.
  bool Preprocessed = false;
  llvm::DenseMap<const clang::Decl *, std::string> Identities, ExactIdentities;
  llvm::DenseSet<const clang::CXXRecordDecl *> NotedClasses;
  /// Each member function of a noted class: its class and its number.
  llvm::DenseMap<const clang::CXXMethodDecl *,
                 std::pair<const clang::CXXRecordDecl *, size_t>>
      MethodIndices;
  /// Paths of files as Location spells them, and back.
  llvm::DenseMap<clang::FileID, std::string> FilePaths;
  std::map<std::string, clang::FileID> FilesByPath;
  UnitTexts Texts{*this};
};

/// The class template pattern behind \p RD when it is an instantiation,
/// otherwise \p RD itself.
const clang::CXXRecordDecl *patternOf(const clang::CXXRecordDecl *RD);

/// The member of the class template pattern that \p Field was instantiated
/// from, or \p Field itself.
const clang::FieldDecl *patternField(const clang::FieldDecl *Field);

} // namespace weakify

#endif // WEAKIFY_CHECKS_CORE_FACTBUILDER_H
