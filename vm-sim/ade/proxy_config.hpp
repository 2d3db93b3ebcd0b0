// How the ADE handler reaches azemu's HTTPS: always through an HTTP CONNECT proxy (the guest has no
// DNS; azemu answers CONNECT for login.microsoftonline.com, *.vault.azure.net and the cloud-mode
// names on its one port) and with azemu's CA as the trust anchor. The contract for whoever builds
// the guest image or runs the handler on the host:
//
//   proxy  1. env AZEMU_PROXY=host:port                      (host tests: 127.0.0.1:<azemu port>)
//          2. /etc/waagent.conf HttpProxy.Host= / HttpProxy.Port=  (what the real extension honours;
//             the guest image sets 10.0.2.2 and the port the runtime forwards to azemu)
//   CA     1. env AZEMU_CA_FILE=<pem>
//          2. /etc/azemu/ca.pem            (the runtime writes azemu's CA there)
//          3. /etc/ssl/certs/ca-certificates.crt (the system store, as the real extension uses)
//
// The proxy host must be a numeric IPv4/IPv6 address: the handler is static and does no DNS.
#pragma once

#include "vm-sim/ade/handler_paths.hpp"

#include <optional>
#include <string>

namespace azemu::vm::ade {

struct ProxyConfig {
  std::string proxy_host;  // numeric address
  int proxy_port = 0;
  std::string ca_file;
};

/// Reads the contract above (environment first, then files under `paths`). Returns nullopt when no
/// proxy is configured; `ca_file` is empty when none of the CA files exists.
std::optional<ProxyConfig> load_proxy_config(const HandlerPaths& paths);

/// "host:port" or "[v6]:port" -> host, port; nullopt when malformed.
std::optional<std::pair<std::string, int>> parse_host_port(const std::string& text);

}  // namespace azemu::vm::ade
