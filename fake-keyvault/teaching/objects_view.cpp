// See objects_view.hpp. The `sealed` column is never selected.
#include "fake-keyvault/teaching/objects_view.hpp"

namespace azemu::kv::teaching {

namespace {
using nlohmann::json;

json nullable(store::Statement& s, int col) { return s.is_null(col) ? json() : json(s.int64(col)); }

json version_entry(const std::string& version, const json& meta, bool is_key) {
  json attrs = meta.value("attributes", json::object());
  json v = {{"version", version},
            {"enabled", attrs.value("enabled", true)},
            {"created", attrs.value("created", json())},
            {"updated", attrs.value("updated", json())},
            {"nbf", attrs.value("nbf", json())},
            {"exp", attrs.value("exp", json())},
            {"tags", meta.value("tags", json())}};
  if (is_key) {
    v["kty"] = meta.value("kty", "");
    v["keyOps"] = meta.value("key_ops", json::array());
  } else {
    v["contentType"] = meta.value("contentType", json());
  }
  return v;
}

json collection(store::Connection& c, const std::string& objects, const std::string& versions, bool is_key) {
  json out = json::array();
  auto o = c.query("SELECT vault, name_lc, name, deleted_date, scheduled_purge FROM " + objects + " ORDER BY vault, name_lc");
  while (o.step()) {
    json vs = json::array();
    auto v = c.query("SELECT version, meta FROM " + versions + " WHERE vault = ? AND name_lc = ? ORDER BY seq DESC",
                     o.text(0), o.text(1));
    while (v.step()) {
      json meta = json::parse(v.text(1), nullptr, false);
      vs.push_back(version_entry(v.text(0), meta.is_discarded() ? json::object() : meta, is_key));
    }
    out.push_back({{"vault", o.text(0)},
                   {"name", o.text(2)},
                   {"deletedDate", nullable(o, 3)},
                   {"scheduledPurgeDate", nullable(o, 4)},
                   {"versions", vs}});
  }
  return out;
}
}  // namespace

nlohmann::json objects(store::Database& db) {
  return db.read([](store::Connection& c) {
    return json{{"keys", collection(c, "kv_keys", "kv_key_versions", true)},
                {"secrets", collection(c, "kv_secrets", "kv_secret_versions", false)}};
  });
}

}  // namespace azemu::kv::teaching
