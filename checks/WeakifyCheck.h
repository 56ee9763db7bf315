//===--- WeakifyCheck.h - Base class of every weakify check -----*- C++ -*-===//
//
// The analysis core's view of a check, independent of the front end. A front
// end supplies a CheckContext (options in, findings out) and drives the check
// through an ast_matchers::MatchFinder, exactly like clang-tidy does.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_WEAKIFYCHECK_H
#define WEAKIFY_CHECKS_WEAKIFYCHECK_H

#include "Finding.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <optional>
#include <string>

namespace weakify {

/// What a front end provides to a check.
class CheckContext {
public:
  virtual ~CheckContext() = default;
  /// The value of option `<CheckName>.<Name>`, if the user set one.
  virtual std::optional<std::string> getOption(llvm::StringRef CheckName,
                                               llvm::StringRef Name) const = 0;
  /// Hands a finding to the front end, which renders it (or suppresses it).
  virtual void report(Finding F) = 0;
};

class WeakifyCheck {
public:
  WeakifyCheck(llvm::StringRef Name, CheckContext &Context)
      : Name(Name.str()), Context(Context) {}
  virtual ~WeakifyCheck() = default;

  llvm::StringRef getName() const { return Name; }

  /// Registers matchers whose results go to \p Callback, which forwards them
  /// to check().
  virtual void registerMatchers(
      clang::ast_matchers::MatchFinder &Finder,
      clang::ast_matchers::MatchFinder::MatchCallback &Callback) = 0;
  virtual void
  check(const clang::ast_matchers::MatchFinder::MatchResult &R) = 0;
  /// Called once the whole unit was matched: checks that need facts from the
  /// whole translation unit decide and report here.
  virtual void onEndOfTranslationUnit() {}

  /// Every option with its current value, for `--dump-config` and docs.
  virtual std::map<std::string, std::string> options() const { return {}; }

protected:
  std::string option(llvm::StringRef OptionName,
                     llvm::StringRef Default) const {
    return Context.getOption(Name, OptionName).value_or(Default.str());
  }
  void report(Finding F) {
    F.CheckName = Name;
    Context.report(std::move(F));
  }

private:
  std::string Name;
  CheckContext &Context;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_WEAKIFYCHECK_H
