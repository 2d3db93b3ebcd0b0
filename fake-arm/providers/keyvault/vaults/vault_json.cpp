// Vault wire shapes (Spec: keyvault resource-manager 2022-07-01 keyvault.json Vault, VaultProperties,
// VaultPatchParameters, VaultAccessPolicyParameters, DeletedVault, CheckNameAvailabilityResult).
// Every wire name of the management plane is written here, once.
#include "fake-arm/providers/keyvault/vaults/vault_model.hpp"

#include "emulator/exec/clock.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/core/tags.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

namespace {
using nlohmann::json;

void require_object(const json& j, const std::string& what) {
  if (!j.is_object()) throw errors::invalid_request_content(what + " must be a JSON object");
}

std::optional<std::string> opt_string(const json& j, const char* field, const std::string& where) {
  if (!j.contains(field) || j[field].is_null()) return std::nullopt;
  if (!j[field].is_string()) throw errors::invalid_request_content(where + field + " must be a string");
  return j[field].get<std::string>();
}

std::optional<bool> opt_bool(const json& j, const char* field) {
  if (!j.contains(field) || j[field].is_null()) return std::nullopt;
  if (!j[field].is_boolean()) throw errors::invalid_request_content(std::string("properties.") + field + " must be a boolean");
  return j[field].get<bool>();
}

std::optional<int> opt_int(const json& j, const char* field) {
  if (!j.contains(field) || j[field].is_null()) return std::nullopt;
  if (!j[field].is_number_integer()) throw errors::invalid_request_content(std::string("properties.") + field + " must be an integer");
  return j[field].get<int>();
}

std::vector<std::string> string_list(const json& j, const char* field, const std::string& where) {
  std::vector<std::string> out;
  if (!j.contains(field) || j[field].is_null()) return out;
  if (!j[field].is_array()) throw errors::invalid_request_content(where + field + " must be an array");
  for (const auto& v : j[field]) {
    if (!v.is_string()) throw errors::invalid_request_content(where + field + " must hold strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::vector<AccessPolicy> policies_from(const json& arr) {
  if (!arr.is_array()) throw errors::invalid_request_content("properties.accessPolicies must be an array");
  std::vector<AccessPolicy> out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string where = "accessPolicies[" + std::to_string(i) + "].";
    const json& e = arr[i];
    require_object(e, where.substr(0, where.size() - 1));
    AccessPolicy p;
    p.tenant_id = opt_string(e, "tenantId", where).value_or("");
    p.object_id = opt_string(e, "objectId", where).value_or("");
    p.application_id = opt_string(e, "applicationId", where).value_or("");
    if (e.contains("permissions") && !e["permissions"].is_null()) {
      const json& perms = e["permissions"];
      require_object(perms, where + "permissions");
      const std::string pw = where + "permissions.";
      p.keys = string_list(perms, "keys", pw);
      p.secrets = string_list(perms, "secrets", pw);
      p.certificates = string_list(perms, "certificates", pw);
      p.storage = string_list(perms, "storage", pw);
    }
    out.push_back(std::move(p));
  }
  return out;
}

json policy_json(const AccessPolicy& p) {
  json j = {{"tenantId", p.tenant_id},
            {"objectId", p.object_id},
            {"permissions",
             {{"keys", p.keys}, {"secrets", p.secrets}, {"certificates", p.certificates}, {"storage", p.storage}}}};
  if (!p.application_id.empty()) j["applicationId"] = p.application_id;
  return j;
}

json policies_json(const std::vector<AccessPolicy>& ps) {
  json arr = json::array();
  for (const auto& p : ps) arr.push_back(policy_json(p));
  return arr;
}

VaultInput properties_from(const json& props) {
  require_object(props, "properties");
  VaultInput in;
  in.tenant_id = opt_string(props, "tenantId", "properties.");
  if (props.contains("sku") && !props["sku"].is_null()) {
    require_object(props["sku"], "properties.sku");
    in.sku_name = opt_string(props["sku"], "name", "properties.sku.");
    in.sku_family = opt_string(props["sku"], "family", "properties.sku.");
  }
  if (props.contains("accessPolicies") && !props["accessPolicies"].is_null())
    in.access_policies = policies_from(props["accessPolicies"]);
  in.enabled_for_deployment = opt_bool(props, "enabledForDeployment");
  in.enabled_for_disk_encryption = opt_bool(props, "enabledForDiskEncryption");
  in.enabled_for_template_deployment = opt_bool(props, "enabledForTemplateDeployment");
  in.enable_soft_delete = opt_bool(props, "enableSoftDelete");
  in.enable_rbac_authorization = opt_bool(props, "enableRbacAuthorization");
  in.enable_purge_protection = opt_bool(props, "enablePurgeProtection");
  in.soft_delete_retention_days = opt_int(props, "softDeleteRetentionInDays");
  in.create_mode = opt_string(props, "createMode", "properties.");
  in.public_network_access = opt_string(props, "publicNetworkAccess", "properties.");
  if (props.contains("networkAcls") && !props["networkAcls"].is_null()) {
    require_object(props["networkAcls"], "properties.networkAcls");
    in.network_acls = props["networkAcls"];
  }
  // Read-only fields clients echo back (vaultUri, provisioningState, hsmPoolResourceId,
  // privateEndpointConnections) are ignored, as Azure does (az keyvault set-policy sends them).
  return in;
}

std::string created_by_type(const std::string& t) { return t.empty() ? "Application" : t; }

json system_data_json(const VaultSystemData& s) {
  return {{"createdBy", s.created_by},
          {"createdByType", created_by_type(s.created_by_type)},
          {"createdAt", exec::iso8601(s.created_at)},
          {"lastModifiedBy", s.last_modified_by},
          {"lastModifiedByType", created_by_type(s.last_modified_by_type)},
          {"lastModifiedAt", exec::iso8601(s.last_modified_at)}};
}
}  // namespace

VaultInput vault_put_from_json(const json& body) {
  require_object(body, "the request body");
  if (!body.contains("properties") || body["properties"].is_null())
    throw errors::invalid_vault_parameter("The parameter properties is required.");
  VaultInput in = properties_from(body["properties"]);
  in.location = opt_string(body, "location", "");
  in.tags = validated_tags(body.value("tags", json()));
  return in;
}

VaultInput vault_patch_from_json(const json& body) {
  require_object(body, "the request body");
  VaultInput in;
  if (body.contains("properties") && !body["properties"].is_null()) in = properties_from(body["properties"]);
  if (body.contains("tags")) in.tags = validated_tags(body["tags"]);
  return in;
}

std::vector<AccessPolicy> access_policy_parameters_from_json(const json& body) {
  require_object(body, "the request body");
  if (!body.contains("properties") || !body["properties"].is_object() ||
      !body["properties"].contains("accessPolicies"))
    throw errors::invalid_vault_parameter("The parameter properties.accessPolicies is required.");
  return policies_from(body["properties"]["accessPolicies"]);
}

std::pair<std::string, std::string> name_check_from_json(const json& body) {
  require_object(body, "the request body");
  return {opt_string(body, "name", "").value_or(""), opt_string(body, "type", "").value_or("")};
}

std::string vault_uri(const std::string& name, const std::string& vault_dns) {
  return "https://" + text::to_lower(name) + "." + vault_dns + "/";
}

std::string deleted_vault_id(const std::string& sub, const std::string& location, const std::string& name) {
  return "/subscriptions/" + sub + "/providers/Microsoft.KeyVault/locations/" + location + "/deletedVaults/" + name;
}

json to_json(const Vault& v, const std::string& vault_dns) {
  json props = {{"sku", {{"family", "A"}, {"name", v.sku}}},
                {"tenantId", v.tenant_id},
                {"accessPolicies", policies_json(v.access_policies)},
                {"enabledForDeployment", v.enabled_for_deployment},
                {"enabledForDiskEncryption", v.enabled_for_disk_encryption},
                {"enabledForTemplateDeployment", v.enabled_for_template_deployment},
                {"enableSoftDelete", true},
                {"softDeleteRetentionInDays", v.soft_delete_retention_days},
                {"enableRbacAuthorization", v.enable_rbac_authorization},
                {"vaultUri", vault_uri(v.name(), vault_dns)},
                {"provisioningState", "Succeeded"},
                {"publicNetworkAccess", v.public_network_access}};
  if (v.enable_purge_protection) props["enablePurgeProtection"] = true;
  if (v.network_acls) props["networkAcls"] = *v.network_acls;
  return {{"id", v.id.str()},
          {"name", v.name()},
          {"type", kVaultType},
          {"location", v.location},
          {"tags", v.tags},
          {"systemData", system_data_json(v.system_data)},
          {"properties", std::move(props)}};
}

json access_policy_parameters_json(const Vault& v, const std::string& kind, const std::vector<AccessPolicy>& given) {
  return {{"id", v.id.str() + "/accessPolicies/" + kind},
          {"name", kind},
          {"type", "Microsoft.KeyVault/vaults/accessPolicies"},
          {"location", v.location},
          {"properties", {{"accessPolicies", policies_json(given)}}}};
}

json to_json(const DeletedVault& d) {
  const Vault& v = d.vault;
  return {{"id", deleted_vault_id(v.id.subscription_id(), v.location, v.name())},
          {"name", v.name()},
          {"type", kDeletedVaultType},
          {"properties",
           {{"vaultId", v.id.str()},
            {"location", v.location},
            {"deletionDate", exec::iso8601(d.deleted_at)},
            {"scheduledPurgeDate", exec::iso8601(d.scheduled_purge_at)},
            {"tags", v.tags},
            {"purgeProtectionEnabled", v.enable_purge_protection}}}};
}

json to_json(const NameAvailability& n) {
  json j = {{"nameAvailable", n.available}};
  if (!n.available) {
    j["reason"] = n.reason;
    j["message"] = n.message;
  }
  return j;
}

StoredResource to_stored(const Vault& v, std::int64_t created_at, std::int64_t changed_at) {
  json body = to_json(v, "vault.azure.net");
  // Raw times and principal types survive the round trip without re-parsing ISO strings.
  body["systemData"] = {{"createdBy", v.system_data.created_by},
                        {"createdByType", v.system_data.created_by_type},
                        {"createdAt", v.system_data.created_at},
                        {"lastModifiedBy", v.system_data.last_modified_by},
                        {"lastModifiedByType", v.system_data.last_modified_by_type},
                        {"lastModifiedAt", v.system_data.last_modified_at}};
  return StoredResource{v.id, kVaultType, v.location, v.tags, std::move(body), created_at, changed_at};
}

Vault vault_from_body(const ResourceId& id, const json& body) {
  Vault v;
  v.id = id;
  if (!body.is_object()) return v;
  v.location = body.value("location", "");
  v.tags = body.value("tags", json::object());
  // Tolerant: rows written by other code (tests, the generic route) may lack properties.
  const json p = body.is_object() ? body.value("properties", json::object()) : json::object();
  v.tenant_id = p.value("tenantId", "");
  v.sku = p.value("sku", json::object()).value("name", "standard");
  v.access_policies = policies_from(p.value("accessPolicies", json::array()));
  v.enabled_for_deployment = p.value("enabledForDeployment", false);
  v.enabled_for_disk_encryption = p.value("enabledForDiskEncryption", false);
  v.enabled_for_template_deployment = p.value("enabledForTemplateDeployment", false);
  v.enable_rbac_authorization = p.value("enableRbacAuthorization", false);
  v.soft_delete_retention_days = p.value("softDeleteRetentionInDays", 90);
  v.enable_purge_protection = p.value("enablePurgeProtection", false);
  v.public_network_access = p.value("publicNetworkAccess", "Enabled");
  if (p.contains("networkAcls")) v.network_acls = p["networkAcls"];
  const json& s = body.value("systemData", json::object());
  v.system_data.created_by = s.value("createdBy", "");
  v.system_data.created_by_type = s.value("createdByType", "");
  v.system_data.created_at = s.value("createdAt", std::int64_t{0});
  v.system_data.last_modified_by = s.value("lastModifiedBy", "");
  v.system_data.last_modified_by_type = s.value("lastModifiedByType", "");
  v.system_data.last_modified_at = s.value("lastModifiedAt", std::int64_t{0});
  return v;
}

ports::VaultInfo to_vault_info(const Vault& v) {
  ports::VaultInfo i;
  i.name = text::to_lower(v.name());
  i.resource_id = v.id.str();
  i.subscription_id = v.id.subscription_id();
  i.location = v.location;
  i.tenant_id = v.tenant_id;
  i.sku = v.sku;
  i.enabled_for_disk_encryption = v.enabled_for_disk_encryption;
  i.enabled_for_deployment = v.enabled_for_deployment;
  i.enabled_for_template_deployment = v.enabled_for_template_deployment;
  i.enable_rbac_authorization = v.enable_rbac_authorization;
  i.purge_protection = v.enable_purge_protection;
  i.soft_delete_retention_days = v.soft_delete_retention_days;
  i.access_policies = v.access_policies;
  return i;
}

}  // namespace azemu::arm
