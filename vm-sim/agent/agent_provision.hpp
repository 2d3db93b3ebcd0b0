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
  /// osProfile.adminPassword (empty with SSH-only auth). Stored only as a SHA-512 crypt hash in
  /// /etc/shadow, so console and SSH password logins work as on an Azure VM with password auth.
  std::string password;
};

/// Idempotent: an existing user keeps its uid; authorized_keys is rewritten with `ssh_keys`; a
/// password replaces the user's shadow hash (a fresh salt each boot), none leaves it as it is.
/// Throws std::runtime_error on a file it cannot write.
void provision(const Provisioning& p);

}  // namespace azemu::vm::agent
