//===--- AuditSites.h - What instrument mode audits --------------*- C++ -*-===//
//
// The candidate sites of a unit, as the checks' collectors see them: every
// container the container checks consider (whether or not the rules report
// it), every std::shared_ptr member that can close an ownership cycle, and
// every std::function member (self-capture). The choice depends only on
// the declaration itself, never on what else the unit sees: a class in a
// header must be rewritten the same way in every unit, or the program would
// hold two definitions of it.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_PLUGIN_INSTRUMENT_AUDITSITES_H
#define WEAKIFY_PLUGIN_INSTRUMENT_AUDITSITES_H

#include "FactBuilder.h"
#include "clang/AST/Decl.h"
#include <string>
#include <vector>

namespace weakify {

/// How the audit measures a site; spelled as weakref::audit::site_kind.
enum class AuditKind {
  OwningContainer,
  WeakContainer,
  StrongPointer,
  Callable
};

struct AuditSite {
  const clang::DeclaratorDecl *Decl = nullptr;
  /// The check whose static finding would be reported on this declaration.
  std::string Check;
  AuditKind Kind = AuditKind::OwningContainer;
  /// A member whose std::shared_ptrs can close an ownership cycle.
  bool CycleEdge = false;
};

/// The sites of the unit whose facts \p Facts (finished) were collected
/// through \p Builder, in source order.
std::vector<AuditSite> findAuditSites(FactBuilder &Builder,
                                      const FactSet &Facts);

/// The runtime's spelling of \p Kind.
const char *auditKindSpelling(AuditKind Kind);

} // namespace weakify

#endif // WEAKIFY_PLUGIN_INSTRUMENT_AUDITSITES_H
