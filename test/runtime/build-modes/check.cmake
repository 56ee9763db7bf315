# Compiles and runs every_container.cpp with each compiler in COMPILERS
# (a ;-list) under -fno-exceptions, -fno-rtti and both, with
# -Wall -Wextra -Werror, and likewise death_hooks.cpp (ref callbacks,
# finalizers and death notices, which need neither RTTI nor exceptions).
# Run with cmake -P.
foreach(var COMPILERS INCLUDE_DIR SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check.cmake: ${var} is not set")
  endif()
endforeach()
file(MAKE_DIRECTORY "${WORK_DIR}")
set(modes "plain" "-fno-exceptions" "-fno-rtti" "-fno-exceptions;-fno-rtti")
set(failed "")
foreach(compiler IN LISTS COMPILERS)
  get_filename_component(name "${compiler}" NAME)
  foreach(mode IN LISTS modes)
    set(flags ${mode})
    if(mode STREQUAL "plain")
      set(flags "")
    endif()
    string(REPLACE ";" "" tag "${name}${mode}")
    foreach(source every_container death_hooks)
      set(program "${WORK_DIR}/${source}-${tag}")
      execute_process(
        COMMAND "${compiler}" -std=c++17 -Wall -Wextra -Werror ${flags}
                "-I${INCLUDE_DIR}" "${SOURCE_DIR}/${source}.cpp"
                -o "${program}" -pthread
        RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
      if(NOT status EQUAL 0)
        list(APPEND failed "${name} ${mode} ${source}.cpp: does not compile:\n${out}")
        continue()
      endif()
      execute_process(COMMAND "${program}" RESULT_VARIABLE status
                      ERROR_VARIABLE out)
      if(NOT status EQUAL 0)
        list(APPEND failed "${name} ${mode} ${source}.cpp: runs wrong:\n${out}")
      endif()
    endforeach()
  endforeach()
endforeach()
if(failed)
  string(REPLACE ";" "\n" report "${failed}")
  message(FATAL_ERROR "${report}")
endif()
list(LENGTH COMPILERS count)
message(STATUS "every mode compiles and runs with ${count} compilers")
