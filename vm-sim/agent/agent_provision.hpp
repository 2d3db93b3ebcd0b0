// Provisioning, as Azure's agent does it from ovf-env.xml: host name, the admin user with its SSH
// keys and sudo group. Files are edited directly (no NSS in a static binary).
#pragma once

#include <string>
#include <vector>

namespace azemu::vm::agent {

struct Provisioning {
  std::string hostname;
  std::string user;
  std::vector<std::string> ssh_keys;
};

/// Idempotent: an existing user keeps its uid; authorized_keys is rewritten with `ssh_keys`.
/// Throws std::runtime_error on a file it cannot write.
void provision(const Provisioning& p);

}  // namespace azemu::vm::agent
