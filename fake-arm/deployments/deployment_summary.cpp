// Plan summaries; see deployment_summary.hpp.
#include "fake-arm/deployments/deployment_summary.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/deployments/deployment_model.hpp"
#include "fake-arm/errors.hpp"

#include <cstdint>

namespace azemu::arm {

std::string template_hash(const nlohmann::json& template_json) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a 64
  for (unsigned char c : template_json.dump()) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return std::to_string(h);
}

nlohmann::json providers_json(const tmpl::Plan& plan, const std::map<std::string, std::set<std::string>>& locations) {
  // Insertion order: namespaces and types as the template first names them.
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : plan.resources()) {
    if (!r.condition) continue;
    const auto slash = r.type.find('/');
    if (slash == std::string::npos) continue;
    const std::string ns = r.type.substr(0, slash), type = r.type.substr(slash + 1);
    nlohmann::json* entry = nullptr;
    for (auto& p : out)
      if (text::iequals(p["namespace"].get<std::string>(), ns)) entry = &p;
    if (!entry) {
      out.push_back({{"namespace", ns}, {"resourceTypes", nlohmann::json::array()}});
      entry = &out.back();
    }
    bool known = false;
    for (const auto& t : (*entry)["resourceTypes"])
      if (text::iequals(t["resourceType"].get<std::string>(), type)) known = true;
    if (known) continue;
    nlohmann::json locs = nlohmann::json::array();
    if (auto it = locations.find(text::to_lower(r.type)); it != locations.end())
      for (const auto& l : it->second) locs.push_back(l);
    (*entry)["resourceTypes"].push_back({{"resourceType", type}, {"locations", locs}});
  }
  return out;
}

nlohmann::json dependencies_json(const tmpl::Plan& plan) {
  nlohmann::json out = nlohmann::json::array();
  const auto& all = plan.resources();
  auto basic = [](const tmpl::PlannedResource& r) {
    return nlohmann::json{{"id", r.resource_id}, {"resourceType", r.type}, {"resourceName", r.name}};
  };
  for (const auto& r : all) {
    if (r.depends_on.empty()) continue;
    nlohmann::json deps = nlohmann::json::array();
    for (auto i : r.depends_on) deps.push_back(basic(all.at(i)));
    nlohmann::json d = basic(r);
    d["dependsOn"] = std::move(deps);
    out.push_back(std::move(d));
  }
  return out;
}

ResourceId target_id(const tmpl::PlannedResource& r) {
  // The engine already folds a nested deployment's resourceGroup/subscriptionId into the id and
  // prints groups as "/subscriptions/{s}/resourceGroups/{name}".
  auto id = ResourceId::parse(r.resource_id);
  if (!id) throw errors::invalid_resource_id(r.resource_id);
  return *id;
}

}  // namespace azemu::arm
