# Runs the audit-exit program (PROGRAM) three ways and checks what its exit
# report writes: the JSON file ($WEAKIFY_AUDIT) equals EXPECTED, the stderr
# table comes once although two units include the header, an unwritable
# file costs exactly one line, WEAKIFY_AUDIT_QUIET silences the table, and
# the exit status stays the program's (3). Run with cmake -P.
foreach(var PROGRAM EXPECTED WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check.cmake: ${var} is not set")
  endif()
endforeach()
file(MAKE_DIRECTORY "${WORK_DIR}")
set(json "${WORK_DIR}/audit.json")
file(REMOVE "${json}")
set(failed "")

function(run_program)
  execute_process(COMMAND "${PROGRAM}" RESULT_VARIABLE status
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(status "${status}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

# 1. Table on stderr and the JSON file.
set(ENV{WEAKIFY_AUDIT} "${json}")
unset(ENV{WEAKIFY_AUDIT_QUIET})
run_program()
if(NOT status EQUAL 3)
  list(APPEND failed "exit status ${status}, not 3")
endif()
file(READ "${EXPECTED}" expected)
if(EXISTS "${json}")
  file(READ "${json}" actual)
else()
  set(actual "(no file)")
endif()
if(NOT actual STREQUAL expected)
  list(APPEND failed "JSON differs:\n${actual}\nexpected:\n${expected}")
endif()
string(REGEX MATCHALL "weakify audit: [^\n]*" headers "${err}")
list(LENGTH headers count)
if(NOT count EQUAL 1 OR NOT err MATCHES
   "^weakify audit: 5 of 7 sites kept objects alive for nobody\n")
  list(APPEND failed "stderr does not start with one header line:\n${err}")
endif()
foreach(line
    "      1000  1000   1001  weakify-owning-cache     /abs/leaky.hpp:10  AssetLoader::Cache\n"
    "  2 sites clean\n")
  string(FIND "${err}" "${line}" at)
  if(at EQUAL -1)
    list(APPEND failed "stderr lacks '${line}':\n${err}")
  endif()
endforeach()

# 2. A file that cannot be written: one line, same exit status.
set(ENV{WEAKIFY_AUDIT} "/nonexistent-weakify-dir/audit.json")
set(ENV{WEAKIFY_AUDIT_QUIET} "1")
run_program()
set(want "weakify audit: cannot write '/nonexistent-weakify-dir/audit.json': No such file or directory\n")
if(NOT status EQUAL 3 OR NOT err STREQUAL want)
  list(APPEND failed "unwritable file: status ${status}, stderr:\n${err}")
endif()

# 3. Quiet and no file: nothing at all.
unset(ENV{WEAKIFY_AUDIT})
run_program()
if(NOT status EQUAL 3 OR NOT err STREQUAL "")
  list(APPEND failed "quiet: status ${status}, stderr:\n${err}")
endif()

if(failed)
  string(REPLACE ";" "\n" report "${failed}")
  message(FATAL_ERROR "${report}")
endif()
message(STATUS "the exit report is written once, after the static destructors")
