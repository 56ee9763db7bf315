//===--- ObjectFacts.cpp - Facts out of a build's outputs -----------------===//

#include "ObjectFacts.h"
#include "FactsFormat.h"
#include "llvm/Object/Archive.h"
#include "llvm/Object/Binary.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"

namespace weakify {
namespace {

constexpr char SectionName[] = ".weakify.facts";

void readSections(const llvm::object::ObjectFile &Object,
                  llvm::StringRef Origin, FactSet &Out,
                  ObjectFactsResult &Result) {
  bool Found = false;
  for (const llvm::object::SectionRef &Section : Object.sections()) {
    llvm::Expected<llvm::StringRef> Name = Section.getName();
    if (!Name) {
      llvm::consumeError(Name.takeError());
      continue;
    }
    if (*Name != SectionName)
      continue;
    Found = true;
    llvm::Expected<llvm::StringRef> Contents = Section.getContents();
    if (!Contents) {
      Result.Problems.push_back(Origin.str() +
                                ": cannot read its weakify facts: " +
                                llvm::toString(Contents.takeError()));
      continue;
    }
    FactsReadResult Read = readFacts(*Contents, Origin, Out);
    Result.Documents += Read.Documents;
    Result.Problems.insert(Result.Problems.end(), Read.Problems.begin(),
                           Read.Problems.end());
  }
  if (!Found)
    Result.Problems.push_back(Origin.str() +
                              ": no weakify facts (not compiled with "
                              "-fplugin-arg-weakify-facts?)");
}

void readBinary(llvm::MemoryBufferRef Buffer, llvm::StringRef Origin,
                FactSet &Out, ObjectFactsResult &Result) {
  llvm::Expected<std::unique_ptr<llvm::object::Binary>> Binary =
      llvm::object::createBinary(Buffer);
  if (!Binary) {
    llvm::consumeError(Binary.takeError());
    // Not an object: perhaps facts documents written as they are.
    if (Buffer.getBuffer().starts_with(FactsMagic)) {
      FactsReadResult Read = readFacts(Buffer.getBuffer(), Origin, Out);
      Result.Documents += Read.Documents;
      Result.Problems.insert(Result.Problems.end(), Read.Problems.begin(),
                             Read.Problems.end());
      return;
    }
    Result.Problems.push_back(Origin.str() +
                              ": not an object file, archive or facts file");
    return;
  }
  if (const auto *Archive =
          llvm::dyn_cast<llvm::object::Archive>(Binary->get())) {
    llvm::Error Err = llvm::Error::success();
    for (const llvm::object::Archive::Child &Child : Archive->children(Err)) {
      llvm::Expected<llvm::StringRef> Name = Child.getName();
      std::string Member =
          Origin.str() + "(" + (Name ? Name->str() : std::string("?")) + ")";
      if (!Name)
        llvm::consumeError(Name.takeError());
      llvm::Expected<llvm::MemoryBufferRef> ChildBuffer =
          Child.getMemoryBufferRef();
      if (!ChildBuffer) {
        Result.Problems.push_back(Member + ": " +
                                  llvm::toString(ChildBuffer.takeError()));
        continue;
      }
      readBinary(*ChildBuffer, Member, Out, Result);
    }
    if (Err)
      Result.Problems.push_back(Origin.str() + ": " +
                                llvm::toString(std::move(Err)));
    return;
  }
  if (const auto *Object =
          llvm::dyn_cast<llvm::object::ObjectFile>(Binary->get())) {
    readSections(*Object, Origin, Out, Result);
    return;
  }
  Result.Problems.push_back(Origin.str() + ": not an object file or archive");
}

} // namespace

ObjectFactsResult readObjectFacts(llvm::StringRef Path, FactSet &Out) {
  ObjectFactsResult Result;
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    Result.Error = Path.str() + ": " + Buffer.getError().message();
    return Result;
  }
  readBinary((*Buffer)->getMemBufferRef(), Path, Out, Result);
  return Result;
}

} // namespace weakify
