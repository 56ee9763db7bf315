// weakref::audit output: the stderr table, the JSON of $WEAKIFY_AUDIT, and
// a file that cannot be written. The exit report itself (environment,
// several units, exit status) is checked by the audit-exit ctest.
#include <weakref/audit.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

namespace audit = weakref::audit;
using audit::detail::row;
using audit::detail::snapshot;

row make_row(const char* check, const char* file, unsigned line, const char* name,
             std::uint64_t retained, std::uint64_t peak, std::uint64_t total,
             std::vector<unsigned> groups = {}) {
  row r;
  r.check = check;
  r.file = file;
  r.line = line;
  r.name = name;
  r.retained = retained;
  r.peak = peak;
  r.total = total;
  r.cycle_groups = std::move(groups);
  return r;
}

snapshot example() {
  snapshot shot;
  shot.rows.push_back(make_row("weakify-owning-cache", "/abs/asset_loader.cpp", 32,
                               "AssetLoader::Cache", 1000, 1000, 1001));
  shot.rows.push_back(make_row("weakify-ownership-cycle", "/abs/tree.cpp", 7, "Node::Parent", 15,
                               4, 12, {1, 2}));
  shot.rows.push_back(make_row("weakify-owning-observers", "/abs/tree.cpp", 9, "Node::Listeners",
                               0, 3, 8));
  return shot;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// What write_report printed to its error stream.
std::string read_back(std::FILE* f) {
  std::rewind(f);
  std::string text;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, f)) text += buffer;
  return text;
}

std::string temp_path(const char* name) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/" + name + "-" + std::to_string(getpid());
}

TEST(AuditOutput, JsonIsExact) {
  EXPECT_EQ(audit::detail::to_json(example()),
            "{\"version\":1,\"sites\":["
            "{\"check\":\"weakify-owning-cache\",\"file\":\"/abs/asset_loader.cpp\",\"line\":32,"
            "\"name\":\"AssetLoader::Cache\",\"retained\":1000,\"peak\":1000,\"total\":1001,"
            "\"status\":\"leaking\"},"
            "{\"check\":\"weakify-ownership-cycle\",\"file\":\"/abs/tree.cpp\",\"line\":7,"
            "\"name\":\"Node::Parent\",\"retained\":15,\"peak\":4,\"total\":12,"
            "\"status\":\"leaking\",\"cycle_groups\":[1,2]},"
            "{\"check\":\"weakify-owning-observers\",\"file\":\"/abs/tree.cpp\",\"line\":9,"
            "\"name\":\"Node::Listeners\",\"retained\":0,\"peak\":3,\"total\":8,"
            "\"status\":\"clean\"}"
            "]}\n");
  EXPECT_EQ(audit::detail::to_json(snapshot{}), "{\"version\":1,\"sites\":[]}\n");
}

TEST(AuditOutput, JsonEscapesStrings) {
  snapshot shot;
  shot.rows.push_back(make_row("c", "/a \"b\"\\c\n\x01.cpp", 1, "ns::f()::\tx\xc3\xa9", 0, 0, 0));
  EXPECT_EQ(audit::detail::to_json(shot),
            "{\"version\":1,\"sites\":[{\"check\":\"c\",\"file\":\"/a \\\"b\\\"\\\\c\\n\\u0001.cpp\","
            "\"line\":1,\"name\":\"ns::f()::\\tx\xc3\xa9\",\"retained\":0,\"peak\":0,\"total\":0,"
            "\"status\":\"clean\"}]}\n");
}

TEST(AuditOutput, TableListsLeaksByRetainedThenSumsCleanSites) {
  EXPECT_EQ(audit::detail::to_table(example()),
            "weakify audit: 2 of 3 sites kept objects alive for nobody\n"
            "  retained  peak  total  check                    site\n"
            "      1000  1000   1001  weakify-owning-cache     /abs/asset_loader.cpp:32  "
            "AssetLoader::Cache\n"
            "        15     4     12  weakify-ownership-cycle  /abs/tree.cpp:7           "
            "Node::Parent\n"
            "  1 site clean\n");
  snapshot clean;
  clean.rows.push_back(make_row("weakify-owning-cache", "/f.cpp", 1, "A", 0, 1, 1));
  EXPECT_EQ(audit::detail::to_table(clean),
            "weakify audit: 0 of 1 site kept objects alive for nobody\n"
            "  1 site clean\n");
  EXPECT_EQ(audit::detail::to_table(snapshot{}), "");
}

