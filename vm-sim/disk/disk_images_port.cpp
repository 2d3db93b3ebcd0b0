// See disk_images_port.hpp. LuksHeader is copied field by field into the port's struct: the port
// must not depend on the engine's headers (fake-arm includes it), and the engine's struct stays
// free to grow.
#include "vm-sim/disk/disk_images_port.hpp"

#include "vm-sim/disk/disk_error.hpp"
#include "vm-sim/disk/luks_volume.hpp"
#include "vm-sim/disk/sparse_file.hpp"

#include <filesystem>
#include <system_error>

namespace azemu::vm::disk {

namespace {

ports::LuksHeaderFacts to_facts(const LuksHeader& h) {
  ports::LuksHeaderFacts f;
  f.version = h.version;
  f.uuid = h.uuid;
  f.label = h.label;
  f.cipher = h.cipher;
  f.key_size_bits = h.key_size_bits;
  f.sector_size = h.sector_size;
  f.data_offset_bytes = h.data_offset_bytes;
  for (const auto& s : h.keyslots) f.keyslots.push_back({s.slot, s.kdf, s.priority, s.unbound});
  f.reencryption_in_progress = h.reencryption_in_progress;
  return f;
}

class EngineDiskImages final : public ports::DiskImages {
public:
  std::optional<ports::DiskImageFacts> inspect(const std::string& path) const override {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::nullopt;
    ports::DiskImageFacts facts;
    facts.size_bytes = std::filesystem::file_size(path, ec);  // 0 for a block device (ec set): not a managed disk file
    try {
      facts.allocated_bytes = allocated_bytes(path);
    } catch (const DiskError&) {
      return std::nullopt;  // removed between the two calls
    }
    if (!is_luks(path)) return facts;
    try {
      facts.luks = to_facts(disk::inspect(path));
    } catch (const std::exception& e) {
      // Seen as LUKS by the magic but unreadable (a header being rewritten, a truncated copy):
      // report it instead of failing the whole view.
      facts.problem = e.what();
    }
    return facts;
  }
};

}  // namespace

std::unique_ptr<ports::DiskImages> make_disk_images() { return std::make_unique<EngineDiskImages>(); }

}  // namespace azemu::vm::disk
