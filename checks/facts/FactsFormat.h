//===--- FactsFormat.h - Facts as bytes, and back ----------------*- C++ -*-===//
//
// The facts of a unit travel in object files (see docs/whole-program.md), so
// the format is:
//   - versioned: a reader refuses any version but its own, with a message;
//   - deterministic: the same facts give the same bytes;
//   - self-delimiting and checked: documents can be concatenated (a linker
//     does that to the sections of the objects it links), padded with NUL
//     bytes between them, and a truncated or damaged one is detected by its
//     length and hash and skipped without harm to the others.
//
// One document is a header line
//   weakify-facts <version> <payload bytes> <xxh3 of payload, hex>
// followed by the payload, lines of space-separated escaped fields:
//   unit <main file>                     one per unit merged in
//   file <path>                          the file table, in order
//   fact <check> <kind> <subject> <file#|-> <line> <col> <#attrs> <#edits>
//   a <name> <value>                     its attributes
//   e <file#> <line> <col> <length> <text>   its edits
//
//===----------------------------------------------------------------------===//

#ifndef WEAKIFY_CHECKS_FACTS_FACTSFORMAT_H
#define WEAKIFY_CHECKS_FACTS_FACTSFORMAT_H

#include "Facts.h"
#include <string>
#include <vector>

namespace weakify {

/// The version this build writes and the only one it reads.
inline constexpr unsigned FactsFormatVersion = 1;
/// Every document starts with this.
inline constexpr char FactsMagic[] = "weakify-facts ";

/// \p Facts (finished) as one document.
std::string writeFacts(const FactSet &Facts);

/// What reading a buffer of documents found.
struct FactsReadResult {
  unsigned Documents = 0;
  /// One message per document that was refused or damaged (skipped).
  std::vector<std::string> Problems;
};

/// Reads every document in \p Data into \p Out (merging). \p Origin names
/// the data in messages (a file, a file and its member).
FactsReadResult readFacts(llvm::StringRef Data, llvm::StringRef Origin,
                          FactSet &Out);

} // namespace weakify

#endif // WEAKIFY_CHECKS_FACTS_FACTSFORMAT_H
