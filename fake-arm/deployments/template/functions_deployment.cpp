// Deployment and resource functions: parameters, variables, copyIndex, resourceId,
// subscriptionResourceId, tenantResourceId, extensionResourceId, resourceGroup, subscription,
// tenant, deployment, environment, reference, list*.
// reference() and list*() only work where the EvalContext carries a Resolver (resource bodies and
// outputs); elsewhere ARM says "not expected at this location", and so do we.
#include "fake-arm/deployments/template/expression_error.hpp"
#include "fake-arm/deployments/template/function_table.hpp"
#include "fake-arm/deployments/template/resource_ids.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

[[noreturn]] void not_expected(Call& c, const std::string& why = {}) {
  // Observed: "The template function 'reference' is not expected at this location. Please see
  // https://aka.ms/arm-template-expressions for usage details."
  fail(c, "The template function '" + c.name + "' is not expected at this location." + (why.empty() ? "" : " " + why) +
              " Please see https://aka.ms/arm-template-expressions for usage details.");
}

std::string names_message(Call& c, const std::string& type, std::size_t need) {
  return "the type '" + type + "' requires '" + std::to_string(need) + "' resource name argument(s)";
}

// The type argument and the names after it → provider id under `prefix`.
json id_from(Call& c, const std::string& prefix, std::size_t type_index) {
  const std::string& type = arg_string(c, type_index);
  auto t = split_type(type);
  if (!t) fail(c, "the resource type '" + type + "' is not valid; it must look like 'Namespace/type[/childType]'");
  std::vector<std::string> names;
  for (std::size_t i = type_index + 1; i < c.args.size(); ++i) {
    // A name argument may itself be "parent/child"; ARM splits it into segments.
    for (auto& n : split_name(arg_string(c, i))) names.push_back(n);
  }
  if (names.size() != t->types.size()) fail(c, names_message(c, type, t->types.size()));
  return provider_resource_id(prefix, *t, names);
}

std::size_t first_type_arg(Call& c, std::size_t max_prefix_args) {
  for (std::size_t i = 0; i < c.args.size() && i <= max_prefix_args; ++i)
    if (c.args[i].is_string() && c.args[i].get_ref<const std::string&>().find('/') != std::string::npos) return i;
  fail(c, "a resource type argument such as 'Microsoft.Network/virtualNetworks' is required");
}

json resource_id(Call& c) {
  expect_args(c, 2, SIZE_MAX);
  const DeploymentScope& s = *c.ctx.scope;
  std::size_t t = first_type_arg(c, 2);
  std::string sub = s.subscription_id, rg = s.resource_group;
  if (t == 1) rg = arg_string(c, 0);
  if (t == 2) sub = arg_string(c, 0), rg = arg_string(c, 1);
  return id_from(c, scope_prefix(sub, rg), t);
}

json subscription_resource_id(Call& c) {
  expect_args(c, 2, SIZE_MAX);
  std::size_t t = first_type_arg(c, 1);
  std::string sub = t == 1 ? arg_string(c, 0) : c.ctx.scope->subscription_id;
  return id_from(c, scope_prefix(sub, ""), t);
}

json copy_index(Call& c) {
  expect_args(c, 0, 2);
  std::optional<std::string> loop;
  std::int64_t offset = 0;
  if (c.args.size() >= 1) {
    if (c.args[0].is_string()) loop = c.args[0].get<std::string>();
    else offset = arg_int(c, 0);
  }
  if (c.args.size() == 2) {
    if (!loop) fail(c, "with two parameters the first must be the copy loop name");
    offset = arg_int(c, 1);
  }
  if (loop) {
    for (auto it = c.ctx.loops.rbegin(); it != c.ctx.loops.rend(); ++it)
      if (text::iequals(it->first, *loop)) return it->second + offset;
    not_expected(c, "The copy loop '" + *loop + "' is not in scope here.");
  }
  if (!c.ctx.default_loop) not_expected(c, "The function can only be used in a resource with copy specified.");
  return *c.ctx.default_loop + offset;
}

json reference(Call& c) {
  expect_args(c, 1, 3);
  if (!c.ctx.resolver || !c.ctx.resolver->reference) not_expected(c);
  const std::string& target = arg_string(c, 0);
  std::string api = c.args.size() >= 2 ? arg_string(c, 1) : "";
  bool full = c.args.size() == 3 && text::iequals(arg_string(c, 2), "Full");
  std::string id = target;
  if (target.empty() || target[0] != '/') {
    auto r = c.ctx.template_resource ? c.ctx.template_resource(target) : std::nullopt;
    // Observed: "The template reference 'x' is not valid: could not find template resource or
    // resource copy with this name. Please see https://aka.ms/arm-function-reference for usage details."
    if (!r)
      throw ExpressionError("The template reference '" + target +
                            "' is not valid: could not find template resource or resource copy with this name. Please "
                            "see https://aka.ms/arm-function-reference for usage details.");
    id = r->resource_id;
    if (api.empty()) api = r->api_version;
  }
  return c.ctx.resolver->reference(id, api, full);
}

