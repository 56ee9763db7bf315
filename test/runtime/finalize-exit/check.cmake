# Runs the finalize-exit program (PROGRAM) and checks the order of what it
# writes at exit, stdout and stderr merged (CPython's test_atexit): the exit
# run sits between the atexit handlers registered after and before the first
# finalizer, runs newest first, runs a finalizer made during the run next,
# reports each exception on stderr through the default handler and goes on;
# the exit status stays the program's; quick_exit runs nothing. Run with
# cmake -P.
foreach(var PROGRAM)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check.cmake: ${var} is not set")
  endif()
endforeach()
set(failed "")

set(in_main "died in main\ncalled in main\nmain ends\n")
set(at_exit
  "atexit handler registered after\n"
  "anchor\n"
  "f4 foobar\n"
  "f3 error\n"
  "weakref: exception ignored in callback: division by zero\n"
  "g1\n"
  "f1 foobar\n"
  "f0 error\n"
  "weakref: exception ignored in callback: f0 failed\n"
  "atexit handler registered before\n")
string(CONCAT at_exit ${at_exit})

# mode, expected exit status, expected merged output
function(check mode want_status want_output)
  # The same variable for both pipes: merged in the order produced.
  execute_process(COMMAND "${PROGRAM}" ${mode} RESULT_VARIABLE status
                  OUTPUT_VARIABLE merged ERROR_VARIABLE merged)
  if(NOT status STREQUAL "${want_status}")
    list(APPEND failed "${mode}: exit status ${status}, not ${want_status}")
  endif()
  if(NOT merged STREQUAL want_output)
    list(APPEND failed "${mode}: output\n${merged}expected\n${want_output}")
  endif()
  set(failed "${failed}" PARENT_SCOPE)
endfunction()

check(return 0 "${in_main}${at_exit}")
check(exit3 3 "${in_main}${at_exit}")
check(quick_exit 0 "${in_main}")

# The streams apart: what CPython's test checks (out is the printed lines,
# the exception is in err).
execute_process(COMMAND "${PROGRAM}" RESULT_VARIABLE status
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(want_out "${in_main}atexit handler registered after\nanchor\nf4 foobar\nf3 error\ng1\nf1 foobar\nf0 error\natexit handler registered before\n")
set(want_err "weakref: exception ignored in callback: division by zero\nweakref: exception ignored in callback: f0 failed\n")
if(NOT out STREQUAL want_out)
  list(APPEND failed "stdout:\n${out}expected\n${want_out}")
endif()
if(NOT err STREQUAL want_err)
  list(APPEND failed "stderr:\n${err}expected\n${want_err}")
endif()

if(failed)
  string(REPLACE ";" "\n" report "${failed}")
  message(FATAL_ERROR "${report}")
endif()
message(STATUS "finalizers run at exit newest first, exceptions reported, the others still run")
