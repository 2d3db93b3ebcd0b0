// `azemu env`: shell lines for `eval "$(azemu env)"` that point az / the Azure SDKs at azemu.
// Proxy mode: HTTPS_PROXY + CA bundle; cloud mode: an az custom cloud under <base> (ADFS-style
// authority so MSAL stays offline). Both: isolated AZURE_CONFIG_DIR and the seeded identities.
#pragma once

#include "emulator/app/config.hpp"

#include <string>

namespace azemu::app {

/// The text printed by `azemu env --mode <mode>`; `mode` is "proxy" or "cloud".
std::string env_script(const Config& config, const std::string& mode, const std::string& az_profile);
/// The JSON for `az cloud register --cloud-config` (cloud mode).
std::string cloud_config_json(const Config& config, const std::string& az_profile);

}  // namespace azemu::app
