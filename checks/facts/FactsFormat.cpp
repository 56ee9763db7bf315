//===--- FactsFormat.cpp - Facts as bytes, and back -----------------------===//

#include "FactsFormat.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"
#include <map>

namespace weakify {
namespace {

void writeEscaped(std::string &Out, llvm::StringRef Text) {
  if (Text.empty()) {
    Out += "\\e";
    return;
  }
  for (char C : Text) {
    switch (C) {
    case '\\':
      Out += "\\\\";
      break;
    case ' ':
      Out += "\\s";
      break;
    case '\n':
      Out += "\\n";
      break;
    case '\r':
      Out += "\\r";
      break;
    case '\t':
      Out += "\\t";
      break;
    case '\0':
      Out += "\\0";
      break;
    default:
      Out += C;
    }
  }
}

bool unescape(llvm::StringRef Field, std::string &Out) {
  Out.clear();
  if (Field == "\\e")
    return true;
  for (size_t I = 0; I < Field.size(); ++I) {
    char C = Field[I];
    if (C != '\\') {
      Out += C;
      continue;
    }
    if (++I == Field.size())
      return false;
    switch (Field[I]) {
    case '\\':
      Out += '\\';
      break;
    case 's':
      Out += ' ';
      break;
    case 'n':
      Out += '\n';
      break;
    case 'r':
      Out += '\r';
      break;
    case 't':
      Out += '\t';
      break;
    case '0':
      Out += '\0';
      break;
    default:
      return false;
    }
  }
  return true;
}

/// Writes the payload lines, numbering files in sorted order.
class PayloadWriter {
public:
  explicit PayloadWriter(const FactSet &Facts) {
    for (const Fact &F : Facts.all()) {
      noteFile(F.Loc);
      for (const Edit &E : F.Edits)
        noteFile(E.Begin);
    }
    unsigned Index = 0;
    for (auto &[Path, Number] : Files)
      Number = Index++;
    for (const std::string &Unit : Facts.units())
      line({"unit"}, {Unit});
    for (const auto &[Path, Number] : Files)
      line({"file"}, {Path});
    for (const Fact &F : Facts.all())
      writeFact(F);
  }
  std::string take() { return std::move(Out); }

private:
  void noteFile(const Location &L) {
    if (!L.File.empty())
      Files.emplace(L.File, 0);
  }
  std::string fileField(const Location &L) {
    return L.File.empty() ? "-" : std::to_string(Files[L.File]);
  }
  /// Words written as they are, then escaped strings.
  void line(std::initializer_list<std::string> Words,
            std::initializer_list<llvm::StringRef> Strings) {
    bool First = true;
    for (const std::string &W : Words) {
      if (!First)
        Out += ' ';
      Out += W;
      First = false;
    }
    for (llvm::StringRef S : Strings) {
      Out += ' ';
      writeEscaped(Out, S);
    }
    Out += '\n';
  }
  void writeFact(const Fact &F) {
    Out += "fact ";
    writeEscaped(Out, F.Check);
    Out += ' ';
    writeEscaped(Out, F.Kind);
    Out += ' ';
    writeEscaped(Out, F.Subject);
    Out += ' ' + fileField(F.Loc) + ' ' + std::to_string(F.Loc.Line) + ' ' +
           std::to_string(F.Loc.Column) + ' ' + std::to_string(F.Attrs.size()) +
           ' ' + std::to_string(F.Edits.size()) + '\n';
    for (const auto &[Name, Value] : F.Attrs)
      line({"a"}, {Name, Value});
    for (const Edit &E : F.Edits) {
      Out += "e " + fileField(E.Begin) + ' ' + std::to_string(E.Begin.Line) +
             ' ' + std::to_string(E.Begin.Column) + ' ' +
             std::to_string(E.Length) + ' ';
      writeEscaped(Out, E.Text);
      Out += '\n';
    }
  }

  std::map<std::string, unsigned> Files;
  std::string Out;
};

/// Parses one payload; returns "" or what is wrong with it.
class PayloadReader {
public:
  PayloadReader(llvm::StringRef Payload, FactSet &Out)
      : Rest(Payload), Out(Out) {}

  std::string read() {
    while (!Rest.empty()) {
      if (std::string Problem = readLine(); !Problem.empty())
        return Problem + " (line " + std::to_string(LineNumber) + ")";
    }
    if (Attrs || Edits)
      return "a fact ends early";
    flush();
    return "";
  }

private:
  std::string readLine() {
    auto [Line, Tail] = Rest.split('\n');
    Rest = Tail;
    ++LineNumber;
    llvm::SmallVector<llvm::StringRef, 10> Fields;
    Line.split(Fields, ' ');
    llvm::StringRef Tag = Fields[0];
    std::vector<std::string> Text(Fields.size());
    if (Tag == "unit" || Tag == "file") {
      if (Fields.size() != 2 || !unescape(Fields[1], Text[1]))
        return "bad " + Tag.str() + " line";
      if (Tag == "unit")
        Out.addUnit(Text[1]);
      else
        FileTable.push_back(Text[1]);
      return "";
    }
    if (Tag == "fact") {
      if (Attrs || Edits)
        return "a fact ends early";
      flush();
      if (Fields.size() != 9 || !unescape(Fields[1], Current.Check) ||
          !unescape(Fields[2], Current.Kind) ||
          !unescape(Fields[3], Current.Subject) ||
          !location(Fields[4], Fields[5], Fields[6], Current.Loc) ||
          Fields[7].getAsInteger(10, Attrs) ||
          Fields[8].getAsInteger(10, Edits))
        return "bad fact line";
      HaveFact = true;
      return "";
    }
    if (Tag == "a") {
      if (!Attrs || Fields.size() != 3 || !unescape(Fields[1], Text[1]) ||
          !unescape(Fields[2], Text[2]))
        return "bad attribute line";
      Current.Attrs[Text[1]] = Text[2];
      --Attrs;
      return "";
    }
    if (Tag == "e") {
      Edit E;
      if (Attrs || !Edits || Fields.size() != 6 ||
          !location(Fields[1], Fields[2], Fields[3], E.Begin) ||
          Fields[4].getAsInteger(10, E.Length) || !unescape(Fields[5], E.Text))
        return "bad edit line";
      Current.Edits.push_back(std::move(E));
      --Edits;
      if (!Edits)
        flush();
      return "";
    }
    return "unknown record '" + Tag.str() + "'";
  }

