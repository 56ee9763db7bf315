# Installs the analyzer of one LLVM major (component `analyzer`, package
# weakify-llvmNN): the tool as bin/weakify-NN, the compiler plugin and the
# clang-tidy module in lib/weakify/, and weakify-llvmNN.cmake beside the
# runtime's CMake package. Every file name carries the major, so several
# majors share a prefix. Included by plugin/CMakeLists.txt.
include(GNUInstallDirs)

set(WEAKIFY_INSTALL_PLUGINDIR "${CMAKE_INSTALL_LIBDIR}/weakify" CACHE STRING
    "Where the compiler plugin and clang-tidy module are installed, relative to the prefix")

# "<prefix>/DIR" for a relative DIR; an absolute DIR stays as it is.
function(_weakify_from_prefix out dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out} "${dir}" PARENT_SCOPE)
  else()
    set(${out} "<prefix>/${dir}" PARENT_SCOPE)
  endif()
endfunction()

# The installed plugin includes the installed runtime headers in instrument
# mode: it finds them from its own directory (plugin/instrument/InstrumentUnit.cpp).
file(RELATIVE_PATH _weakify_plugin_to_include
  "${CMAKE_INSTALL_PREFIX}/${WEAKIFY_INSTALL_PLUGINDIR}"
  "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
if(NOT IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}" AND NOT IS_ABSOLUTE "${WEAKIFY_INSTALL_PLUGINDIR}")
  target_compile_definitions(weakifyPlugin PRIVATE
    WEAKIFY_INSTALLED_RUNTIME_INCLUDE="${_weakify_plugin_to_include}")
endif()

if(NOT WEAKIFY_INSTALL)
  return()
endif()

set(_weakify_major "${LLVM_VERSION_MAJOR}")
install(TARGETS weakifyPlugin weakifyTidy
        LIBRARY DESTINATION ${WEAKIFY_INSTALL_PLUGINDIR} COMPONENT analyzer)
# The build tree's tool is bin/weakify (tests and docs use it); installed,
# it takes the major in its name. install(PROGRAMS) neither drops the build
# tree's RUNPATH nor strips: do both as install(TARGETS) would (the
# RUNPATH would also point dpkg-shlibdeps at llvm-NN-dev's symlinks
# instead of libllvmNN).
install(PROGRAMS $<TARGET_FILE:weakify> DESTINATION ${CMAKE_INSTALL_BINDIR}
        RENAME weakify-${_weakify_major} COMPONENT analyzer)
if(IS_ABSOLUTE "${CMAKE_INSTALL_BINDIR}")
  set(_weakify_tool "${CMAKE_INSTALL_BINDIR}/weakify-${_weakify_major}")
else()
  set(_weakify_tool "\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/weakify-${_weakify_major}")
endif()
if(CMAKE_INSTALL_RPATH)
  set(_weakify_rpath "file(RPATH_SET FILE \"\$ENV{DESTDIR}${_weakify_tool}\" NEW_RPATH \"${CMAKE_INSTALL_RPATH}\")")
else()
  set(_weakify_rpath "file(RPATH_REMOVE FILE \"\$ENV{DESTDIR}${_weakify_tool}\")")
endif()
set(_weakify_strip "")
if(CMAKE_STRIP)
  set(_weakify_strip "
  if(CMAKE_INSTALL_DO_STRIP)
    execute_process(COMMAND \"${CMAKE_STRIP}\" \"\$ENV{DESTDIR}${_weakify_tool}\")
  endif()")
endif()
install(CODE "${_weakify_rpath}${_weakify_strip}" COMPONENT analyzer)

# weakify-llvmNN.cmake finds the files relative to itself: the package
# works from any prefix (and from a .deb extracted anywhere).
set(WEAKIFY_MAJOR "${_weakify_major}")
file(RELATIVE_PATH WEAKIFY_CMAKEDIR_TO_PREFIX
  "${CMAKE_INSTALL_PREFIX}/${WEAKIFY_INSTALL_CMAKEDIR}" "${CMAKE_INSTALL_PREFIX}")
_weakify_from_prefix(WEAKIFY_BINDIR_FROM_PREFIX "${CMAKE_INSTALL_BINDIR}")
_weakify_from_prefix(WEAKIFY_PLUGINDIR_FROM_PREFIX "${WEAKIFY_INSTALL_PLUGINDIR}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/weakify-llvm.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/weakify-llvm${_weakify_major}.cmake @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/weakify-llvm${_weakify_major}.cmake
        DESTINATION ${WEAKIFY_INSTALL_CMAKEDIR} COMPONENT analyzer)
