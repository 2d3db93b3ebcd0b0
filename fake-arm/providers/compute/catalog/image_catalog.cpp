// Lookups over the compiled-in marketplace data (image_data_*.cpp); see image_catalog.hpp.
// The table is built once, on first use, and never changes afterwards (safe to read from any thread).
#include "fake-arm/providers/compute/catalog/image_catalog.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/providers/compute/catalog/image_catalog_data.hpp"

#include <algorithm>
#include <charconv>

namespace azemu::arm::compute {

namespace catalog_data {
std::vector<std::pair<std::string, std::string>> linux_features(const std::string& generation) {
  if (generation == "V2")
    return {{"SecurityType", "TrustedLaunchSupported"}, {"IsAcceleratedNetworkSupported", "True"},
            {"DiskControllerTypes", "SCSI, NVMe"}, {"IsHibernateSupported", "True"}};
  return {{"IsAcceleratedNetworkSupported", "True"}, {"DiskControllerTypes", "SCSI"}};
}
}  // namespace catalog_data

namespace {
using catalog_data::ImageSku;

const std::vector<ImageSku>& all_skus() {
  static const std::vector<ImageSku> skus = [] {
    std::vector<ImageSku> out;
    for (auto* family : {&catalog_data::openlogic_images, &catalog_data::canonical_images,
                         &catalog_data::redhat_images, &catalog_data::suse_images, &catalog_data::other_images})
      for (auto& s : family()) {
        std::sort(s.versions.begin(), s.versions.end(),
                  [](const std::string& a, const std::string& b) { return compare_versions(a, b) < 0; });
        out.push_back(std::move(s));
      }
    return out;
  }();
  return skus;
}

const ImageSku* find_sku(std::string_view publisher, std::string_view offer, std::string_view sku) {
  for (const auto& s : all_skus())
    if (text::iequals(s.publisher, publisher) && text::iequals(s.offer, offer) && text::iequals(s.sku, sku)) return &s;
  return nullptr;
}

ImageVersion version_of(const ImageSku& s, const std::string& version) {
  return {s.publisher, s.offer, s.sku, version, s.os_type, s.hyper_v_generation, s.os_disk_size_gb, s.architecture, s.plan};
}

/// Distinct names, sorted case-insensitively (first spelling wins).
std::vector<std::string> sorted_unique(std::vector<std::string> names) {
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return text::to_lower(a) < text::to_lower(b); });
  names.erase(std::unique(names.begin(), names.end(),
                          [](const std::string& a, const std::string& b) { return text::iequals(a, b); }),
              names.end());
  return names;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int compare_parts(std::string_view a, std::string_view b) {
  if (all_digits(a) && all_digits(b)) {
    // Compare as numbers without overflow: strip leading zeros, then length, then digits.
    auto strip = [](std::string_view s) {
      while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
      return s;
    };
    a = strip(a);
    b = strip(b);
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
  }
  std::string la = text::to_lower(a), lb = text::to_lower(b);
  return la < lb ? -1 : (la == lb ? 0 : 1);
}
}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  auto pa = text::split(a, '.'), pb = text::split(b, '.');
  for (std::size_t i = 0; i < std::min(pa.size(), pb.size()); ++i)
    if (int c = compare_parts(pa[i], pb[i]); c != 0) return c;
  if (pa.size() == pb.size()) return 0;
  return pa.size() < pb.size() ? -1 : 1;
}

std::optional<ImageVersion> find_image(std::string_view publisher, std::string_view offer, std::string_view sku,
                                       std::string_view version) {
  const ImageSku* s = find_sku(publisher, offer, sku);
  if (!s || s->versions.empty()) return std::nullopt;
  if (text::iequals(version, "latest")) return version_of(*s, s->versions.back());
  for (const auto& v : s->versions)
    if (text::iequals(v, version)) return version_of(*s, v);
  return std::nullopt;
}

std::vector<std::string> image_publishers() {
  std::vector<std::string> names;
  for (const auto& s : all_skus()) names.push_back(s.publisher);
  return sorted_unique(std::move(names));
}

std::optional<std::vector<std::string>> image_offers(std::string_view publisher) {
  std::vector<std::string> names;
  for (const auto& s : all_skus())
    if (text::iequals(s.publisher, publisher)) names.push_back(s.offer);
  if (names.empty()) return std::nullopt;
  return sorted_unique(std::move(names));
}

std::optional<std::vector<std::string>> image_skus(std::string_view publisher, std::string_view offer) {
  std::vector<std::string> names;
  for (const auto& s : all_skus())
    if (text::iequals(s.publisher, publisher) && text::iequals(s.offer, offer)) names.push_back(s.sku);
  if (names.empty()) return std::nullopt;
  return sorted_unique(std::move(names));
}

std::optional<std::vector<ImageVersion>> image_versions(std::string_view publisher, std::string_view offer,
                                                        std::string_view sku) {
  const ImageSku* s = find_sku(publisher, offer, sku);
  if (!s) return std::nullopt;
  std::vector<ImageVersion> out;
  for (const auto& v : s->versions) out.push_back(version_of(*s, v));
  return out;
}

nlohmann::json image_features(const ImageVersion& image) {
  nlohmann::json out = nlohmann::json::array();
  if (const ImageSku* s = find_sku(image.publisher, image.offer, image.sku))
    for (const auto& [name, value] : s->features) out.push_back({{"name", name}, {"value", value}});
  return out;
}

}  // namespace azemu::arm::compute
