#include "vm-sim/ade/text_files.hpp"

#include "emulator/fs/replace_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace azemu::vm::ade {

namespace fs = std::filesystem;

std::string read_text_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  // crypttab and fstab must survive a guest killed mid-encryption (emulator/fs/replace_file.hpp).
  azemu::files::replace_file_durably(path.string(), text, 0644);
}

}  // namespace azemu::vm::ade
