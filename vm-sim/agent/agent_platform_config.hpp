// What the platform tells the guest at provisioning besides the user (research/ade.md §1.3): how to
// reach azemu's HTTPS from inside the VM. Extension handlers (the ADE handler: see
// vm-sim/ade/proxy_config.hpp for the reading side) find
//   /etc/azemu/ca.pem                    azemu's CA, their trust anchor for login/vault names
//   /etc/waagent.conf HttpProxy.Host/Port  the proxy (10.0.2.2:<port>, relayed to azemu's port),
// the same keys Azure's agent and extensions honour on a real VM behind a proxy.
#pragma once

#include <nlohmann/json.hpp>

namespace azemu::vm::agent {

/// Applies the optional "ca_pem" (PEM text) and "http_proxy" ({"host": numeric, "port": N}) fields
/// of a provision request; absent fields leave the files as they are. Other waagent.conf lines are
/// kept. Throws std::runtime_error on a file it cannot write or a malformed field.
void apply_platform_config(const nlohmann::json& request);

}  // namespace azemu::vm::agent
