//===--- SelfCaptureCheck.h - weakify-self-capture ---------------*- C++ -*-===//
//
// Finds lambdas (and std::bind results) that hold a std::shared_ptr to the
// object (from shared_from_this()) and are stored where that object keeps
// them: the object owns the callable and the callable owns the object, so
// neither is ever freed. The fix-it captures weak_from_this() and locks it
// inside a lambda; bind results are reported without one.
// Docs: docs/checks/weakify-self-capture.md
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_SELFCAPTURECHECK_H
#define WEAKIFY_CHECKS_SELFCAPTURECHECK_H

#include "CallableStorage.h"
#include "ReleasedMembers.h"
#include "WeakifyCheck.h"
#include "llvm/Support/Regex.h"
#include <optional>
#include <set>
#include <vector>

namespace weakify {

class SelfCaptureCheck : public WeakifyCheck {
public:
  SelfCaptureCheck(llvm::StringRef Name, CheckContext &Context);
  void registerMatchers(
      clang::ast_matchers::MatchFinder &Finder,
      clang::ast_matchers::MatchFinder::MatchCallback &Callback) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;
  std::map<std::string, std::string> options() const override;

private:
  void analyzeLambda(const clang::LambdaExpr *Lambda);
  void analyzeBind(const clang::CallExpr *Bind);
  /// Storage the object owns and never lets go of, or nothing.
  std::optional<CallableStorage> keptStorage(const clang::Expr *Callable);

  std::string StoringFunctions;
  llvm::Regex StoringRegex;
  clang::ASTContext *Ctx = nullptr;
  /// Lambdas and std::bind/boost::bind calls, judged at the end of the unit.
  std::vector<const clang::Expr *> Callables;
  ReleasedMembers Releases;
  std::set<unsigned> ReportedLocations;
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_SELFCAPTURECHECK_H