TEST(AuditOutput, WritesTableAndJsonFile) {
  const std::string path = temp_path("weakify-audit-output.json");
  std::FILE* err = std::tmpfile();
  ASSERT_NE(err, nullptr);
  audit::detail::destination to;
  to.json_path = path.c_str();
  audit::detail::write_report(example(), to, err);
  EXPECT_EQ(read_back(err), audit::detail::to_table(example()));
  EXPECT_EQ(read_file(path), audit::detail::to_json(example()));
  std::fclose(err);
  std::remove(path.c_str());
}

TEST(AuditOutput, QuietWritesOnlyTheFile) {
  const std::string path = temp_path("weakify-audit-quiet.json");
  std::FILE* err = std::tmpfile();
  ASSERT_NE(err, nullptr);
  audit::detail::destination to;
  to.json_path = path.c_str();
  to.quiet = true;
  audit::detail::write_report(example(), to, err);
  EXPECT_EQ(read_back(err), "");
  EXPECT_EQ(read_file(path), audit::detail::to_json(example()));
  std::fclose(err);
  std::remove(path.c_str());
}

TEST(AuditOutput, UnwritableFileCostsOneLine) {
  std::FILE* err = std::tmpfile();
  ASSERT_NE(err, nullptr);
  audit::detail::destination to;
  to.json_path = "/nonexistent-weakify-dir/audit.json";
  to.quiet = true;
  audit::detail::write_report(example(), to, err);
  EXPECT_EQ(read_back(err),
            "weakify audit: cannot write '/nonexistent-weakify-dir/audit.json': "
            "No such file or directory\n");
  std::fclose(err);
}

TEST(AuditOutput, DestinationFromEnvironment) {
  ASSERT_EQ(::setenv("WEAKIFY_AUDIT", "", 1), 0);
  ASSERT_EQ(::setenv("WEAKIFY_AUDIT_QUIET", "0", 1), 0);
  auto d = audit::detail::destination_from_environment();
  EXPECT_TRUE(d.json_path.empty());
  EXPECT_FALSE(d.quiet);
  ASSERT_EQ(::setenv("WEAKIFY_AUDIT", "/tmp/x.json", 1), 0);
  ASSERT_EQ(::setenv("WEAKIFY_AUDIT_QUIET", "1", 1), 0);
  d = audit::detail::destination_from_environment();
  EXPECT_EQ(d.json_path, "/tmp/x.json");
  // %p is the process id: each process of a test suite writes its own.
  ASSERT_EQ(::setenv("WEAKIFY_AUDIT", "/tmp/a-%p.json", 1), 0);
  EXPECT_EQ(audit::detail::destination_from_environment().json_path,
            "/tmp/a-" + std::to_string(::getpid()) + ".json");
  EXPECT_TRUE(d.quiet);
  ::unsetenv("WEAKIFY_AUDIT");
  ::unsetenv("WEAKIFY_AUDIT_QUIET");
}

// A measured site, through to the JSON: sorted by file, line, check, name,
// and a cycle-edge container site that closed no cycle under its own check
// only.
struct weakify_audit_site_20_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/output-z.cpp", 20, "Z", ::weakref::audit::site_kind::owning_container, false}; } };
struct weakify_audit_site_10_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-observers", "/abs/output-z.cpp", 10, "Y", ::weakref::audit::site_kind::owning_container, true}; } };

TEST(AuditOutput, MeasuredSitesInJsonOrder) {
  audit::tracked<std::map<int, std::shared_ptr<int>>, weakify_audit_site_20_1> z;
  audit::tracked<std::vector<std::shared_ptr<int>>, weakify_audit_site_10_1> y;
  z[1] = std::make_shared<int>(1);
  // Shared when they come in (an observer list does not own them), then
  // held by nobody else.
  auto two = std::make_shared<int>(2), three = std::make_shared<int>(3);
  y.push_back(two);
  y.push_back(three);
  two.reset();
  three.reset();
  snapshot measured =
      audit::detail::measure(audit::detail::registry::instance(), false, false);
  snapshot mine;
  for (const row& r : measured.rows)
    if (std::string(r.file) == "/abs/output-z.cpp") mine.rows.push_back(r);
  EXPECT_EQ(audit::detail::to_json(mine),
            "{\"version\":1,\"sites\":["
            "{\"check\":\"weakify-owning-observers\",\"file\":\"/abs/output-z.cpp\",\"line\":10,"
            "\"name\":\"Y\",\"retained\":2,\"peak\":2,\"total\":2,\"status\":\"leaking\"},"
            "{\"check\":\"weakify-owning-cache\",\"file\":\"/abs/output-z.cpp\",\"line\":20,"
            "\"name\":\"Z\",\"retained\":1,\"peak\":1,\"total\":1,\"status\":\"leaking\"}"
            "]}\n");
}

}  // namespace
