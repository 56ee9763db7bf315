// StoringFunctions names the functions, known only by their declaration,
// that keep the callable they are given.
// RUN: %clang_tidy_weakify %s -- -std=c++17 2>/dev/null | count 0
// RUN: %clang_tidy_weakify %s -config="{CheckOptions: {weakify-self-capture.StoringFunctions: '^watch$'}}" -- -std=c++17 2>/dev/null | FileCheck %s
// RUN: %clang_plugin -fsyntax-only %s 2>&1 | count 0
// RUN: %clang_plugin -fsyntax-only '-fplugin-arg-weakify-weakify-self-capture.StoringFunctions=^watch$' %s 2>&1 | FileCheck %s
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/options.cpp
// RUN: echo '[{"directory": "%t", "file": "%t/options.cpp", "command": "clang++ -std=c++17 -c options.cpp"}]' > %t/compile_commands.json
// RUN: %weakify -p %t 2>/dev/null | count 0
// RUN: %weakify -p %t '--option=weakify-self-capture.StoringFunctions=^watch$' 2>/dev/null | FileCheck %s
// RUN: %clang_tidy_weakify --dump-config %s -- | FileCheck %s --check-prefix=DUMP
// DUMP: weakify-self-capture.StoringFunctions: '^(subscribe|[Ss]et_?[A-Za-z_]*([Cc]allback|[Hh]andler|[Ll]istener|[Oo]bserver|[Hh]ook)|[Aa]dd_?[A-Za-z_]*([Cc]allback|[Hh]andler|[Ll]istener|[Oo]bserver|[Hh]ook))$'

#include <functional>
#include <memory>

// Defined in another library; its name says nothing by default.
class FileMonitor {
public:
  void watch(std::function<void()> OnChange);
};

class Editor : public std::enable_shared_from_this<Editor> {
public:
  void open() {
    Monitor.watch([self = shared_from_this()] { self->reload(); });
    // CHECK: options.cpp:[[@LINE-1]]:20: warning: 'Editor' owns 'Monitor', which keeps the lambda handed to its 'watch'
  }
  void reload() {}

private:
  FileMonitor Monitor;
};
