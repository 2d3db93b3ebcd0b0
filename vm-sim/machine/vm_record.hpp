// What the runtime keeps on disk per VM (<data-dir>/vms/<vm_id>/spec.json), so that stop, remove
// or a disk operation after an azemu restart still know the VM's disks. The admin password is
// never written.
#pragma once

#include "emulator/ports/vm_runtime.hpp"

#include <optional>
#include <string>

namespace azemu::vm {

/// `bek_volume`: the VM has a BEK volume (bek.img in its folder); recorded as "bek_volume" for
/// tools that read spec.json (the file itself is what boots use).
void save_spec(const std::string& path, const ports::VmSpec& spec, bool bek_volume = false);
std::optional<ports::VmSpec> load_spec(const std::string& path);

/// The folder of the VM named `name` (case-insensitive; `resource_group` narrows it when not
/// empty) under <data_dir>/vms/. Throws std::runtime_error when none or several match.
std::string find_vm_dir(const std::string& data_dir, const std::string& name, const std::string& resource_group);

}  // namespace azemu::vm
