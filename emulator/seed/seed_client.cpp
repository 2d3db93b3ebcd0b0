// See seed_client.hpp. Every call is a REST request through the pipeline; nothing here writes a
// table.
#include "emulator/seed/seed_client.hpp"

#include "emulator/error/azure_error.hpp"
#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "emulator/log/log.hpp"

namespace azemu::seed {

namespace {
constexpr const char* kArm = "https://management.azure.com";
constexpr const char* kGroupsApi = "2022-09-01";
constexpr const char* kVaultsApi = "2023-02-01";
constexpr const char* kAuthorizationApi = "2022-04-01";
constexpr const char* kVaultDataApi = "7.4";
// Built-in role "Key Vault Administrator": all data actions on keys, secrets and certificates.
constexpr const char* kKeyVaultAdministratorRole = "00482a5a-887f-4fb3-b363-3b7fe8e74483";

AzureError refused(const std::string& where, const std::string& what) {
  return AzureError(ErrorKind::BadRequest, "InvalidSeed", where + ": " + what);
}

// "400 VaultNameNotValid: The vault name ..." from an ARM/Key Vault/Entra error body.
std::string describe(int status, const nlohmann::json& body) {
  std::string out = std::to_string(status);
  if (body.is_object() && body.contains("error")) {
    const auto& e = body["error"];
    if (e.is_object()) return out + " " + e.value("code", "") + ": " + e.value("message", "");
    if (e.is_string()) return out + " " + e.get<std::string>() + ": " + body.value("error_description", "");
  }
  return out;
}

void count(nlohmann::json& counts, const char* section, bool created) {
  auto& c = counts[section];
  if (c.is_null()) c = {{"created", 0}, {"unchanged", 0}};
  c[created ? "created" : "unchanged"] = c[created ? "created" : "unchanged"].get<int>() + 1;
}

// A name from the file as one path segment: "a/b" or "k?x" cannot reach another route or add a query;
// the service then judges the name as it would a client's.
std::string seg(const nlohmann::json& name) { return text::percent_encode(name.get<std::string>()); }

std::string at(const char* section, std::size_t i) { return std::string(section) + "[" + std::to_string(i) + "]"; }
}  // namespace

SeedClient::Answer SeedClient::call(const std::string& method, const std::string& url, const std::string& token,
                                    const nlohmann::json& body) const {
  http::Request req;
  req.method = method;
  http::parse_target(req, url);
  if (!token.empty()) req.headers.emplace_back("authorization", "Bearer " + token);
  if (!body.is_null()) {
    req.headers.emplace_back("content-type", "application/json");
    req.body = body.dump();
  }
  req.headers.emplace_back("user-agent", "azemu-seed");
  http::Reply reply = pipeline_.handle(req);
  if (reply.durable_after) reply.durable_after->wait();
  Answer a;
  a.status = reply.status;
  if (!reply.body.empty()) a.body = nlohmann::json::parse(reply.body, nullptr, false);
  return a;
}

std::string SeedClient::token(const std::string& scope) const {
  http::Request req;
  req.method = "POST";
  http::parse_target(req, "https://login.microsoftonline.com/" + ids_.tenant_id + "/oauth2/v2.0/token");
  req.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  req.body = "grant_type=client_credentials&client_id=" + text::percent_encode(ids_.client_id) +
             "&client_secret=" + text::percent_encode(ids_.client_secret) + "&scope=" + text::percent_encode(scope);
  http::Reply reply = pipeline_.handle(req);
  auto body = nlohmann::json::parse(reply.body, nullptr, false);
  if (reply.status != 200 || !body.is_object() || !body.contains("access_token"))
    throw AzureError(ErrorKind::Internal, "SeedTokenFailed",
                     "the bootstrap service principal could not get a token: " + describe(reply.status, body));
  return body["access_token"].get<std::string>();
}

std::string SeedClient::role_definition_id(const std::string& token, const std::string& scope, const std::string& role,
                                           const std::string& where) const {
  if (ids::is_guid(role))
    return "/subscriptions/" + ids_.subscription_id + "/providers/Microsoft.Authorization/roleDefinitions/" + role;
  auto a = call("GET", kArm + scope + "/providers/Microsoft.Authorization/roleDefinitions?api-version=" +
                           kAuthorizationApi + "&$filter=" + text::percent_encode("roleName eq '" + role + "'"),
                token);
  if (a.status != 200) throw refused(where, "looking up role '" + role + "': " + describe(a.status, a.body));
  if (!a.body.contains("value") || a.body["value"].empty())
    throw refused(where + ".role", "no role definition named '" + role + "' at " + scope);
  return a.body["value"][0].value("id", "");
}

void SeedClient::put_role_assignment(const std::string& token, const std::string& scope, const std::string& principal,
                                     const std::string& principal_type, const std::string& role_id,
                                     const std::string& where, nlohmann::json& counts) const {
  std::string role_guid = role_id.substr(role_id.rfind('/') + 1);
  std::string name = ids::name_guid("azemu-seed:" + text::to_lower(scope) + "|" + text::to_lower(principal) + "|" +
                                    text::to_lower(role_guid));
  nlohmann::json props = {{"roleDefinitionId", role_id}, {"principalId", principal}};
  if (!principal_type.empty()) props["principalType"] = principal_type;
  auto a = call("PUT", kArm + scope + "/providers/Microsoft.Authorization/roleAssignments/" + name +
                           "?api-version=" + kAuthorizationApi,
                token, {{"properties", props}});
  // 409 RoleAssignmentExists: the same principal, role and scope under another name (made by a client).
  bool exists = a.status == 409 && a.body.is_object() && a.body.contains("error") &&
                a.body["error"].value("code", "") == "RoleAssignmentExists";
  if (a.status != 200 && a.status != 201 && !exists) throw refused(where, describe(a.status, a.body));
  count(counts, "roleAssignments", a.status == 201);
}

nlohmann::json SeedClient::apply(const nlohmann::json& doc) {
  nlohmann::json counts = nlohmann::json::object();
  const bool any_arm = !doc["resourceGroups"].empty() || !doc["vaults"].empty() || !doc["roleAssignments"].empty();
  if (!any_arm) return counts;
  const std::string arm = token("https://management.azure.com/.default");

  const auto& groups = doc["resourceGroups"];
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const auto& g = groups[i];
    std::string sub = g.value("subscriptionId", ids_.subscription_id);
    nlohmann::json body = {{"location", g["location"]}};
    if (g.contains("tags")) body["tags"] = g["tags"];
    auto a = call("PUT", std::string(kArm) + "/subscriptions/" + sub + "/resourcegroups/" + seg(g["name"]) +
                             "?api-version=" + kGroupsApi,
                  arm, body);
    if (a.status != 200 && a.status != 201) throw refused(at("resourceGroups", i), describe(a.status, a.body));
    count(counts, "resourceGroups", a.status == 201);
  }

