// TEMPORARY stub so the tree links while fake-arm is being written; replaced by the real files.
#include "fake-arm/mount.hpp"
namespace azemu::arm {
std::vector<store::Migration> migrations() { return {}; }
void seed(store::Database&, const ports::Seed&) {}
void mount(http::Router&, ArmDeps&) {}
}  // namespace azemu::arm
