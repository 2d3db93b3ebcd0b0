// Helpers shared by the tests that boot real UML guests (uml_runtime_test, uml_ade_test).
#pragma once

#include "vm-sim/uml/uml_runtime.hpp"

#include <string>
#include <vector>

namespace azemu::vm::test {

/// The guest image of this build tree, built once per test binary; nullptr when UML or the agent
/// is missing (the tests then skip).
const GuestImage* shared_image();
std::string random_vm_id();
std::string temp_dir();
std::string disk_id(const std::string& name);
/// PIDs whose command line mentions `needle` (the VM's folder appears in UML's and the relays').
std::vector<int> processes_mentioning(const std::string& needle);
/// `needle` occurs in the file (read in 1 MiB windows, so a multi-GiB sparse image is fine).
bool file_contains(const std::string& path, const std::string& needle);
UmlOptions options_for(const std::string& data_dir, const GuestImage& image);
/// Runs `script` in the guest, CHECKs exit code 0 (printing stdout/stderr otherwise), returns stdout.
std::string run_ok(UmlRuntime& rt, const std::string& vm_id, const std::string& script);

}  // namespace azemu::vm::test
