// ports::DiskImages over the disk engine: the size of an image file and, when it starts with a
// LUKS header, that header's facts (inspect()). Read-only. Wired in emulator/app for the disk
// encryption report (`azemu vm disks`).
#pragma once

#include "emulator/ports/disk_images.hpp"

#include <memory>

namespace azemu::vm::disk {

std::unique_ptr<ports::DiskImages> make_disk_images();

}  // namespace azemu::vm::disk
