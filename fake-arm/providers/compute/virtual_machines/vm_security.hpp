// Trusted Launch on a VM (properties.securityProfile), checked as CRP checks it. az 2.74 asks for it
// on every Gen2 marketplace image whose features say SecurityType TrustedLaunchSupported
// (securityType TrustedLaunch, uefiSettings {secureBootEnabled, vTpmEnabled}); CRP refuses it for an
// image without that feature and for a size that cannot boot Gen2, stores the profile as given, and
// marks the OS disk it creates with securityProfile.securityType TrustedLaunch.
#pragma once

#include "fake-arm/providers/compute/catalog/image_catalog.hpp"
#include "fake-arm/providers/compute/catalog/vm_sizes.hpp"

#include <nlohmann/json.hpp>

namespace azemu::arm::compute {

/// Checks properties.securityProfile.securityType against the VM's image (nullptr: no image known)
/// and size, and writes it back in CRP's casing. Returns the securityProfile of a new OS disk
/// ({"securityType": "TrustedLaunch"}) or null for a Standard VM. Throws BadRequest (image or size
/// without Trusted Launch), InvalidParameter (unknown security type), AzemuNotImplemented (ConfidentialVM).
nlohmann::json apply_security_profile(nlohmann::json& properties, const ImageVersion* image, const VmSize& size);

}  // namespace azemu::arm::compute
