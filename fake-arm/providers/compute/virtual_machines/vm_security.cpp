// Trusted Launch checks; see vm_security.hpp. Spec: compute virtualMachine.json SecurityProfile
// (securityType Standard | TrustedLaunch | ConfidentialVM, uefiSettings); the errors are CRP's as
// observed (fake-arm/errors.hpp).
#include "fake-arm/providers/compute/virtual_machines/vm_security.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm::compute {

namespace {
/// The image's features say it boots with Trusted Launch (Gen2 images only carry SecurityType).
bool image_supports_trusted_launch(const ImageVersion& image) {
  if (image.hyper_v_generation != "V2") return false;
  for (const auto& f : image_features(image))
    if (f.value("name", "") == "SecurityType") {
      const std::string v = f.value("value", "");
      return v == "TrustedLaunchSupported" || v == "TrustedLaunchAndConfidentialVmSupported";
    }
  return false;
}
}  // namespace

nlohmann::json apply_security_profile(nlohmann::json& properties, const ImageVersion* image, const VmSize& size) {
  if (!properties.contains("securityProfile") || !properties["securityProfile"].is_object()) return nullptr;
  auto& profile = properties["securityProfile"];
  if (!profile.contains("securityType") || profile["securityType"].is_null()) return nullptr;
  if (!profile["securityType"].is_string())
    throw errors::invalid_request_content("'securityProfile.securityType' must be a string");
  const std::string given = profile["securityType"].get<std::string>();
  if (text::iequals(given, "Standard")) {
    profile["securityType"] = "Standard";
    return nullptr;
  }
  if (text::iequals(given, "ConfidentialVM")) throw errors::not_implemented("Confidential VMs (securityType ConfidentialVM)");
  if (!text::iequals(given, "TrustedLaunch"))
    throw errors::compute_invalid_parameter("The value '" + given + "' of parameter 'securityProfile.securityType' is not valid.",
                                            "securityProfile.securityType");
  profile["securityType"] = "TrustedLaunch";
  if (image && !image_supports_trusted_launch(*image)) throw errors::trusted_launch_image_not_supported();
  if (!supports_gen2(size)) throw errors::trusted_launch_size_not_supported(size.name);
  return {{"securityType", "TrustedLaunch"}};
}

}  // namespace azemu::arm::compute
