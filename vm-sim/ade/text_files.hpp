// Whole-file text reads and atomic replacements (tmp + rename) for the guest's config files
// (crypttab, fstab, the fstab backup). A reader never sees half a file.
#pragma once

#include <filesystem>
#include <string>

namespace azemu::vm::ade {

/// The file's content; "" when it does not exist.
std::string read_text_file(const std::filesystem::path& path);
/// Replaces the file (parent folders created); throws std::runtime_error when it cannot.
void write_text_file(const std::filesystem::path& path, const std::string& text);

}  // namespace azemu::vm::ade
