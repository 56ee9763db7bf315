//===--- AuditSites.h - What instrument mode audits --------------*- C++ -*-===//
//
// The candidate sites of a unit, whether or not the static rules report
// them: every standard container of std::shared_ptr or std::weak_ptr to a
// class of the user's (member or variable; its check from its shape, as the
// container checks' collectors see it), every std::shared_ptr member to such
// a class (it can close an ownership cycle) and every std::function member
// (self-capture). The choice depends only on the declaration itself, never
// on what else the unit sees (whether a class is complete, whether a header
// came through -isystem): a class in a header must be rewritten the same way
// in every unit, or the program would hold two definitions of it.
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_PLUGIN_INSTRUMENT_AUDITSITES_H
#define WEAKIFY_PLUGIN_INSTRUMENT_AUDITSITES_H

#include "clang/AST/ASTContext.h"
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

/// The sites of the unit of \p AST, in source order.
std::vector<AuditSite> findAuditSites(clang::ASTContext &AST);

/// The runtime's spelling of \p Kind.
const char *auditKindSpelling(AuditKind Kind);

} // namespace weakify

#endif // WEAKIFY_PLUGIN_INSTRUMENT_AUDITSITES_H
