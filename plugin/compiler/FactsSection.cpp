//===--- FactsSection.cpp - A unit's facts inside its object file ---------===//

#include "FactsSection.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"

namespace weakify {
namespace {

/// \p Bytes as assembler `.ascii` directives.
std::string asAsciiDirectives(llvm::StringRef Bytes) {
  std::string Out;
  const size_t Chunk = 120;
  for (size_t Start = 0; Start < Bytes.size(); Start += Chunk) {
    Out += "\t.ascii \"";
    for (char C : Bytes.substr(Start, Chunk)) {
      unsigned char U = static_cast<unsigned char>(C);
      if (C == '"' || C == '\\') {
        Out += '\\';
        Out += C;
      } else if (U >= 0x20 && U < 0x7f) {
        Out += C;
      } else {
        const char Octal[] = {'\\', char('0' + ((U >> 6) & 7)),
                              char('0' + ((U >> 3) & 7)), char('0' + (U & 7)),
                              0};
        Out += Octal;
      }
    }
    Out += "\"\n";
  }
  return Out;
}

/// Adds the facts as module-level assembly: a section with no flags is
/// neither allocated nor excluded, so linkers keep and concatenate it.
class EmbedFactsPass : public llvm::PassInfoMixin<EmbedFactsPass> {
public:
  explicit EmbedFactsPass(std::shared_ptr<const std::string> Document)
      : Document(std::move(Document)) {}

  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &) {
    if (Document->empty() ||
        !llvm::Triple(M.getTargetTriple()).isOSBinFormatELF())
      return llvm::PreservedAnalyses::all();
    M.appendModuleInlineAsm("\t.pushsection " + std::string(FactsSectionName) +
                            ",\"\",@progbits\n" + asAsciiDirectives(*Document) +
                            "\t.popsection\n");
    return llvm::PreservedAnalyses::none();
  }
  static bool isRequired() { return true; }

private:
  std::shared_ptr<const std::string> Document;
};

} // namespace

void embedFactsInObject(clang::CompilerInstance &CI,
                        std::shared_ptr<const std::string> Document) {
  CI.getCodeGenOpts().PassBuilderCallbacks.push_back(
      [Document](llvm::PassBuilder &PB) {
        PB.registerOptimizerLastEPCallback(
            [Document](llvm::ModulePassManager &MPM, llvm::OptimizationLevel
#if LLVM_VERSION_MAJOR >= 20
                       ,
                       llvm::ThinOrFullLTOPhase
#endif
            ) { MPM.addPass(EmbedFactsPass(Document)); });
      });
}

} // namespace weakify