json list_function(Call& c) {
  expect_args(c, 2, 3);
  if (!c.ctx.resolver) not_expected(c);
  if (!c.ctx.resolver->list) fail(c, "the function '" + c.name + "' is not supported by this emulator");
  std::string id = arg_string(c, 0);
  if (!id.empty() && id[0] != '/' && c.ctx.template_resource)
    if (auto r = c.ctx.template_resource(id)) id = r->resource_id;
  return c.ctx.resolver->list(id, c.name, arg_string(c, 1));
}

json resource_group(Call& c) {
  expect_args(c, 0, 0);
  const DeploymentScope& s = *c.ctx.scope;
  if (s.resource_group.empty()) not_expected(c, "The deployment is not at resource group scope.");
  json rg = s.resource_group_object.is_object() ? s.resource_group_object : json::object();
  if (!rg.contains("id")) rg["id"] = scope_prefix(s.subscription_id, s.resource_group);
  if (!rg.contains("name")) rg["name"] = s.resource_group;
  if (!rg.contains("type")) rg["type"] = "Microsoft.Resources/resourceGroups";
  if (!rg.contains("location")) rg["location"] = s.location;
  if (!rg.contains("properties")) rg["properties"] = {{"provisioningState", "Succeeded"}};
  return rg;
}

json subscription(Call& c) {
  expect_args(c, 0, 0);
  const DeploymentScope& s = *c.ctx.scope;
  json sub = s.subscription.is_object() ? s.subscription : json::object();
  if (!sub.contains("id")) sub["id"] = "/subscriptions/" + s.subscription_id;
  if (!sub.contains("subscriptionId")) sub["subscriptionId"] = s.subscription_id;
  if (!sub.contains("tenantId")) sub["tenantId"] = s.tenant_id;
  if (!sub.contains("displayName")) sub["displayName"] = s.subscription_id;
  return sub;
}

json deployment(Call& c) {
  expect_args(c, 0, 0);
  const DeploymentScope& s = *c.ctx.scope;
  json d = {{"name", s.deployment_name}, {"properties", s.deployment_properties}};
  if (s.resource_group.empty() && !s.location.empty()) d["location"] = s.location;
  return d;
}

// The public Azure cloud's values: templates use environment() mostly for DNS suffixes.
json environment(Call& c) {
  expect_args(c, 0, 0);
  return {{"name", "AzureCloud"},
          {"gallery", "https://gallery.azure.com/"},
          {"graph", "https://graph.windows.net/"},
          {"portal", "https://portal.azure.com"},
          {"graphAudience", "https://graph.windows.net/"},
          {"activeDirectoryDataLake", "https://datalake.azure.net/"},
          {"batch", "https://batch.core.windows.net/"},
          {"media", "https://rest.media.azure.net"},
          {"sqlManagement", "https://management.core.windows.net:8443/"},
          {"vmImageAliasDoc", "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json"},
          {"resourceManager", "https://management.azure.com/"},
          {"authentication",
           {{"loginEndpoint", "https://login.microsoftonline.com/"},
            {"audiences", {"https://management.core.windows.net/", "https://management.azure.com/"}},
            {"tenant", "common"},
            {"identityProvider", "AAD"}}},
          {"suffixes",
           {{"acrLoginServer", ".azurecr.io"},
            {"azureDatalakeAnalyticsCatalogAndJob", "azuredatalakeanalytics.net"},
            {"azureDatalakeStoreFileSystem", "azuredatalakestore.net"},
            {"azureFrontDoorEndpointSuffix", "azurefd.net"},
            {"keyvaultDns", ".vault.azure.net"},
            {"sqlServerHostname", ".database.windows.net"},
            {"storage", "core.windows.net"}}}};
}

}  // namespace

void register_deployment_functions(FunctionTable& t) {
  t.add("parameters", [](Call& c) -> json {
    expect_args(c, 1, 1);
    if (!c.ctx.parameter) not_expected(c);
    return c.ctx.parameter(arg_string(c, 0));
  });
  t.add("variables", [](Call& c) -> json {
    expect_args(c, 1, 1);
    if (!c.ctx.variable) not_expected(c);
    return c.ctx.variable(arg_string(c, 0));
  });
  t.add("copyIndex", copy_index);
  t.add("resourceId", resource_id);
  t.add("subscriptionResourceId", subscription_resource_id);
  t.add("tenantResourceId", [](Call& c) -> json {
    expect_args(c, 2, SIZE_MAX);
    return id_from(c, "", 0);
  });
  t.add("extensionResourceId", [](Call& c) -> json {
    expect_args(c, 3, SIZE_MAX);
    std::string base = arg_string(c, 0);
    while (!base.empty() && base.back() == '/') base.pop_back();
    return id_from(c, base, 1);
  });
  t.add("resourceGroup", resource_group);
  t.add("subscription", subscription);
  t.add("tenant", [](Call& c) -> json {
    expect_args(c, 0, 0);
    return {{"tenantId", c.ctx.scope->tenant_id}, {"countryCode", "US"}, {"displayName", "Default Directory"}};
  });
  t.add("deployment", deployment);
  t.add("environment", environment);
  t.add("reference", reference);
  t.add("list*", list_function);
}

}  // namespace azemu::arm::tmpl
