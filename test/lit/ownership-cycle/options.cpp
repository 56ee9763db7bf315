// The words that mark a back reference are an option: code that calls its
// upward links `up` can say so.
// RUN: %clang_tidy_weakify %s -- -std=c++17 2>/dev/null | count 0
// RUN: %clang_tidy_weakify %s -config="{CheckOptions: {weakify-ownership-cycle.BackReferenceNames: 'up;parent'}}" -- -std=c++17 2>/dev/null | FileCheck %s
// RUN: %clang_plugin -fsyntax-only %s 2>&1 | count 0
// RUN: %clang_plugin -fsyntax-only -fplugin-arg-weakify-weakify-ownership-cycle.BackReferenceNames=up %s 2>&1 | FileCheck %s
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/options.cpp
// RUN: echo '[{"directory": "%t", "file": "%t/options.cpp", "command": "clang++ -std=c++17 -c options.cpp"}]' > %t/compile_commands.json
// RUN: %weakify -p %t 2>/dev/null | count 0
// RUN: %weakify -p %t --option=weakify-ownership-cycle.BackReferenceNames=Up 2>/dev/null | FileCheck %s
// RUN: %clang_tidy_weakify --dump-config %s -- | FileCheck %s --check-prefix=DUMP
// DUMP: weakify-ownership-cycle.BackReferenceNames: 'parent;owner;prev;previous;back;delegate;observer;listener;outer;host;container;creator'
// DUMP: weakify-ownership-cycle.MaxCycleLength: '4'

#include <memory>
#include <vector>

struct Frame {
  std::vector<std::shared_ptr<Frame>> inner;
  std::shared_ptr<Frame> up;
  // CHECK: :[[@LINE-1]]:26: warning: 'up' closes an ownership cycle (Frame --inner--> Frame --up--> Frame)
};