  const auto& vaults = doc["vaults"];
  for (std::size_t i = 0; i < vaults.size(); ++i) {
    const auto& v = vaults[i];
    const std::string where = at("vaults", i);
    std::string sub = v.value("subscriptionId", ids_.subscription_id);
    std::string group_id = "/subscriptions/" + sub + "/resourceGroups/" + seg(v["resourceGroup"]);
    std::string vault_id = group_id + "/providers/Microsoft.KeyVault/vaults/" + seg(v["name"]);
    std::string location = v.value("location", "");
    if (location.empty()) {  // the group's, as the portal and templates default it
      auto g = call("GET", kArm + group_id + "?api-version=" + kGroupsApi, arm);
      if (g.status != 200) throw refused(where, "its resource group: " + describe(g.status, g.body));
      location = g.body.value("location", "");
    }
    nlohmann::json props = v.value("properties", nlohmann::json::object());
    if (!props.contains("tenantId")) props["tenantId"] = ids_.tenant_id;
    if (!props.contains("sku")) props["sku"] = {{"family", "A"}, {"name", "standard"}};
    if (!props.contains("accessPolicies")) props["accessPolicies"] = nlohmann::json::array();
    const bool has_objects = !v.value("keys", nlohmann::json::array()).empty() ||
                             !v.value("secrets", nlohmann::json::array()).empty();
    const bool rbac = props.value("enableRbacAuthorization", false);
    if (has_objects && !rbac && props["accessPolicies"].is_array()) {
      bool listed = false;
      for (const auto& p : props["accessPolicies"])
        listed |= p.is_object() && text::iequals(p.value("objectId", ""), ids_.client_object_id);
      if (!listed)
        props["accessPolicies"].push_back(
            {{"tenantId", ids_.tenant_id},
             {"objectId", ids_.client_object_id},
             {"permissions",
              {{"keys", {"all"}}, {"secrets", {"all"}}, {"certificates", nlohmann::json::array()}}}});
    }
    nlohmann::json body = {{"location", location}, {"properties", props}};
    if (v.contains("tags")) body["tags"] = v["tags"];
    auto a = call("PUT", kArm + vault_id + "?api-version=" + kVaultsApi, arm, body);
    if (a.status != 200 && a.status != 201) throw refused(where, describe(a.status, a.body));
    count(counts, "vaults", a.status == 201);
    if (has_objects && rbac)
      put_role_assignment(arm, vault_id, ids_.client_object_id, "ServicePrincipal",
                          "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleDefinitions/" +
                              kKeyVaultAdministratorRole,
                          where, counts);
  }

