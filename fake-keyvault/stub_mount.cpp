// TEMPORARY stub so the tree links while fake-keyvault is being written; replaced by the real files.
#include "fake-keyvault/mount.hpp"
namespace azemu::kv {
std::vector<store::Migration> migrations() { return {}; }
void mount(http::Router&, KvDeps&) {}
}  // namespace azemu::kv
