//===--- SelfCaptureFix.h - The weak_from_this() rewrite --------*- C++ -*-===//

#ifndef WEAKIFY_CHECKS_SELFCAPTURE_SELFCAPTUREFIX_H
#define WEAKIFY_CHECKS_SELFCAPTURE_SELFCAPTUREFIX_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Diagnostic.h"
#include <vector>

namespace weakify {

/// A by-copy capture holding a std::shared_ptr to the enclosing object.
struct StrongSelf {
  const clang::LambdaCapture *Capture = nullptr;
  const clang::VarDecl *Var = nullptr;
  /// The shared_from_this() call the variable is initialised from.
  const clang::CXXMemberCallExpr *Call = nullptr;
  /// Through std::static_pointer_cast and friends: no fix-it then.
  bool ThroughCast = false;
  /// `[self = shared_from_this()]` in this very lambda.
  bool OwnInitCapture = false;
};

/// The rewrite of \p Lambda that captures weak_from_this() instead and
/// locks it first thing in the body, returning when the object is gone; or
/// nothing when that would not surely compile and keep the meaning.
std::vector<clang::FixItHint> lockFix(const clang::LambdaExpr *Lambda,
                                      const StrongSelf &Self,
                                      clang::ASTContext &Ctx);

} // namespace weakify

#endif // WEAKIFY_CHECKS_SELFCAPTURE_SELFCAPTUREFIX_H
