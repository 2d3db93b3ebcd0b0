// See seed_document.hpp. The format is a table of shapes: each object kind lists its fields with a
// type and whether it is required; one recursive check walks the document against it.
#include "emulator/seed/seed_document.hpp"

#include "emulator/error/azure_error.hpp"
#include "emulator/ids/guid.hpp"
#include "emulator/json/request_json.hpp"

#include <initializer_list>
#include <vector>

namespace azemu::seed {

namespace {

enum class Kind {
  text,        // a string
  guid,        // a string holding a GUID
  boolean,
  integer,
  object,      // any JSON object, passed to the service as is (a vault's ARM properties, a JWK)
  string_map,  // an object of strings (tags)
  strings,     // an array of strings
  list,        // an array of objects of the field's shape
};

struct Shape;
struct Field {
  const char* name;
  Kind kind;
  bool required = false;
  const Shape* items = nullptr;  // Kind::list
};
struct Shape {
  std::vector<Field> fields;
};

const Shape kTenant{{{"id", Kind::guid, true}, {"domain", Kind::text, true}, {"displayName", Kind::text}}};
const Shape kSubscription{{{"id", Kind::guid, true}, {"displayName", Kind::text}, {"tenantId", Kind::guid}}};
const Shape kUser{{{"userPrincipalName", Kind::text, true},
                   {"id", Kind::guid},
                   {"password", Kind::text},
                   {"displayName", Kind::text},
                   {"tenantId", Kind::guid},
                   {"accountEnabled", Kind::boolean}}};
const Shape kClientSecret{
    {{"value", Kind::text, true}, {"keyId", Kind::guid}, {"displayName", Kind::text}, {"endDateTime", Kind::text}}};
const Shape kApplication{{{"displayName", Kind::text, true},
                          {"appId", Kind::guid},
                          {"objectId", Kind::guid},
                          {"servicePrincipalId", Kind::guid},
                          {"tenantId", Kind::guid},
                          {"identifierUris", Kind::strings},
                          {"secrets", Kind::list, false, &kClientSecret}}};
const Shape kResourceGroup{{{"name", Kind::text, true},
                            {"location", Kind::text, true},
                            {"subscriptionId", Kind::guid},
                            {"tags", Kind::string_map}}};
const Shape kKey{{{"name", Kind::text, true},
                  {"kty", Kind::text},
                  {"keySize", Kind::integer},
                  {"curve", Kind::text},
                  {"keyOps", Kind::strings},
                  {"tags", Kind::string_map},
                  {"enabled", Kind::boolean},
                  {"jwk", Kind::object}}};
const Shape kSecret{{{"name", Kind::text, true},
                     {"value", Kind::text, true},
                     {"contentType", Kind::text},
                     {"tags", Kind::string_map},
                     {"enabled", Kind::boolean}}};
const Shape kVault{{{"name", Kind::text, true},
                    {"resourceGroup", Kind::text, true},
                    {"location", Kind::text},
                    {"subscriptionId", Kind::guid},
                    {"tags", Kind::string_map},
                    {"properties", Kind::object},
                    {"keys", Kind::list, false, &kKey},
                    {"secrets", Kind::list, false, &kSecret}}};
const Shape kRoleAssignment{{{"principalId", Kind::guid, true},
                             {"role", Kind::text, true},
                             {"scope", Kind::text, true},
                             {"principalType", Kind::text}}};
const Shape kDocument{{{"description", Kind::text},
                       {"tenants", Kind::list, false, &kTenant},
                       {"subscriptions", Kind::list, false, &kSubscription},
                       {"users", Kind::list, false, &kUser},
                       {"applications", Kind::list, false, &kApplication},
                       {"resourceGroups", Kind::list, false, &kResourceGroup},
                       {"vaults", Kind::list, false, &kVault},
                       {"roleAssignments", Kind::list, false, &kRoleAssignment}}};

AzureError invalid(const std::string& where, const std::string& what) {
  return AzureError(ErrorKind::BadRequest, "InvalidSeed", (where.empty() ? "" : where + ": ") + what);
}

std::string join(const std::string& path, const std::string& name) { return path.empty() ? name : path + "." + name; }

void check(const nlohmann::json& value, const Shape& shape, const std::string& path);

void check_field(const nlohmann::json& v, const Field& f, const std::string& where) {
  switch (f.kind) {
    case Kind::text:
      if (!v.is_string() || v.get_ref<const std::string&>().empty()) throw invalid(where, "must be a non-empty string");
      return;
    case Kind::guid:
      if (!v.is_string() || !ids::is_guid(v.get_ref<const std::string&>())) throw invalid(where, "must be a GUID");
      return;
    case Kind::boolean:
      if (!v.is_boolean()) throw invalid(where, "must be true or false");
      return;
    case Kind::integer:
      if (!v.is_number_integer()) throw invalid(where, "must be an integer");
      return;
    case Kind::object:
      if (!v.is_object()) throw invalid(where, "must be an object");
      return;
    case Kind::string_map:
      if (!v.is_object()) throw invalid(where, "must be an object of strings");
      for (const auto& [k, s] : v.items())
        if (!s.is_string()) throw invalid(where + "." + k, "must be a string");
      return;
    case Kind::strings:
      if (!v.is_array()) throw invalid(where, "must be an array of strings");
      for (std::size_t i = 0; i < v.size(); ++i)
        if (!v[i].is_string()) throw invalid(where + "[" + std::to_string(i) + "]", "must be a string");
      return;
    case Kind::list:
      if (!v.is_array()) throw invalid(where, "must be an array");
      for (std::size_t i = 0; i < v.size(); ++i) check(v[i], *f.items, where + "[" + std::to_string(i) + "]");
      return;
  }
}

void check(const nlohmann::json& value, const Shape& shape, const std::string& path) {
  if (!value.is_object()) throw invalid(path, "must be an object");
  for (const auto& [key, v] : value.items()) {
    const Field* field = nullptr;
    for (const auto& f : shape.fields)
      if (key == f.name) field = &f;
    if (!field) {
      std::string known;
      for (const auto& f : shape.fields) known += (known.empty() ? "" : ", ") + std::string(f.name);
      throw invalid(path, "unknown field '" + key + "' (known: " + known + ")");
    }
    check_field(v, *field, join(path, key));
  }
  for (const auto& f : shape.fields)
    if (f.required && !value.contains(f.name)) throw invalid(path, "'" + std::string(f.name) + "' is required");
}

// ${name} → the bootstrap identity's value, in every string of the document.
void resolve_placeholders(nlohmann::json& v, const ports::Seed& ids, const std::string& path) {
  if (v.is_object()) {
    for (auto& [k, child] : v.items()) resolve_placeholders(child, ids, join(path, k));
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) resolve_placeholders(v[i], ids, path + "[" + std::to_string(i) + "]");
  } else if (v.is_string()) {
    std::string s = v.get<std::string>();
    std::string out;
    std::size_t pos = 0;
    while (true) {
      std::size_t open = s.find("${", pos);
      if (open == std::string::npos) break;
      std::size_t close = s.find('}', open);
      if (close == std::string::npos) throw invalid(path, "unterminated placeholder '" + s.substr(open) + "'");
      std::string name = s.substr(open + 2, close - open - 2);
      out += s.substr(pos, open - pos);
      if (name == "tenantId") out += ids.tenant_id;
      else if (name == "subscriptionId") out += ids.subscription_id;
      else if (name == "clientId") out += ids.client_id;
      else if (name == "adminUser") out += ids.admin_user;
      else throw invalid(path, "unknown placeholder '${" + name + "}' (known: tenantId, subscriptionId, clientId, adminUser)");
      pos = close + 1;
    }
    if (pos) v = out + s.substr(pos);
  }
}

}  // namespace

nlohmann::json parse_seed_document(const std::string& text, const ports::Seed& identities) {
  // Seeds are small (a lab's cloud); the limit keeps a mistaken file from becoming a memory hog.
  constexpr std::size_t kMaxSeedBytes = 4 * 1024 * 1024;
  if (text.size() > kMaxSeedBytes) throw invalid("", "a seed file is limited to 4 MB");
  nlohmann::json doc;
  try {
    doc = json::parse_request_json(text);  // UTF-8 and nesting checked before a tree is built
  } catch (const json::RequestJsonRejected& e) {
    throw invalid("", std::string("the seed is not valid JSON: ") + e.what());
  }
  resolve_placeholders(doc, identities, "");
  check(doc, kDocument, "");
  for (const auto& f : kDocument.fields)
    if (f.kind == Kind::list && !doc.contains(f.name)) doc[f.name] = nlohmann::json::array();
  return doc;
}

}  // namespace azemu::seed
