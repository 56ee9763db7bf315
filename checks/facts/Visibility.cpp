//===--- Visibility.cpp - Do the facts hold every use? --------------------===//

#include "Visibility.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <set>

namespace weakify {

static std::string classNotImplemented(const FactSet &Facts,
                                       llvm::StringRef ClassId,
                                       unsigned Depth) {
  llvm::ArrayRef<Fact> Classes = Facts.about("", "class", ClassId);
  if (Classes.empty())
    return "its class is not defined in any unit analysed";
  const Fact &Class = Classes.front();
  std::string Name = Class.get("name").str();
  for (const Fact &Other : Classes.drop_front())
    if (Other.Attrs != Class.Attrs)
      return "'" + Name + "' is defined differently in different units";
  if (Class.has("friends"))
    return "'" + Name + "' has friends";
  llvm::SmallVector<llvm::StringRef, 16> Methods;
  Class.get("methods").split(Methods, ',', -1, /*KeepEmpty=*/false);
  std::set<unsigned> Defined;
  for (const Fact &Defines : Facts.about("", "defines", ClassId)) {
    llvm::SmallVector<llvm::StringRef, 16> Indices;
    Defines.get("methods").split(Indices, ',', -1, false);
    for (llvm::StringRef Index : Indices) {
      unsigned N = 0;
      if (!Index.getAsInteger(10, N))
        Defined.insert(N);
    }
  }
  std::vector<std::string> Missing;
  for (unsigned I = 0; I < Methods.size(); ++I)
    if (!Defined.count(I))
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
    if (std::string Why = classNotImplemented(Facts, Inner, Depth + 1);
        !Why.empty())
      return Why;
  return "";
}

std::string classNotImplemented(const FactSet &Facts, llvm::StringRef ClassId) {
  return classNotImplemented(Facts, ClassId, 0);
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
  if (Storage == "static-local" || Storage == "internal")
    return "";
  if (Storage == "member") {
    llvm::StringRef Class = Candidate.get("class");
    if (MainFileClassesAreClosed && classInMainFile(Facts, Class))
      return "";
    if (!S.ClosedProgram && !Candidate.has("closed-access"))
      return "it is accessible to code in other units";
    return classNotImplemented(Facts, Class);
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
