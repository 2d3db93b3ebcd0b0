// Azure's "BEK VOLUME" as a file: a small vfat image labelled exactly `BEK VOLUME` holding the key
// files (research/uml-ade.md §2). Built with dosfstools + mtools on the host, no mounting, no root.
// The runtime keeps it as <vm folder>/bek.img and attaches it to the guest, read-only (ubd15 under
// UML, the OS controller's LUN 2 under QEMU).
#pragma once

#include "emulator/ports/vm_runtime.hpp"

#include <optional>
#include <string>

namespace azemu::vm {

inline constexpr const char* kBekVolumeLabel = "BEK VOLUME";
/// The OS volume's (and dual-pass data volumes') key file on the BEK volume (research/ade.md §1.3).
inline constexpr const char* kBekPassphraseFile = "LinuxPassPhraseFileName";

/// Writes `bek` as a vfat image at `path`: built under a temporary name in the same folder, then
/// renamed over `path` (a reader sees the old or the new volume, never half of one). Mode 0600.
/// File contents are copied byte for byte (no newline added: `--key-file` uses the whole file).
/// Throws std::runtime_error (mkfs.vfat/mcopy missing or failing, bad file name).
void write_bek_image(const std::string& path, const ports::BekVolume& bek);

/// The content of `name` on the BEK image at `path`; nullopt when the image or the file is absent.
std::optional<std::string> read_bek_file(const std::string& path, const std::string& name);

}  // namespace azemu::vm