  bool location(llvm::StringRef File, llvm::StringRef Line,
                llvm::StringRef Column, Location &L) {
    unsigned Index = 0;
    if (File != "-") {
      if (File.getAsInteger(10, Index) || Index >= FileTable.size())
        return false;
      L.File = FileTable[Index];
    }
    return !Line.getAsInteger(10, L.Line) && !Column.getAsInteger(10, L.Column);
  }

  void flush() {
    if (HaveFact && !Attrs && !Edits) {
      Out.add(std::move(Current));
      Current = Fact();
      HaveFact = false;
    }
  }

  llvm::StringRef Rest;
  FactSet &Out;
  std::vector<std::string> FileTable;
  Fact Current;
  bool HaveFact = false;
  unsigned Attrs = 0, Edits = 0;
  unsigned LineNumber = 0;
};

} // namespace

std::string writeFacts(const FactSet &Facts) {
  std::string Payload = PayloadWriter(Facts).take();
  return FactsMagic + std::to_string(FactsFormatVersion) + ' ' +
         std::to_string(Payload.size()) + ' ' +
         llvm::utohexstr(llvm::xxh3_64bits(Payload), /*LowerCase=*/true) +
         '\n' + Payload;
}

FactsReadResult readFacts(llvm::StringRef Data, llvm::StringRef Origin,
                          FactSet &Out) {
  FactsReadResult Result;
  size_t Pos = 0;
  auto problem = [&](const std::string &What) {
    Result.Problems.push_back(Origin.str() + ": " + What);
  };
  while (true) {
    // Linkers may pad between documents.
    while (Pos < Data.size() && Data[Pos] == '\0')
      ++Pos;
    if (Pos >= Data.size())
      break;
    if (!Data.substr(Pos).starts_with(FactsMagic)) {
      size_t Next = Data.find(FactsMagic, Pos + 1);
      problem("damaged weakify facts (no header at byte " +
              std::to_string(Pos) + "); skipped");
      if (Next == llvm::StringRef::npos)
        break;
      Pos = Next;
      continue;
    }
    size_t HeaderEnd = Data.find('\n', Pos);
    if (HeaderEnd == llvm::StringRef::npos) {
      problem("truncated weakify facts (header cut short); skipped");
      break;
    }
    llvm::StringRef Header =
        Data.slice(Pos + llvm::StringRef(FactsMagic).size(), HeaderEnd);
    llvm::SmallVector<llvm::StringRef, 3> Fields;
    Header.split(Fields, ' ');
    unsigned Version = 0;
    size_t Length = 0;
    if (Fields.empty() || Fields[0].getAsInteger(10, Version)) {
      problem("damaged weakify facts header; skipped");
      Pos = HeaderEnd + 1;
      continue;
    }
    if (Version != FactsFormatVersion || Fields.size() != 3 ||
        Fields[1].getAsInteger(10, Length)) {
      if (Version != FactsFormatVersion)
        problem("weakify facts in format version " + Fields[0].str() +
                ", but this weakify reads version " +
                std::to_string(FactsFormatVersion) +
                "; rebuild with this weakify's plugin. Skipped");
      else
        problem("damaged weakify facts header; skipped");
      size_t Next = Data.find(FactsMagic, HeaderEnd);
      if (Next == llvm::StringRef::npos)
        break;
      Pos = Next;
      continue;
    }
    size_t PayloadStart = HeaderEnd + 1;
    if (Data.size() - PayloadStart < Length) {
      problem("truncated weakify facts (" +
              std::to_string(Data.size() - PayloadStart) + " of " +
              std::to_string(Length) + " bytes); skipped");
      break;
    }
    llvm::StringRef Payload = Data.substr(PayloadStart, Length);
    Pos = PayloadStart + Length;
    if (llvm::utohexstr(llvm::xxh3_64bits(Payload), true) != Fields[2]) {
      problem("damaged weakify facts (checksum mismatch); skipped");
      continue;
    }
    FactSet Document;
    PayloadReader Reader(Payload, Document);
    std::string Bad = Reader.read();
    if (!Bad.empty()) {
      problem("damaged weakify facts: " + Bad + "; skipped");
      continue;
    }
    Out.merge(std::move(Document));
    ++Result.Documents;
  }
  return Result;
}

} // namespace weakify
