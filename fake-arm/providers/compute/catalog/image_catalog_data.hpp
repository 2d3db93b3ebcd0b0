// Internal to the image catalog: the shape of the compiled-in marketplace data (one ImageSku per
// publisher/offer/sku, with its versions) and the per-publisher-family tables that hold it
// (image_data_<family>.cpp). Lookups and ordering live in image_catalog.cpp, not here.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace azemu::arm::compute::catalog_data {

/// One marketplace SKU and every version of it azemu offers. Every version of a SKU shares the
/// SKU's disk size, generation, architecture, plan and features (true of the real images listed).
struct ImageSku {
  std::string publisher, offer, sku;
  std::vector<std::string> versions;  // any order; image_catalog.cpp sorts them
  std::string hyper_v_generation = "V1";
  int os_disk_size_gb = 30;
  std::string os_type = "Linux";
  std::string architecture = "x64";
  nlohmann::json plan = nullptr;  // {name, publisher, product} for images sold with a plan
  /// VirtualMachineImageFeature name/value pairs (properties.features).
  std::vector<std::pair<std::string, std::string>> features;
};

/// Features of ordinary Linux images: gen1 ones accelerate networking; gen2 ones also support
/// Trusted Launch. Observed on `az vm image show` of current Canonical/RedHat/SUSE images.
std::vector<std::pair<std::string, std::string>> linux_features(const std::string& generation);

/// A Linux sku of `generation` with linux_features() (data files adjust the rest).
inline ImageSku linux_sku(std::string publisher, std::string offer, std::string sku, std::vector<std::string> versions,
                          std::string generation = "V1") {
  ImageSku s;
  s.publisher = std::move(publisher);
  s.offer = std::move(offer);
  s.sku = std::move(sku);
  s.versions = std::move(versions);
  s.features = linux_features(generation);
  s.hyper_v_generation = std::move(generation);
  return s;
}

std::vector<ImageSku> openlogic_images();  // image_data_openlogic.cpp
std::vector<ImageSku> canonical_images();  // image_data_canonical.cpp
std::vector<ImageSku> redhat_images();     // image_data_redhat.cpp
std::vector<ImageSku> suse_images();       // image_data_suse.cpp
std::vector<ImageSku> other_images();      // image_data_other.cpp: Debian, Flatcar, Windows Server

}  // namespace azemu::arm::compute::catalog_data
