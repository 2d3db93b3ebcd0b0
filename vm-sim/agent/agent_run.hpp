// Runs one RunShellScript script as root with /bin/sh, capturing stdout and stderr separately.
#pragma once

#include <string>
#include <vector>

namespace azemu::vm::agent {

struct ScriptResult {
  int exit_code = 0;  // the shell's status; 128+N when killed by signal N (as a shell reports it)
  std::string out;
  std::string err;
};

/// Blocks until the script exits or `timeout_s` passes (then its process group is killed and the
/// exit code is 124, like timeout(1)).
ScriptResult run_script(const std::string& script, int timeout_s);

/// Runs a program with arguments, no shell; returns its exit code (stdout/stderr discarded).
int run_program(const char* path, const std::vector<std::string>& args);

}  // namespace azemu::vm::agent
