// TEMPORARY stub so the tree links while fake-aad is being written; replaced by the real files.
#include "fake-aad/mount.hpp"
namespace azemu::aad {
std::vector<store::Migration> migrations() { return {}; }
void seed(store::Database&, const ports::Seed&) {}
void mount(http::Router&, AadDeps&) {}
namespace {
struct StubDirectory : ports::Directory {
  std::vector<ports::TenantInfo> tenants() const override { return {}; }
  bool tenant_exists(std::string_view) const override { return true; }
};
}  // namespace
std::unique_ptr<ports::Directory> make_directory(store::Database&) { return std::make_unique<StubDirectory>(); }
bool approve_device_code(store::Database&, const exec::Clock&, const std::string&, const std::string&) { return false; }
}  // namespace azemu::aad
