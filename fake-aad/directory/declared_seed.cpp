// aad::apply_directory_seed(): the directory sections of a seed file (emulator/seed/seed_document.hpp)
// — tenants, users, applications with their service principal and client secrets — written with
// the ids the file fixes. Ids the file leaves out derive from the object's name (name_guid), so the
// same file always names the same objects. Every conflict is found before the first write (a UPN
// or appId owned by another id, an unknown tenant), so a refused file changes nothing.
#include "fake-aad/mount.hpp"

#include "fake-aad/directory/directory_rows.hpp"
#include "fake-aad/directory/directory_store.hpp"
#include "fake-aad/graph/graph_values.hpp"

#include "emulator/error/azure_error.hpp"
#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

#include <set>

namespace azemu::aad {

namespace {
// Seeded objects carry the same fixed creation time as the bootstrap ones (seed.cpp); secrets
// without an endDateTime stay valid until 2100, as the bootstrap secret does.
constexpr std::int64_t kSeedTime = 1'577'836'800;
constexpr std::int64_t kSeedSecretEnd = 4'102'444'800;

AzureError invalid(const std::string& where, const std::string& what) {
  return AzureError(ErrorKind::BadRequest, "InvalidSeed", where + ": " + what);
}
std::string at(const char* section, std::size_t i) { return std::string(section) + "[" + std::to_string(i) + "]"; }

struct PlannedApp {
  Application app;
  ServicePrincipal sp;
  std::vector<std::pair<PasswordCredential, std::string>> secrets;  // row (without hash) and the value
};

void bump(nlohmann::json& counts, const char* section, bool created) {
  auto& c = counts[section];
  if (c.is_null()) c = {{"created", 0}, {"unchanged", 0}};
  c[created ? "created" : "unchanged"] = c[created ? "created" : "unchanged"].get<int>() + 1;
}
}  // namespace

nlohmann::json apply_directory_seed(store::Database& db, const ports::Seed& ids, const nlohmann::json& doc) {
  DirectoryStore dir(db);
  nlohmann::json counts = nlohmann::json::object();

  // 1. Plan and check everything.
  std::vector<Tenant> tenants;
  std::set<std::string> known_tenants = {text::to_lower(ids.tenant_id)};
  for (std::size_t i = 0; i < doc["tenants"].size(); ++i) {
    const auto& t = doc["tenants"][i];
    Tenant row{text::to_lower(t["id"].get<std::string>()), t.value("displayName", t["domain"].get<std::string>()),
               text::to_lower(t["domain"].get<std::string>()), std::nullopt, kSeedTime};
    if (auto other = dir.find_tenant(row.default_domain); other && other->id != row.id)
      throw invalid(at("tenants", i), "the domain '" + row.default_domain + "' belongs to tenant " + other->id);
    known_tenants.insert(row.id);
    tenants.push_back(std::move(row));
  }
  auto tenant_of = [&](const nlohmann::json& item, const std::string& where) {
    std::string t = text::to_lower(item.value("tenantId", ids.tenant_id));
    if (!known_tenants.count(t) && !dir.find_tenant(t)) throw invalid(where + ".tenantId", "no tenant " + t);
    return t;
  };

  std::vector<std::pair<User, std::string>> users;  // row (without hash) and the password
  for (std::size_t i = 0; i < doc["users"].size(); ++i) {
    const auto& u = doc["users"][i];
    const std::string where = at("users", i);
    User row;
    row.user_principal_name = u["userPrincipalName"].get<std::string>();
    if (row.user_principal_name.find('@') == std::string::npos)
      throw invalid(where + ".userPrincipalName", "must be name@domain");
    row.object_id = text::to_lower(u.value("id", ids::name_guid("azemu-seed-user:" + text::to_lower(row.user_principal_name))));
    row.tenant_id = tenant_of(u, where);
    row.display_name = u.value("displayName", row.user_principal_name.substr(0, row.user_principal_name.find('@')));
    row.mail_nickname = row.user_principal_name.substr(0, row.user_principal_name.find('@'));
    row.account_enabled = u.value("accountEnabled", true);
    row.created = kSeedTime;
    if (auto other = dir.find_user_by_upn(row.user_principal_name); other && other->object_id != row.object_id)
      throw invalid(where, "the userPrincipalName '" + row.user_principal_name + "' belongs to user " + other->object_id);
    if (auto other = dir.find_user(row.object_id);
        other && !text::iequals(other->user_principal_name, row.user_principal_name))
      throw invalid(where, "the id " + row.object_id + " belongs to user " + other->user_principal_name);
    users.emplace_back(std::move(row), u.value("password", ""));
  }

  std::vector<PlannedApp> apps;
  for (std::size_t i = 0; i < doc["applications"].size(); ++i) {
    const auto& a = doc["applications"][i];
    const std::string where = at("applications", i);
    PlannedApp p;
    p.app.display_name = a["displayName"].get<std::string>();
    p.app.app_id = text::to_lower(a.value("appId", ids::name_guid("azemu-seed-app:" + p.app.display_name)));
    p.app.object_id = text::to_lower(a.value("objectId", ids::name_guid("azemu-seed-app-object:" + p.app.app_id)));
    p.app.tenant_id = tenant_of(a, where);
    p.app.identifier_uris = a.value("identifierUris", std::vector<std::string>{});
    p.app.created = kSeedTime;
    p.sp.object_id = text::to_lower(a.value("servicePrincipalId", ids::name_guid("azemu-seed-sp:" + p.app.app_id)));
    p.sp.tenant_id = p.app.tenant_id;
    p.sp.app_id = p.app.app_id;
    p.sp.display_name = p.app.display_name;
    p.sp.created = kSeedTime;
    if (auto other = dir.find_application_by_app_id(p.app.app_id); other && other->object_id != p.app.object_id)
      throw invalid(where, "the appId " + p.app.app_id + " belongs to application object " + other->object_id);
    if (auto other = dir.find_service_principal_by_app_id(p.app.app_id); other && other->object_id != p.sp.object_id)
      throw invalid(where, "the appId " + p.app.app_id + " already has service principal " + other->object_id);
    const auto& secrets = a.value("secrets", nlohmann::json::array());
    for (std::size_t s = 0; s < secrets.size(); ++s) {
      const auto& sec = secrets[s];
      const std::string swhere = where + "." + at("secrets", s);
      const std::string value = sec["value"].get<std::string>();
      // Entra's generated secrets are 40 characters; shorter ones are allowed but not trivial ones.
      if (value.size() < 16) throw invalid(swhere + ".value", "a client secret needs at least 16 characters");
      PasswordCredential c;
      // Derived from the position, never from the value (a name GUID would leak a weak secret).
      c.key_id = text::to_lower(sec.value("keyId", ids::name_guid("azemu-seed-secret:" + p.app.object_id + ":" + std::to_string(s))));
      c.app_object_id = p.app.object_id;
      if (sec.contains("displayName")) c.display_name = sec["displayName"].get<std::string>();
      c.hint = value.substr(0, 3);
      c.start_time = kSeedTime;
      c.end_time = sec.contains("endDateTime") ? graph_values::parse_datetime(sec["endDateTime"].get<std::string>(), "endDateTime", "secret")
                                               : kSeedSecretEnd;
      c.created = kSeedTime;
      p.secrets.emplace_back(std::move(c), value);
    }
    apps.push_back(std::move(p));
  }

  // 2. Write. Each row is insert-if-absent; a password or secret whose value changed is replaced.
  for (const auto& t : tenants) bump(counts, "tenants", dir.insert_tenant(t) == InsertOutcome::inserted);
  for (auto& [u, password] : users) {
    auto existing = dir.find_user(u.object_id);
    if (!existing) {
      if (!password.empty()) u.password = hash_password(password, kUserPasswordIterations);
      dir.insert_user(u);
      bump(counts, "users", true);
      continue;
    }
    bool same_password = password.empty() ? !existing->password : existing->password && verify_password(password, *existing->password);
    if (!same_password) {
      User updated = *existing;
      updated.password = password.empty() ? std::nullopt : std::optional(hash_password(password, kUserPasswordIterations));
      db.write([&](store::Connection& c) { rows::update_user(c, updated); });
    }
    bump(counts, "users", false);
  }
  for (auto& p : apps) {
    bool created = dir.insert_application(p.app) == InsertOutcome::inserted;
    created |= dir.insert_service_principal(p.sp) == InsertOutcome::inserted;
    bump(counts, "applications", created);
    auto current = dir.password_credentials(p.app.object_id);
    for (auto& planned : p.secrets) {
      // Named references, not a structured binding: clang 14 cannot capture one in the lambda below.
      PasswordCredential& cred = planned.first;
      const std::string& value = planned.second;
      const PasswordCredential* same_id = nullptr;
      for (const auto& c : current)
        if (c.key_id == cred.key_id) same_id = &c;
      if (same_id && verify_password(value, same_id->secret)) continue;
      cred.secret = hash_password(value, kClientSecretIterations);
      db.write([&](store::Connection& c) {
        if (same_id) c.run("DELETE FROM aad_password_credentials WHERE app_object_id = lower(?) AND key_id = lower(?)",
                           cred.app_object_id, cred.key_id);
        rows::insert_password_credential(c, cred);
      });
    }
  }
  return counts;
}

}  // namespace azemu::aad
