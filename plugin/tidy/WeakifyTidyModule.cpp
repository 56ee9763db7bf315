//===--- WeakifyTidyModule.cpp - weakify as a clang-tidy module -----------===//
//
//   clang-tidy-NN --load=weakify-tidy-NN.so --checks='-*,weakify-*' file.cpp
//
// Each weakify check is wrapped in a ClangTidyCheck that forwards matches to
// it and turns its findings into clang-tidy diagnostics. clang-tidy itself
// handles NOLINT, -fix, -export-fixes and CheckOptions.
//
//===----------------------------------------------------------------------===//

#include "CheckList.h"
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

class TidyCheckAdapter : public ClangTidyCheck, public CheckContext {
public:
  TidyCheckAdapter(llvm::StringRef Name, ClangTidyContext *Ctx,
                   const CheckEntry &Entry)
      : ClangTidyCheck(Name, Ctx), Inner(Entry.Create(*this)) {}

  bool isLanguageVersionSupported(const LangOptions &LO) const override {
    return LO.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override {
    Inner->registerMatchers(*Finder, *this);
  }
  void check(const ast_matchers::MatchFinder::MatchResult &R) override {
    Inner->check(R);
  }
  void onEndOfTranslationUnit() override { Inner->onEndOfTranslationUnit(); }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    for (const auto &[Name, Value] : Inner->options())
      Options.store(Opts, Name, Value);
  }

  std::optional<std::string> getOption(llvm::StringRef,
                                       llvm::StringRef Name) const override {
    if (std::optional<llvm::StringRef> Value = Options.get(Name))
      return Value->str();
    return std::nullopt;
  }
  void report(Finding F) override {
    {
      DiagnosticBuilder B = diag(F.Loc, "%0") << F.Message;
      for (const FixItHint &Hint : F.Fixes)
        B << Hint;
    }
    for (const FindingNote &Note : F.Notes)
      diag(Note.Loc, "%0", DiagnosticIDs::Note) << Note.Message;
  }

private:
  std::unique_ptr<WeakifyCheck> Inner;
};

class WeakifyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    for (const CheckEntry &Entry : allChecks())
      Factories.registerCheckFactory(
          Entry.Name, [&Entry](llvm::StringRef Name, ClangTidyContext *Ctx) {
            return std::make_unique<TidyCheckAdapter>(Name, Ctx, Entry);
          });
  }
};

} // namespace
} // namespace weakify

static clang::tidy::ClangTidyModuleRegistry::Add<weakify::WeakifyModule>
    Registration("weakify-module", "Finds strong ownership that should be weak.");
