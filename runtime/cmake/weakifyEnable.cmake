# weakify_enable(<target> [CHECKS globs...] [WERROR] [FACTS] [INSTRUMENT])
#
# Turns weakify's compiler plugin on for the C++ sources of <target>: the
# plugin installed for the major of the C++ compiler, which must be a Clang
# with an installed analyzer. Included by weakifyConfig.cmake, which records
# the installed plugins in global properties (WEAKIFY_LLVM_MAJORS,
# WEAKIFY_LLVMNN_PLUGIN).
#
#   CHECKS globs   the checks to run (-fplugin-arg-weakify-checks), e.g.
#                  `CHECKS weakify-owning-cache weakify-self-capture` or
#                  `CHECKS -* weakify-owning-*`; default: every check
#   WERROR         weakify's findings are errors: the build fails on them
#   FACTS          each object file carries its unit's facts for
#                  `weakify report` (whole-program mode)
#   INSTRUMENT     build the audited program instead of analysing
#                  (docs/instrument.md); CHECKS, WERROR and FACTS do not
#                  apply to it

# The LLVM major of the C++ compiler when it is a Clang, else "".
function(_weakify_compiler_major out)
  set(major "")
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION)
    string(REGEX MATCH "^[0-9]+" major "${CMAKE_CXX_COMPILER_VERSION}")
  endif()
  set(${out} "${major}" PARENT_SCOPE)
endfunction()

# Sets WEAKIFY_LLVM_MAJOR and the WEAKIFY_EXECUTABLE, WEAKIFY_PLUGIN and
# WEAKIFY_TIDY_MODULE paths in the caller's scope.
macro(_weakify_choose_default_major)
  _weakify_compiler_major(_weakify_compiler)
  if(_weakify_compiler IN_LIST WEAKIFY_LLVM_MAJORS)
    set(WEAKIFY_LLVM_MAJOR "${_weakify_compiler}")
  elseif(WEAKIFY_LLVM_MAJORS)
    list(GET WEAKIFY_LLVM_MAJORS -1 WEAKIFY_LLVM_MAJOR)
  else()
    set(WEAKIFY_LLVM_MAJOR "")
  endif()
  foreach(_weakify_piece EXECUTABLE PLUGIN TIDY_MODULE)
    if(WEAKIFY_LLVM_MAJOR)
      set(WEAKIFY_${_weakify_piece} "${WEAKIFY_LLVM${WEAKIFY_LLVM_MAJOR}_${_weakify_piece}}")
    else()
      set(WEAKIFY_${_weakify_piece} "WEAKIFY_${_weakify_piece}-NOTFOUND")
    endif()
  endforeach()
  unset(_weakify_compiler)
  unset(_weakify_piece)
endmacro()

function(weakify_enable target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "WERROR;FACTS;INSTRUMENT" "" "CHECKS")
  set(usage "usage: weakify_enable(<target> [CHECKS globs...] [WERROR] [FACTS] [INSTRUMENT])")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "weakify_enable(${target}): unexpected '${ARG_UNPARSED_ARGUMENTS}'; ${usage}")
  endif()
  if("CHECKS" IN_LIST ARG_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "weakify_enable(${target}): CHECKS needs at least one glob; ${usage}")
  endif()
  if(NOT TARGET "${target}")
    message(FATAL_ERROR "weakify_enable(${target}): no target '${target}'")
  endif()
  get_target_property(type "${target}" TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    message(FATAL_ERROR "weakify_enable(${target}): an INTERFACE library compiles nothing; "
                        "enable weakify on the targets that compile its sources")
  endif()
  if(ARG_INSTRUMENT AND (ARG_CHECKS OR ARG_WERROR OR ARG_FACTS))
    message(FATAL_ERROR "weakify_enable(${target}): INSTRUMENT builds the audited program and "
                        "does not analyse; CHECKS, WERROR and FACTS do not apply to it")
  endif()

  # A plugin only loads into the Clang major it was built for.
  _weakify_compiler_major(major)
  get_property(WEAKIFY_LLVM_MAJORS GLOBAL PROPERTY WEAKIFY_LLVM_MAJORS)
  if(NOT major OR NOT major IN_LIST WEAKIFY_LLVM_MAJORS)
    set(package "weakify-llvmNN for your Clang")
    if(major)
      set(package "weakify-llvm${major}")
    endif()
    if(WEAKIFY_LLVM_MAJORS)
      list(JOIN WEAKIFY_LLVM_MAJORS ", " installed)
      list(GET WEAKIFY_LLVM_MAJORS -1 newest)
      string(CONCAT hint "weakify's analyzer is installed for LLVM ${installed}: configure with "
                         "-DCMAKE_CXX_COMPILER=clang++-${newest}, or install ${package}")
    else()
      string(CONCAT hint "no weakify analyzer is installed next to this package "
                         "(${CMAKE_CURRENT_FUNCTION_LIST_DIR}): install ${package}")
    endif()
    message(FATAL_ERROR "weakify_enable(${target}): the C++ compiler is "
                        "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION} (${CMAKE_CXX_COMPILER}), "
                        "not a Clang whose major has an installed weakify plugin. ${hint}")
  endif()

  get_property(plugin GLOBAL PROPERTY WEAKIFY_LLVM${major}_PLUGIN)
  set(options "-fplugin=${plugin}")
  if(ARG_CHECKS)
    list(JOIN ARG_CHECKS "," globs)
    list(APPEND options "-fplugin-arg-weakify-checks=${globs}")
  endif()
  if(ARG_WERROR)
    list(APPEND options "-fplugin-arg-weakify-warnings-as-errors")
  endif()
  if(ARG_FACTS)
    list(APPEND options "-fplugin-arg-weakify-facts")
  endif()
  if(ARG_INSTRUMENT)
    list(APPEND options "-fplugin-arg-weakify-instrument")
  endif()
  # Only C++ units: the checks and the audit are about C++ code, and a C
  # compiler of another kind may share the target.
  foreach(option IN LISTS options)
    string(REPLACE "," "$<COMMA>" option "${option}")
    target_compile_options("${target}" PRIVATE "$<$<COMPILE_LANGUAGE:CXX>:${option}>")
  endforeach()
endfunction()
