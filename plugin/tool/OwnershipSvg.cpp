//===--- OwnershipSvg.cpp - Ownership pictures laid out by Graphviz -------===//

#include "OwnershipSvg.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

namespace weakify {

using Role = OwnershipPicture::Role;

/// The body of a DOT quoted string. `&` becomes an entity because Graphviz
/// passes entities it finds in labels through to the SVG as they are.
static std::string dotEscaped(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '"':
      Out += "\\\"";
      break;
    case '\\':
      Out += "\\\\";
      break;
    case '&':
      Out += "&amp;";
      break;
    case '\n':
      Out += "\\n";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

std::string dotQuoted(llvm::StringRef Text) {
  return "\"" + dotEscaped(Text) + "\"";
}

static llvm::StringRef roleClass(Role Kind) {
  switch (Kind) {
  case Role::Owner:
    return "owner";
  case Role::Holder:
    return "holder";
  case Role::KeptAlive:
    return "kept-alive";
  }
  return "owner";
}

/// Fill and outline of each role; the page's legend uses the same colours.
static llvm::StringRef roleColours(Role Kind) {
  switch (Kind) {
  case Role::Owner:
    return "fillcolor=\"#dbe7fb\", color=\"#3461b0\"";
  case Role::Holder:
    return "fillcolor=\"#fdf0cc\", color=\"#a8741a\"";
  case Role::KeptAlive:
    return "fillcolor=\"#fbe0e0\", color=\"#b93a3a\"";
  }
  return "";
}

// Nodes are named by their names (unique in a picture), which the SVG
// shows as their tooltips.
static void writeNodes(const OwnershipPicture &Picture, llvm::raw_ostream &OS) {
  for (const OwnershipPicture::Node &N : Picture.Nodes)
    OS << "  " << dotQuoted(N.Name) << " [class=\"" << roleClass(N.Kind)
       << "\", " << roleColours(N.Kind) << "];\n";
}

static void writeEdges(const OwnershipPicture &Picture, llvm::raw_ostream &OS) {
  for (const OwnershipPicture::Edge &E : Picture.Edges) {
    if (E.From >= Picture.Nodes.size() || E.To >= Picture.Nodes.size())
      continue;
    OS << "  " << dotQuoted(Picture.Nodes[E.From].Name) << " -> "
       << dotQuoted(Picture.Nodes[E.To].Name);
    if (E.Weaken)
      OS << " [label=\"" << dotEscaped(E.Label)
         << "\\nmake weak\", class=\"weaken\", color=\"#d62728\", "
            "fontcolor=\"#d62728\", style=dashed, penwidth=2.2];\n";
    else
      OS << " [label=" << dotQuoted(E.Label) << ", class=\"strong\"];\n";
  }
}

std::string ownershipDot(const OwnershipPicture &Picture, llvm::StringRef Id) {
  std::string Dot;
  llvm::raw_string_ostream OS(Dot);
  OS << "digraph \"ownership\" {\n"
     << "  graph [id=" << dotQuoted(Id)
     << ", rankdir=TB, bgcolor=\"transparent\", pad=0.1, nodesep=0.35, "
        "ranksep=0.55];\n"
     << "  node [shape=box, style=\"rounded,filled\", penwidth=1.4, "
        "fontname=\"Helvetica,Arial,sans-serif\", fontsize=11, "
        "margin=\"0.12,0.06\"];\n"
     << "  edge [fontname=\"Helvetica,Arial,sans-serif\", fontsize=10, "
        "color=\"#555555\", fontcolor=\"#333333\", arrowsize=0.8];\n";
  writeNodes(Picture, OS);
  writeEdges(Picture, OS);
  OS << "}\n";
  return Dot;
}

/// The `<svg>...</svg>` elements of `dot`'s output, one per graph, without
/// the XML prologue, which does not belong inside HTML.
static std::vector<std::string> splitSvgs(llvm::StringRef Output) {
  std::vector<std::string> Svgs;
  while (true) {
    size_t Start = Output.find("<svg");
    size_t End = Output.find("</svg>", Start);
    if (Start == llvm::StringRef::npos || End == llvm::StringRef::npos)
      return Svgs;
    End += llvm::StringRef("</svg>").size();
    Svgs.push_back(Output.slice(Start, End).str());
    Output = Output.drop_front(End);
  }
}

/// A temporary file removed when it goes out of scope.
struct TempFile {
  llvm::SmallString<128> Path;
  std::optional<llvm::FileRemover> Remover;

  bool create(llvm::StringRef Suffix) {
    if (llvm::sys::fs::createTemporaryFile("weakify-graphs", Suffix, Path))
      return false;
    Remover.emplace(Path);
    return true;
  }
};

RenderedGraphs renderWithGraphviz(const std::vector<std::string> &DotGraphs) {
  RenderedGraphs Result;
  if (DotGraphs.empty())
    return Result;
  llvm::ErrorOr<std::string> Dot = llvm::sys::findProgramByName("dot");
  if (!Dot) {
    Result.DotMissing = true;
    Result.Problem = "Graphviz's 'dot' is not on PATH";
    return Result;
  }
  TempFile Input, Output, Errors;
  if (!Input.create("dot") || !Output.create("svg") || !Errors.create("txt")) {
    Result.Problem = "cannot create a temporary file for Graphviz";
    return Result;
  }
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Input.Path, EC);
    for (const std::string &Graph : DotGraphs)
      OS << Graph;
  }
  std::string Message;
  std::optional<llvm::StringRef> Redirects[] = {
      Input.Path.str(), Output.Path.str(), Errors.Path.str()};
  int Status = llvm::sys::ExecuteAndWait(*Dot, {*Dot, "-Tsvg"}, std::nullopt,
                                         Redirects, /*SecondsToWait=*/120,
                                         /*MemoryLimit=*/0, &Message);
  auto Svg = llvm::MemoryBuffer::getFile(Output.Path);
  if (Status == 0 && Svg)
    Result.Svgs = splitSvgs((*Svg)->getBuffer());
  if (Result.Svgs.size() == DotGraphs.size())
    return Result;
  Result.Svgs.clear();
  if (auto Err = llvm::MemoryBuffer::getFile(Errors.Path))
    Message += (*Err)->getBuffer().trim().str();
  Result.Problem = "'" + *Dot + " -Tsvg' failed (status " +
                   std::to_string(Status) + ")" +
                   (Message.empty() ? "" : ": " + Message);
  return Result;
}

} // namespace weakify
