// Shared helpers for Microsoft.Network http tests: URLs for the seeded subscription's group "rg"
// and small bodies for each type.
#pragma once

#include "tests/fake-arm/arm_test_helpers.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::testing {

struct NetworkFixture : ArmFixture {
  NetworkFixture() { create_group("rg"); }

  std::string net_path(const std::string& rest, const std::string& group = "rg") const {
    return "/resourceGroups/" + group + "/providers/Microsoft.Network/" + rest;
  }
  std::string net_url(const std::string& rest, const std::string& group = "rg") const {
    return sub_url(net_path(rest, group), "2022-01-01");
  }
  std::string id(const std::string& rest, const std::string& group = "rg") const {
    return "/subscriptions/" + sub + net_path(rest, group);
  }
  Response put(const std::string& rest, const nlohmann::json& body, const std::string& group = "rg") {
    return call("PUT", net_url(rest, group), body.dump());
  }
  Response get(const std::string& rest, const std::string& group = "rg") { return call("GET", net_url(rest, group)); }
  Response del(const std::string& rest, const std::string& group = "rg") { return call("DELETE", net_url(rest, group)); }

  Response create_vnet(const std::string& name, const std::string& space = "10.0.0.0/16",
                       nlohmann::json subnets = nlohmann::json::array({{{"name", "default"}, {"properties", {{"addressPrefix", "10.0.0.0/24"}}}}})) {
    return put("virtualNetworks/" + name,
               {{"location", "westus"}, {"properties", {{"addressSpace", {{"addressPrefixes", {space}}}}, {"subnets", subnets}}}});
  }
  Response create_nic(const std::string& name, const std::string& subnet_id, nlohmann::json extra_ipconfig = nlohmann::json::object(),
                      nlohmann::json extra_props = nlohmann::json::object()) {
    nlohmann::json ipc_props = {{"subnet", {{"id", subnet_id}}}};
    ipc_props.update(extra_ipconfig);
    nlohmann::json props = {{"ipConfigurations", {{{"name", "ipconfig1"}, {"properties", ipc_props}}}}};
    props.update(extra_props);
    return put("networkInterfaces/" + name, {{"location", "westus"}, {"properties", props}});
  }
};

}  // namespace azemu::testing
