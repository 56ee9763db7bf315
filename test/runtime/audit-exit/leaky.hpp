// The shared part of the audit-exit program: a field site in a header (one
// Tag type for both units) and a header static (one Tag per unit, one site).
// Tags are written as the plugin writes them.
#ifndef WEAKIFY_TEST_AUDIT_EXIT_LEAKY_HPP
#define WEAKIFY_TEST_AUDIT_EXIT_LEAKY_HPP

#include <weakref/audit.hpp>

#include <map>
#include <memory>
#include <string>

struct Texture {
  int id = 0;
};

struct AssetLoader {
  struct weakify_audit_site_10_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/leaky.hpp", 10, "AssetLoader::Cache", ::weakref::audit::site_kind::owning_container, false}; } static ::std::size_t owner_size() { return sizeof(AssetLoader); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(AssetLoader, Cache); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::map<std::string, std::shared_ptr<Texture>>, weakify_audit_site_10_3> Cache;
};

namespace {
struct weakify_audit_site_20_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/leaky.hpp", 20, "Recent", ::weakref::audit::site_kind::owning_container, false}; } }; ::weakref::audit::tracked<std::map<int, std::shared_ptr<Texture>>, weakify_audit_site_20_1> Recent;
}  // namespace

void fill_recent_in_other_unit();

#endif  // WEAKIFY_TEST_AUDIT_EXIT_LEAKY_HPP