  const auto& assignments = doc["roleAssignments"];
  for (std::size_t i = 0; i < assignments.size(); ++i) {
    const auto& r = assignments[i];
    const std::string where = at("roleAssignments", i);
    std::string scope = r["scope"].get<std::string>();
    if (scope.size() > 1 && scope.back() == '/') scope.pop_back();
    if (scope.empty() || scope[0] != '/') throw refused(where + ".scope", "must be an ARM id such as /subscriptions/...");
    put_role_assignment(arm, scope, r["principalId"].get<std::string>(), r.value("principalType", ""),
                        role_definition_id(arm, scope, r["role"].get<std::string>(), where), where, counts);
  }

  std::string vault_token;
  for (std::size_t i = 0; i < vaults.size(); ++i) {
    const auto& v = vaults[i];
    const auto keys = v.value("keys", nlohmann::json::array());
    const auto secrets = v.value("secrets", nlohmann::json::array());
    if (keys.empty() && secrets.empty()) continue;
    if (vault_token.empty()) vault_token = token("https://vault.azure.net/.default");
    const std::string base = "https://" + v["name"].get<std::string>() + ".vault.azure.net";
    for (std::size_t k = 0; k < keys.size(); ++k) {
      const auto& key = keys[k];
      const std::string where = at("vaults", i) + "." + at("keys", k);
      const std::string url = base + "/keys/" + seg(key["name"]);
      auto existing = call("GET", url + "?api-version=" + kVaultDataApi, vault_token);
      if (existing.status == 200) {
        count(counts, "keys", false);
        continue;
      }
      if (existing.status != 404) throw refused(where, describe(existing.status, existing.body));
      nlohmann::json body = nlohmann::json::object();
      if (key.contains("tags")) body["tags"] = key["tags"];
      if (key.contains("enabled")) body["attributes"] = {{"enabled", key["enabled"]}};
      Answer a;
      if (key.contains("jwk")) {
        body["key"] = key["jwk"];
        a = call("PUT", url + "?api-version=" + kVaultDataApi, vault_token, body);
      } else {
        body["kty"] = key.value("kty", "RSA");
        if (key.contains("keySize")) body["key_size"] = key["keySize"];
        if (key.contains("curve")) body["crv"] = key["curve"];
        if (key.contains("keyOps")) body["key_ops"] = key["keyOps"];
        a = call("POST", url + "/create?api-version=" + kVaultDataApi, vault_token, body);
      }
      if (a.status != 200) throw refused(where, describe(a.status, a.body));
      count(counts, "keys", true);
    }
    for (std::size_t s = 0; s < secrets.size(); ++s) {
      const auto& secret = secrets[s];
      const std::string where = at("vaults", i) + "." + at("secrets", s);
      const std::string url = base + "/secrets/" + seg(secret["name"]) + "?api-version=" + kVaultDataApi;
      auto existing = call("GET", url, vault_token);
      // A disabled secret answers 403 and cannot be compared: it exists, so it is kept.
      bool same = (existing.status == 200 && existing.body.value("value", "") == secret["value"].get<std::string>() &&
                   existing.body.value("contentType", "") == secret.value("contentType", "")) ||
                  (existing.status == 403 && existing.body.is_object() &&
                   existing.body.value(nlohmann::json::json_pointer("/error/innererror/code"), "") == "SecretDisabled");
      if (same) {
        count(counts, "secrets", false);
        continue;
      }
      if (existing.status != 200 && existing.status != 404) throw refused(where, describe(existing.status, existing.body));
      nlohmann::json body = {{"value", secret["value"]}};
      if (secret.contains("contentType")) body["contentType"] = secret["contentType"];
      if (secret.contains("tags")) body["tags"] = secret["tags"];
      if (secret.contains("enabled")) body["attributes"] = {{"enabled", secret["enabled"]}};
      auto a = call("PUT", url, vault_token, body);
      if (a.status != 200) throw refused(where, describe(a.status, a.body));
      count(counts, "secrets", true);
    }
  }
  return counts;
}

}  // namespace azemu::seed
