// The name hints are options: code where sinks are observers can say so.
// RUN: %clang_tidy_weakify %s -- -std=c++17 2>/dev/null | count 0
// RUN: %clang_tidy_weakify %s -config="{CheckOptions: {weakify-owning-observers.SubscribeNames: 'sink'}}" -- -std=c++17 2>/dev/null | FileCheck %s
// RUN: %clang_plugin -fsyntax-only %s 2>&1 | count 0
// RUN: %clang_plugin -fsyntax-only -fplugin-arg-weakify-weakify-owning-observers.SubscribeNames=sink %s 2>&1 | FileCheck %s
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/options.cpp
// RUN: echo '[{"directory": "%t", "file": "%t/options.cpp", "command": "clang++ -std=c++17 -c options.cpp"}]' > %t/compile_commands.json
// RUN: %weakify -p %t 2>/dev/null | count 0
// RUN: %weakify -p %t --option=weakify-owning-observers.SubscribeNames=sink 2>/dev/null | FileCheck %s
// RUN: %clang_tidy_weakify --dump-config %s -- | FileCheck %s --check-prefix=DUMP
// DUMP: weakify-owning-observers.ContainerTypes: '::std::vector;::std::list;::std::deque;::std::forward_list;::std::set;::std::unordered_set;::absl::InlinedVector;{{.*}};::QList;::QVector;::QSet;::QLinkedList'
// DUMP: weakify-owning-observers.ObserverTypeNames: 'listener|observer|subscriber|watcher|delegate|consumer'
// DUMP: weakify-owning-observers.SubscribeNames: 'subscribe|listener|observer|watcher|delegate|connect'

#include <memory>
#include <vector>

struct Display {
  void show(int) {}
};

class Sensor {
public:
  void addSink(std::shared_ptr<Display> D) { Displays.push_back(D); }
  void publish(int Value) {
    for (auto &D : Displays)
      D->show(Value);
  }

private:
  std::vector<std::shared_ptr<Display>> Displays;
  // CHECK: options.cpp:[[@LINE-1]]:41: warning: observer list 'Displays' keeps every 'Display' subscribed through 'addSink' alive
};
