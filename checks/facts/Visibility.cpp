//===--- Visibility.cpp - Do the facts hold every use? --------------------===//

#include "Visibility.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <set>

namespace weakify {

/// The numbers in the "methods" attribute of every \p Kind fact about
/// \p ClassId.
static std::set<unsigned> methodNumbers(const FactSet &Facts,
                                        llvm::StringRef Kind,
                                        llvm::StringRef ClassId) {
  std::set<unsigned> Numbers;
  for (const Fact &F : Facts.about("", Kind, ClassId)) {
    llvm::SmallVector<llvm::StringRef, 16> Indices;
    F.get("methods").split(Indices, ',', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Index : Indices) {
      unsigned N = 0;
      if (!Index.getAsInteger(10, N))
        Numbers.insert(N);
    }
  }
  return Numbers;
}

static std::string classNotImplemented(const FactSet &Facts,
                                       llvm::StringRef ClassId,
                                       bool ClosedProgram, unsigned Depth) {
  llvm::ArrayRef<Fact> Classes = Facts.about("", "class", ClassId);
  if (Classes.empty())
    return "its class is not defined in any unit analysed";
  const Fact &Class = Classes.front();
  std::string Name = Class.get("name").str();
  for (const Fact &Other : Classes.drop_front())
    for (const char *Shape : {"methods", "ordinary", "nested", "friends"})
      if (Other.get(Shape) != Class.get(Shape))
        return "'" + Name + "' is defined differently in different units";
  // A friend is code like any other: in a whole program its uses are in
  // the facts too.
  if (Class.has("friends") && !ClosedProgram)
    return "'" + Name + "' has friends";
  llvm::SmallVector<llvm::StringRef, 16> Methods;
  Class.get("methods").split(Methods, ',', -1, /*KeepEmpty=*/false);
  std::set<unsigned> Defined = methodNumbers(Facts, "defines", ClassId);
  // In a whole program, an ordinary member function that no unit names
  // cannot run: a declaration left behind, it touches nothing.
  std::set<unsigned> Dead;
  if (ClosedProgram) {
    std::set<unsigned> Named = methodNumbers(Facts, "references", ClassId);
    llvm::SmallVector<llvm::StringRef, 16> Ordinary;
    Class.get("ordinary").split(Ordinary, ',', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Index : Ordinary) {
      unsigned N = 0;
      if (!Index.getAsInteger(10, N) && !Named.count(N))
        Dead.insert(N);
    }
  }
  std::vector<std::string> Missing;
  for (unsigned I = 0; I < Methods.size(); ++I)
    if (!Defined.count(I) && !Dead.count(I))
      Missing.push_back("'" + Methods[I].str() + "'");
  if (!Missing.empty()) {
    const size_t Shown = 3;
    std::string List =
        llvm::join(Missing.begin(),
                   Missing.begin() + std::min(Shown, Missing.size()), ", ");
    if (Missing.size() > Shown)
      List += " and " + std::to_string(Missing.size() - Shown) + " more";
    return "member functions of '" + Name + "' (" + List +
           ") are defined in no unit analysed";
  }
  if (Depth > 8)
    return "";
  llvm::SmallVector<llvm::StringRef, 4> Nested;
  Class.get("nested").split(Nested, ' ', -1, false);
  for (llvm::StringRef Inner : Nested)
    if (std::string Why =
            classNotImplemented(Facts, Inner, ClosedProgram, Depth + 1);
        !Why.empty())
      return Why;
  return "";
}

std::string classNotImplemented(const FactSet &Facts, llvm::StringRef ClassId,
                                bool ClosedProgram) {
  return classNotImplemented(Facts, ClassId, ClosedProgram, 0);
}

static bool classInMainFile(const FactSet &Facts, llvm::StringRef ClassId) {
  for (const Fact &Class : Facts.about("", "class", ClassId))
    if (Class.has("main-file"))
      return true;
  return false;
}

std::string missingUses(const FactSet &Facts, const Fact &Candidate,
                        const Scope &S, bool MainFileClassesAreClosed) {
  llvm::StringRef Storage = Candidate.get("storage");
  // A reference handed out by an inline function reaches every unit that
  // calls it; only a closed program shows them all.
  if (llvm::StringRef Accessor = Candidate.get("handed-out-by");
      !Accessor.empty() && !S.ClosedProgram)
    return "it is returned by reference from '" + Accessor.str() +
           "', which code in other units may call";
  if (Storage == "static-local" || Storage == "internal")
    return "";
  if (Storage == "member") {
    llvm::StringRef Class = Candidate.get("class");
    if (MainFileClassesAreClosed && classInMainFile(Facts, Class))
      return "";
    if (!S.ClosedProgram && !Candidate.has("closed-access"))
      return "it is accessible to code in other units";
    return classNotImplemented(Facts, Class, S.ClosedProgram);
  }
  if (Storage == "global") {
    if (!Facts.first("", "definition", Candidate.Subject))
      return "it is defined in no unit analysed";
    if (!S.ClosedProgram && !Candidate.has("main-file-only"))
      return "other units may declare and use it";
    return "";
  }
  return "it is not a variable or member the analysis follows";
}

} // namespace weakify
