// Schema of the Key Vault data plane (component "kv"). Append-only: add a new numbered entry,
// never edit one that shipped. Objects are keyed by (vault name lower case, object name lower
// case) because Key Vault names are case-insensitive; `name` keeps the case first used.
// meta is the storage JSON of one version (attributes, tags, public JWK...); sealed is the
// AES-GCM envelope of the private key or secret value (never stored in clear).
#include "fake-keyvault/mount.hpp"

namespace azemu::kv {

namespace {
std::string object_tables(const std::string& objects, const std::string& versions) {
  return "CREATE TABLE " + objects + " (\n"
         "  vault TEXT NOT NULL,\n"
         "  name_lc TEXT NOT NULL,\n"
         "  name TEXT NOT NULL,\n"
         "  deleted_date INTEGER,\n"
         "  scheduled_purge INTEGER,\n"
         "  extra TEXT NOT NULL DEFAULT '{}',\n"
         "  PRIMARY KEY (vault, name_lc)\n"
         ") STRICT;\n"
         "CREATE TABLE " + versions + " (\n"
         "  vault TEXT NOT NULL,\n"
         "  name_lc TEXT NOT NULL,\n"
         "  version TEXT NOT NULL,\n"
         "  seq INTEGER NOT NULL,\n"
         "  meta TEXT NOT NULL,\n"
         "  sealed TEXT NOT NULL,\n"
         "  PRIMARY KEY (vault, name_lc, version),\n"
         "  FOREIGN KEY (vault, name_lc) REFERENCES " + objects + " (vault, name_lc) ON DELETE CASCADE\n"
         ") STRICT;\n"
         "CREATE INDEX " + versions + "_seq ON " + versions + " (vault, name_lc, seq);\n";
}
}  // namespace

std::vector<store::Migration> migrations() {
  return {
      {"kv", 1, object_tables("kv_keys", "kv_key_versions") + object_tables("kv_secrets", "kv_secret_versions")},
  };
}

}  // namespace azemu::kv
