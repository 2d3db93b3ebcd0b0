// Output of the disk subcommands. The passphrase is read from stdin (never from argv, where `ps`
// would show it) and is not echoed or logged.
#include "emulator/app/disk_command.hpp"

#include "vm-sim/disk/luks_header_json.hpp"
#include "vm-sim/disk/luks_volume.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <iterator>

namespace azemu::app {

namespace {

void print_header(const std::string& file, const vm::disk::LuksHeader& h) {
  std::cout << "LUKS" << h.version << " header of " << file << "\n"
            << "  UUID:         " << h.uuid << "\n"
            << "  Label:        " << (h.label.empty() ? "(no label)" : h.label) << "\n"
            << "  Cipher:       " << h.cipher << " (" << h.key_size_bits << "-bit key)\n"
            << "  Sector size:  " << h.sector_size << " bytes\n"
            << "  Data offset:  " << h.data_offset_bytes << " bytes\n"
            << "  Reencryption: " << (h.reencryption_in_progress ? "in progress" : "none") << "\n"
            << "  Keyslots:\n";
  for (const auto& slot : h.keyslots)
    std::cout << "    " << slot.slot << ": " << (slot.kdf.empty() ? "?" : slot.kdf) << ", priority " << slot.priority
              << (slot.unbound ? ", unbound" : "") << "\n";
}

// All of stdin; one trailing newline is the end of the line, not part of the passphrase (as at a
// prompt), so `echo "$PASS" | azemu disk ...` works.
std::string read_passphrase() {
  std::string passphrase((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  if (!passphrase.empty() && passphrase.back() == '\n') passphrase.pop_back();
  return passphrase;
}

}  // namespace

DiskCommand::DiskCommand(CLI::App& app) {
  disk_ = app.add_subcommand("disk", "look at disk images: LUKS header, passphrase check (no guest needed)");
  disk_->require_subcommand(1);
  inspect_ = disk_->add_subcommand("inspect", "print the LUKS header of an image file");
  inspect_->add_option("file", file_, "disk image or block device")->required();
  inspect_->add_flag("--json", json_, "JSON instead of text");
  test_passphrase_ = disk_->add_subcommand("test-passphrase", "check a passphrase (read from stdin, one line)");
  test_passphrase_->add_option("file", file_, "disk image or block device")->required();
  encrypt_ = disk_->add_subcommand(
      "encrypt", "encrypt an ext2/3/4 image in place as LUKS2 (passphrase from stdin; resumes an interrupted run)");
  encrypt_->add_option("file", file_, "disk image (not in use by a running VM)")->required();
  encrypt_->add_flag("--quiet", quiet_, "no progress on stderr");
}

int DiskCommand::run() const {
  if (encrypt_->parsed()) {
    const std::string passphrase = read_passphrase();
    const auto outcome = vm::disk::encrypt_in_place(file_, passphrase, {}, [&](int percent) {
      if (!quiet_) std::cerr << "\rencrypting " << file_ << ": " << percent << "%" << std::flush;
      return vm::disk::ProgressVerdict::carry_on;
    });
    if (!quiet_) std::cerr << "\n";
    return outcome == vm::disk::ReencryptOutcome::finished ? 0 : 1;
  }
  if (!vm::disk::is_luks(file_)) {
    std::cerr << "azemu: " << file_ << " is not a LUKS device\n";
    return 1;
  }
  if (inspect_->parsed()) {
    const auto header = vm::disk::inspect(file_);
    if (json_) {
      std::cout << nlohmann::json(header).dump(2) << "\n";
    } else {
      print_header(file_, header);
    }
    return 0;
  }
  const auto slot = vm::disk::test_passphrase(file_, read_passphrase());
  if (!slot) {
    std::cerr << "No key available with this passphrase.\n";  // cryptsetup's wording and exit code 2
    return 2;
  }
  std::cout << "Key slot " << *slot << " unlocked.\n";
  return 0;
}

}  // namespace azemu::app
