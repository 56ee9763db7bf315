//===--- AuditRewrite.h - Sites rewritten to audited types -------*- C++ -*-===//
//
// Instrument mode compiles the user's code with each audited declaration's
// type wrapped in weakref::audit::tracked<T, Tag>, where Tag is a struct
// declared just before it that names the site (check, file, line, name) and,
// for a member, where it lies in its class. Everything is inserted on the
// declaration's own line, so lines, __LINE__ and diagnostics stay the same.
//
// A class with an audited member also gets abi_tag("weakify_audit") on the
// member functions it declares: a unit built without instrument mode names
// them differently, so mixing plain and instrumented units of one class
// fails at link time ("undefined reference to Loader::load[abi:weakify_audit]
// ...") instead of misbehaving.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_PLUGIN_INSTRUMENT_AUDITREWRITE_H
#define WEAKIFY_PLUGIN_INSTRUMENT_AUDITREWRITE_H

#include "AuditSites.h"
#include "FactBuilder.h"
#include "clang/Basic/SourceLocation.h"
#include <map>
#include <string>
#include <vector>

namespace weakify {

/// A site left as written, and why.
struct SkippedSite {
  clang::SourceLocation Loc;
  std::string Name;
  std::string Reason;
};

struct AuditRewrite {
  /// The new text of every file that changes, by its path.
  std::map<std::string, std::string> Files;
  std::vector<SkippedSite> Skipped;
};

/// The rewrite of the sites of the unit that \p Builder reads.
AuditRewrite rewriteAuditSites(FactBuilder &Builder,
                               llvm::ArrayRef<AuditSite> Sites);

} // namespace weakify

#endif // WEAKIFY_PLUGIN_INSTRUMENT_AUDITREWRITE_H
