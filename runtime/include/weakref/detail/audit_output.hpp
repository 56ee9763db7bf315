// weakref/detail/audit_output.hpp - a snapshot as the stderr table and as
// the JSON file named by $WEAKIFY_AUDIT.
//
// Output never fails the program: a file that cannot be written costs one
// line on stderr, and nothing else changes (no abort, same exit status).
#ifndef WEAKREF_DETAIL_AUDIT_OUTPUT_HPP
#define WEAKREF_DETAIL_AUDIT_OUTPUT_HPP

#include <weakref/detail/audit_snapshot.hpp>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <unistd.h>

namespace weakref {
namespace audit {
namespace detail {

inline void append_json_string(std::string& out, const char* text) {
  static const char hex[] = "0123456789abcdef";
  out += '"';
  for (const char* c = text; *c; ++c) {
    const unsigned char u = static_cast<unsigned char>(*c);
    switch (u) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += hex[u >> 4];
          out += hex[u & 15];
        } else {
          out += *c;  // UTF-8 passes through
        }
    }
  }
  out += '"';
}

// {"version":1,"sites":[...]}, one object per row, in the snapshot's order.
inline std::string to_json(const snapshot& shot) {
  std::string out = "{\"version\":1,\"sites\":[";
  bool first = true;
  for (const row& r : shot.rows) {
    if (!first) out += ',';
    first = false;
    out += "{\"check\":";
    append_json_string(out, r.check);
    out += ",\"file\":";
    append_json_string(out, r.file);
    out += ",\"line\":" + std::to_string(r.line);
    out += ",\"name\":";
    append_json_string(out, r.name);
    out += ",\"retained\":" + std::to_string(r.retained);
    out += ",\"peak\":" + std::to_string(r.peak);
    out += ",\"total\":" + std::to_string(r.total);
    out += r.retained > 0 ? ",\"status\":\"leaking\"" : ",\"status\":\"clean\"";
    if (!r.cycle_groups.empty()) {
      out += ",\"cycle_groups\":[";
      for (std::size_t i = 0; i < r.cycle_groups.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(r.cycle_groups[i]);
      }
      out += ']';
    }
    out += '}';
  }
  out += "]}\n";
  return out;
}

inline void pad_left(std::string& out, const std::string& cell, std::size_t width) {
  out.append(width > cell.size() ? width - cell.size() : 0, ' ');
  out += cell;
}
inline void pad_right(std::string& out, const std::string& cell, std::size_t width) {
  out += cell;
  out.append(width > cell.size() ? width - cell.size() : 0, ' ');
}

// The stderr table: a header line, the leaking sites by retained count, and
// one line summing the clean ones. Empty when there are no sites.
inline std::string to_table(const snapshot& shot) {
  if (shot.rows.empty()) return {};
  const std::size_t sites = shot.rows.size();
  const std::size_t leaking = shot.leaking();
  std::string out = "weakify audit: " + std::to_string(leaking) + " of " +
                    std::to_string(sites) + (sites == 1 ? " site" : " sites") +
                    " kept objects alive for nobody\n";

  std::vector<const row*> leaks;
  for (const row& r : shot.rows)
    if (r.retained > 0) leaks.push_back(&r);
  std::sort(leaks.begin(), leaks.end(), [](const row* a, const row* b) {
    if (a->retained != b->retained) return a->retained > b->retained;
    return key_less(*a, *b);
  });

  if (!leaks.empty()) {
    struct cells {
      std::string retained, peak, total, check, where, name;
    };
    std::vector<cells> table;
    table.push_back({"retained", "peak", "total", "check", "site", ""});
    for (const row* r : leaks)
      table.push_back({std::to_string(r->retained), std::to_string(r->peak),
                       std::to_string(r->total), r->check,
                       std::string(r->file) + ":" + std::to_string(r->line), r->name});
    std::size_t w[5] = {0, 0, 0, 0, 0};
    for (const cells& c : table) {
      w[0] = std::max(w[0], c.retained.size());
      w[1] = std::max(w[1], c.peak.size());
      w[2] = std::max(w[2], c.total.size());
      w[3] = std::max(w[3], c.check.size());
      w[4] = std::max(w[4], c.where.size());
    }
    for (std::size_t i = 0; i < table.size(); ++i) {
      const cells& c = table[i];
      out += "  ";
      pad_left(out, c.retained, w[0]);
      out += "  ";
      pad_left(out, c.peak, w[1]);
      out += "  ";
      pad_left(out, c.total, w[2]);
      out += "  ";
      pad_right(out, c.check, w[3]);
      out += "  ";
      if (i == 0) {
        out += c.where;
      } else {
        pad_right(out, c.where, w[4]);
        out += "  ";
        out += c.name;
      }
      out += '\n';
    }
  }
  const std::size_t clean = sites - leaking;
  if (clean > 0)
    out += "  " + std::to_string(clean) + (clean == 1 ? " site" : " sites") + " clean\n";
  return out;
}

// Where a report goes: $WEAKIFY_AUDIT (a JSON file, when set and not
// empty) and stderr unless $WEAKIFY_AUDIT_QUIET is set to anything but
// "" or "0".
struct destination {
  std::string json_path;  // empty: no file
  bool quiet = false;
};

// Each %p of path becomes the process id: a test suite runs many processes,
// and each writes its own audit.
inline std::string expand_process_id(const char* path) {
  std::string out;
  for (const char* c = path; *c; ++c) {
    if (c[0] == '%' && c[1] == 'p') {
      out += std::to_string(static_cast<long>(::getpid()));
      ++c;
    } else {
      out += *c;
    }
  }
  return out;
}

inline destination destination_from_environment() {
  destination d;
  const char* path = std::getenv("WEAKIFY_AUDIT");
  if (path && *path) d.json_path = expand_process_id(path);
  const char* quiet = std::getenv("WEAKIFY_AUDIT_QUIET");
  d.quiet = quiet && *quiet && std::strcmp(quiet, "0") != 0;
  return d;
}

// Writes shot to its destination; errors go to err, even when quiet, since
// a missing file is something the reader of the audit must hear about.
inline void write_report(const snapshot& shot, const destination& to, std::FILE* err) {
  if (!to.quiet) {
    const std::string table = to_table(shot);
    if (!table.empty()) {
      std::fputs(table.c_str(), err);
      std::fflush(err);
    }
  }
  if (to.json_path.empty()) return;
  const std::string json = to_json(shot);
  int error = 0;
  if (std::FILE* file = std::fopen(to.json_path.c_str(), "w")) {
    bool ok = std::fwrite(json.data(), 1, json.size(), file) == json.size();
    if (!ok) error = errno;
    if (std::fclose(file) != 0 && ok) {
      ok = false;
      error = errno;
    }
    if (ok) return;
  } else {
    error = errno;
  }
  std::fprintf(err, "weakify audit: cannot write '%s': %s\n", to.json_path.c_str(),
               std::strerror(error ? error : EIO));
  std::fflush(err);
}

}  // namespace detail
}  // namespace audit
}  // namespace weakref

#endif  // WEAKREF_DETAIL_AUDIT_OUTPUT_HPP
