//===--- Check.h - The two halves of every weakify check --------*- C++ -*-===//
//
// A check is a collector and a set of rules. The collector reads one unit's
// AST (through matchers, as clang-tidy checks do) and says what it saw as
// facts; the rules read a set of facts, one unit's or a whole program's, and
// conclude findings. Neither half knows which front end drives it.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_CORE_CHECK_H
#define WEAKIFY_CHECKS_CORE_CHECK_H

#include "FactBuilder.h"
#include "Facts.h"
#include "Scope.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace weakify {

/// Where options come from: clang-tidy's CheckOptions, plugin arguments, the
/// tool's --option.
class CheckOptions {
public:
  virtual ~CheckOptions() = default;
  /// The value of option `<Check>.<Name>`, if the user set one.
  virtual std::optional<std::string> get(llvm::StringRef Check,
                                         llvm::StringRef Name) const = 0;

  std::string getOr(llvm::StringRef Check, llvm::StringRef Name,
                    llvm::StringRef Default) const {
    return get(Check, Name).value_or(Default.str());
  }
};

/// Options from a `<check>.<Option>` map.
class MapOptions : public CheckOptions {
public:
  explicit MapOptions(std::map<std::string, std::string> Values = {})
      : Values(std::move(Values)) {}
  std::optional<std::string> get(llvm::StringRef Check,
                                 llvm::StringRef Name) const override {
    auto It = Values.find((Check + "." + Name).str());
    if (It == Values.end())
      return std::nullopt;
    return It->second;
  }

private:
  std::map<std::string, std::string> Values;
};

/// The collecting half: one per check and unit.
class Collector {
public:
  virtual ~Collector() = default;
  /// Registers matchers whose results go to \p Callback, which forwards
  /// them to check().
  virtual void registerMatchers(
      clang::ast_matchers::MatchFinder &Finder,
      clang::ast_matchers::MatchFinder::MatchCallback &Callback) = 0;
  virtual void
  check(const clang::ast_matchers::MatchFinder::MatchResult &R) = 0;
  /// Called once the whole unit was matched: says what it saw.
  virtual void finish() = 0;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_CORE_CHECK_H
