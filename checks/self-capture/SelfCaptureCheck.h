//===--- SelfCaptureCheck.h - weakify-self-capture --------------*- C++ -*-===//
//
// Finds lambdas (and std::bind results) that hold a std::shared_ptr to the
// object (from shared_from_this()) and are stored where that object keeps
// them: the object owns the callable and the callable owns the object, so
// neither is ever freed. The fix-it captures weak_from_this() and locks it
// inside a lambda; bind results are reported without one.
//   CallableStorage.cpp        where a callable ends up
//   ReleasedMembers.cpp        which members code lets go of
//   SelfCaptureFix.cpp         the weak_from_this() rewrite of a lambda
//   SelfCaptureCollector.cpp   what one unit says
//   SelfCaptureRules.cpp       when the facts make it a leak
// Docs: docs/checks/weakify-self-capture.md
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_SELFCAPTURE_SELFCAPTURECHECK_H
#define WEAKIFY_CHECKS_SELFCAPTURE_SELFCAPTURECHECK_H

#include "Check.h"
#include <map>
#include <memory>
#include <string>

namespace weakify {

struct SelfCaptureOptions {
  /// Names of functions that keep the callable they are given, for
  /// functions no unit analysed defines (`StoringFunctions`, a regular
  /// expression).
  std::string StoringFunctions;

  explicit SelfCaptureOptions(const CheckOptions &Options);
  std::map<std::string, std::string> values() const;
};

struct SelfCaptureCheck {
  static constexpr const char *Name = "weakify-self-capture";
  using OptionsT = SelfCaptureOptions;
  static std::unique_ptr<Collector> collector(const SelfCaptureOptions &Options,
                                              FactBuilder &Builder);
  static void decide(const FactSet &Facts, const SelfCaptureOptions &Options,
                     const Scope &S, Decisions &Out);
};

} // namespace weakify

#endif // WEAKIFY_CHECKS_SELFCAPTURE_SELFCAPTURECHECK_H
