# Debian packages: `cpack -G DEB` in a build directory writes
#   weakify-runtime_<version>-1_all.deb     headers, CMake package, docs
#   weakify-llvmNN_<version>-1_<arch>.deb   the analyzer of the build's
#                                           LLVM major (analyzer builds only)
# The analyzer packages of several majors install side by side; each needs
# the runtime package of the same version.
set(WEAKIFY_PACKAGE_MAINTAINER "weakify maintainers <maintainers@weakify.invalid>" CACHE STRING
    "Maintainer written into the .deb packages")

set(CPACK_PACKAGE_NAME weakify)
set(CPACK_PACKAGE_VENDOR weakify)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Each package's description below starts with its own synopsis line, so
# CPACK_PACKAGE_DESCRIPTION_SUMMARY (prepended to it when set) stays unset.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${WEAKIFY_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(_weakify_deb_version "${CPACK_PACKAGE_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")

set(CPACK_COMPONENTS_ALL runtime)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME weakify-runtime)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SUGGESTS "cmake")
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
"weak containers for C++17 (weakify runtime, header-only)
The weakref runtime: value_map, key_map, set, cache, ref, finalize and the
run-time audit of instrument mode, in namespace weakref. Includes the CMake
package weakify (find_package(weakify), the target weakify::runtime and
weakify_enable() for the analyzer) and weakify's documentation.")

if(WEAKIFY_BUILD_ANALYZER)
  set(_weakify_major "${LLVM_VERSION_MAJOR}")
  list(APPEND CPACK_COMPONENTS_ALL analyzer)
  set(CPACK_DEBIAN_ANALYZER_PACKAGE_NAME "weakify-llvm${_weakify_major}")
  set(CPACK_DEBIAN_ANALYZER_PACKAGE_SHLIBDEPS ON)
  # The plugin and module load into these programs; the tool reads the
  # compiler's resource directory (stddef.h & co.) from libclang-common.
  set(CPACK_DEBIAN_ANALYZER_PACKAGE_DEPENDS
      "weakify-runtime (= ${_weakify_deb_version}), clang-${_weakify_major}, clang-tidy-${_weakify_major}, libclang-common-${_weakify_major}-dev")
  set(CPACK_DEBIAN_ANALYZER_PACKAGE_SUGGESTS "clang-tools-${_weakify_major}")
  set(CPACK_DEBIAN_ANALYZER_DESCRIPTION
"weakify analyzer for LLVM ${_weakify_major}: leaks from ownership that should be weak
Finds shared_ptr caches that never let go, owning observer lists, identity
side tables, ownership cycles and self-capturing callbacks, and rewrites
them to the weakref runtime. Installs the tool weakify-${_weakify_major}, the
clang-${_weakify_major} compiler plugin and the clang-tidy-${_weakify_major} module
(lib/weakify/), and their part of the CMake package.")
endif()

include(CPack)
