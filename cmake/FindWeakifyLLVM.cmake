# Locates exactly one LLVM/Clang major from Debian's packages.
# Debian's LLVMConfigVersion wants major.minor, so ask for none and check.
set(_weakify_llvm_prefix "/usr/lib/llvm-${WEAKIFY_LLVM_MAJOR}")
# LLVM's config probes libffi with check_c_source_compiles, which needs C
# enabled: without it, configuring with -DCMAKE_C_COMPILER=clang-NN (what
# most users pass) fails inside LLVM's files.
enable_language(C)
find_package(LLVM REQUIRED CONFIG
  PATHS "${_weakify_llvm_prefix}/lib/cmake/llvm" NO_DEFAULT_PATH)
if(NOT LLVM_VERSION_MAJOR STREQUAL WEAKIFY_LLVM_MAJOR)
  message(FATAL_ERROR "weakify: wanted LLVM ${WEAKIFY_LLVM_MAJOR}, found ${LLVM_PACKAGE_VERSION}")
endif()
# A plain find_package(Clang) would find the machine's clang-14 config.
find_package(Clang REQUIRED CONFIG
  PATHS "${LLVM_LIBRARY_DIR}/cmake/clang" NO_DEFAULT_PATH)
message(STATUS "weakify: analyzer against LLVM ${LLVM_PACKAGE_VERSION} (${LLVM_TOOLS_BINARY_DIR})")

set(WEAKIFY_CLANG "${LLVM_TOOLS_BINARY_DIR}/clang++")
set(WEAKIFY_CLANG_TIDY "${LLVM_TOOLS_BINARY_DIR}/clang-tidy")
set(WEAKIFY_APPLY_REPLACEMENTS "${LLVM_TOOLS_BINARY_DIR}/clang-apply-replacements")
find_program(WEAKIFY_LIT NAMES lit lit.py
  PATHS "${LLVM_TOOLS_BINARY_DIR}" "${_weakify_llvm_prefix}/build/utils/lit"
  NO_DEFAULT_PATH REQUIRED)
find_program(WEAKIFY_FILECHECK FileCheck PATHS "${LLVM_TOOLS_BINARY_DIR}" NO_DEFAULT_PATH REQUIRED)
set(WEAKIFY_CLANG_FORMAT "${LLVM_TOOLS_BINARY_DIR}/clang-format")
