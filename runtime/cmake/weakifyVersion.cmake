# weakify's version, in one place: the top-level project, the runtime
# configured alone or as a subproject, the CMake package and the .debs.
set(WEAKIFY_VERSION 0.1.0)
