# lit configuration for weakify's analyzer tests. Paths come from
# lit.site.cfg.py, which CMake writes into the build tree.
import os
import shutil
import lit.formats

config.name = "weakify-llvm" + config.llvm_major
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.weakify_build_dir, "test", "lit")

# FileCheck, not and count from this LLVM major, never the machine default.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environ_path])
for name in ("WEAKIFY_CLANG_TIDY", "WEAKIFY_TIDY_MODULE", "WEAKIFY_CLANGXX",
             "WEAKIFY_PLUGIN", "WEAKIFY_TOOL", "WEAKIFY_APPLY_REPLACEMENTS"):
    config.environment[name] = getattr(config, name.lower())

frontends = "%s %s" % (config.python, os.path.join(config.test_source_root, "frontends.py"))
tidy = "%s --load=%s --checks=-*,weakify-*" % (config.weakify_clang_tidy,
                                                 config.weakify_tidy_module)
config.substitutions += [
    ("%frontends", frontends),
    ("%clang_tidy_weakify", tidy),
    # Longer names first: lit substitutes in order.
    ("%clang_plugin_c", "%s -fplugin=%s" % (config.weakify_clangxx[:-2],
                                            config.weakify_plugin)),
    ("%clang_plugin", "%s -std=c++17 -fplugin=%s" % (config.weakify_clangxx,
                                                     config.weakify_plugin)),
    ("%clangxx", config.weakify_clangxx + " -std=c++17"),
    ("%weakify", config.weakify_tool),
    ("%plugin_path", config.weakify_plugin),
    ("%apply_replacements", config.weakify_apply_replacements),
    ("%runtime_include", config.runtime_include),
    ("%python", config.python),
    # May end in -NOTFOUND: the SARIF tests then fail and say what to run.
    ("%sarif_multitool", config.sarif_multitool),
    # May end in -NOTFOUND: the HTML browser test then fails and says why.
    ("%chromium", config.weakify_chromium),
]

# Build engines the whole-program tests drive when they are installed.
for tool, feature in (("ccache", "ccache"), ("distccd", "distcc")):
    if shutil.which(tool):
        config.available_features.add(feature)
