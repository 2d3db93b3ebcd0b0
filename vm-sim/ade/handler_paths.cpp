// Root-relative path mapping for the ADE handler.
#include "vm-sim/ade/handler_paths.hpp"

#include <cstdlib>

namespace azemu::vm::ade {

HandlerPaths HandlerPaths::from_environment() {
  const char* root = std::getenv("AZEMU_ADE_ROOT");
  return HandlerPaths(root && *root ? root : "/");
}

std::filesystem::path HandlerPaths::at(const std::filesystem::path& absolute) const {
  return root_ / absolute.relative_path();
}

}  // namespace azemu::vm::ade
