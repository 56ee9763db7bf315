//===--- WeakifyTidyModule.cpp - weakify as a clang-tidy module -----------===//
//
//   clang-tidy-NN --load=weakify-tidy-NN.so --checks='-*,weakify-*' file.cpp
//
// Each weakify check is wrapped in a ClangTidyCheck that runs it on the unit
// (collect, then decide on the unit's facts alone, as clang-tidy works one
// unit at a time) and turns its findings into clang-tidy diagnostics.
// clang-tidy itself handles -fix, -export-fixes and CheckOptions.
//
//===----------------------------------------------------------------------===//

#include "CheckList.h"
#include "CheckRunner.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "llvm/Config/llvm-config.h"
#if LLVM_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

using namespace clang;
using namespace clang::tidy;

namespace weakify {
namespace {

/// The runtime includes already inserted in this unit, shared by every
/// weakify check: clang-tidy runs each as a separate check.
IncludeLedger &unitIncludes() {
  static IncludeLedger Ledger;
  return Ledger;
}

/// One weakify check as a clang-tidy check. clang-tidy would match over
/// every system header too; instead the adapter only notes the unit, and
/// once clang-tidy has matched it, runs the check through the same
/// CheckRunner the other front ends use, over the user's own declarations.
class TidyCheckAdapter : public ClangTidyCheck, public CheckOptions {
public:
  TidyCheckAdapter(llvm::StringRef Name, ClangTidyContext *Ctx)
      : ClangTidyCheck(Name, Ctx), Runner(Name, *this) {}

  bool isLanguageVersionSupported(const LangOptions &LO) const override {
    return LO.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override {
    Finder->addMatcher(ast_matchers::translationUnitDecl().bind("unit"), this);
  }
  void check(const ast_matchers::MatchFinder::MatchResult &R) override {
    Unit = R.Context;
  }
  void onStartOfTranslationUnit() override { unitIncludes().reset(); }
  void onEndOfTranslationUnit() override {
    if (Unit) {
      UnitAnalysis Analysis(Runner, *Unit, unitIncludes());
      // clang-tidy reports unmatched NOLINTBEGIN/NOLINTEND itself.
      for (const Finding &F : Analysis.Findings)
        if (!F.Error)
          report(F, Analysis.Builder);
    }
    Unit = nullptr;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    // OptionsView adds the "<check>." prefix itself.
    for (const auto &[Key, Value] : Runner.options())
      Options.store(Opts, llvm::StringRef(Key).drop_front(getID().size() + 1),
                    Value);
  }

  std::optional<std::string> get(llvm::StringRef,
                                 llvm::StringRef Name) const override {
    if (std::optional<llvm::StringRef> Value = Options.get(Name))
      return Value->str();
    return std::nullopt;
  }

private:
  void report(const Finding &F, const FactBuilder &Builder) {
    {
      DiagnosticBuilder B = diag(Builder.sourceLocation(F.Loc), "%0")
                            << F.Message;
      for (const Edit &E : F.Fixes)
        B << Builder.fixIt(E);
    }
    for (const FindingNote &Note : F.Notes)
      diag(Builder.sourceLocation(Note.Loc), "%0", DiagnosticIDs::Note)
          << Note.Message;
  }

  CheckRunner Runner;
  ASTContext *Unit = nullptr;
};

class WeakifyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    for (const CheckEntry &Entry : allChecks())
      Factories.registerCheckFactory(
          Entry.Name, [](llvm::StringRef Name, ClangTidyContext *Ctx) {
            return std::make_unique<TidyCheckAdapter>(Name, Ctx);
          });
  }
};

} // namespace
} // namespace weakify

static clang::tidy::ClangTidyModuleRegistry::Add<weakify::WeakifyModule>
    Registration("weakify-module",
                 "Finds strong ownership that should be weak.");
