// Turns a VM PUT body (or a PATCH merged onto the stored model) into the normalised VM ARM serves,
// and works out what that means for the other resources: implicit managed disks to create, disks
// to attach or detach, NICs to join or leave. Validation follows CRP (errors.hpp, Microsoft.Compute
// section). Reads inside the caller's transaction; writes nothing (vm_service.cpp applies the result).
#pragma once

#include "emulator/ports/vm_runtime.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/providers/compute/disks/disk_model.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm::compute {

struct VmBuildInput {
  ResourceId id;                   // the VM id, group name in its stored casing
  std::string location;            // canonical, already validated
  const nlohmann::json& body;      // PUT body, or the stored model with the PATCH merged in
  const VirtualMachine* existing;  // nullptr on create
  std::string now_iso;             // timeCreated of new resources
};

struct VmBuild {
  VirtualMachine vm;                      // provisioningState/vmId/timeCreated set by the caller
  std::string admin_password;             // taken out of osProfile (never stored)
  std::vector<Disk> disks_to_put;         // created, attached or detached disks, in their new state
  std::vector<ports::VmDisk> attached;    // data disks new to an existing VM (runtime.attach_disk)
  std::vector<int> detached_luns;         // data disks gone from an existing VM (runtime.detach_disk)
  std::vector<ResourceId> nics_joining;   // NICs that must point at the VM
  std::vector<ResourceId> nics_leaving;   // NICs no longer used by it
};

/// Throws InvalidParameter (missing/invalid fields, unknown VM size), PlatformImageNotFound, BadRequest
/// (Trusted Launch on an image or size without it, vm_security.hpp),
/// InvalidResourceReference (unknown NIC/disk), NicInUse, ConflictingUserInput (disk name taken),
/// OperationNotAllowed (too many data disks, disk attached elsewhere), PropertyChangeNotAllowed,
/// AzemuNotImplemented (custom images, attached OS disks), InvalidRequestContent.
VmBuild build_vm(store::Connection& c, const VmBuildInput& in);

/// The runtime's view of a VM (disk sizes from the model). `password` only on create.
ports::VmSpec vm_spec(const VirtualMachine& vm, const std::string& password = "");

/// True for a name CRP accepts as a Linux computer name (1-64 chars, none of ` ~ ! @ # $ % ^ & * ( ) = + _ [ ] { } \ | ; : ' " , < > / ?).
bool valid_linux_computer_name(const std::string& name);

}  // namespace azemu::arm::compute
