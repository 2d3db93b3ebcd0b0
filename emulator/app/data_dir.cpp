// See data_dir.hpp.
#include "emulator/app/data_dir.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace azemu::app {

DataDir::DataDir(std::string abs_path) : path_(std::move(abs_path)) {
  std::filesystem::create_directories(path_);
  ::chmod(path_.c_str(), 0700);
}

namespace {
nlohmann::json to_json(const ports::Seed& s) {
  return {{"tenantId", s.tenant_id}, {"tenantDomain", s.tenant_domain},
          {"subscriptionId", s.subscription_id}, {"subscriptionName", s.subscription_name},
          {"clientId", s.client_id}, {"clientObjectId", s.client_object_id},
          {"clientAppObjectId", s.client_app_object_id}, {"clientSecret", s.client_secret},
          {"adminUser", s.admin_user}, {"adminObjectId", s.admin_object_id}, {"adminPassword", s.admin_password}};
}

ports::Seed from_json(const nlohmann::json& j) {
  ports::Seed s;
  s.tenant_id = j.at("tenantId");
  s.tenant_domain = j.at("tenantDomain");
  s.subscription_id = j.at("subscriptionId");
  s.subscription_name = j.at("subscriptionName");
  s.client_id = j.at("clientId");
  s.client_object_id = j.at("clientObjectId");
  s.client_app_object_id = j.at("clientAppObjectId");
  s.client_secret = j.at("clientSecret");
  s.admin_user = j.at("adminUser");
  s.admin_object_id = j.at("adminObjectId");
  s.admin_password = j.at("adminPassword");
  return s;
}
}  // namespace

namespace {
void check_fixed(const FixedIdentities& f) {
  for (const auto* id : {&f.tenant_id, &f.subscription_id, &f.client_id})
    if (!id->empty() && !ids::is_guid(*id)) throw std::runtime_error("'" + *id + "' is not a GUID (tenant, subscription and client ids are)");
  if (!f.client_secret.empty() && (f.client_secret.size() < 16 || f.client_secret[0] == '-'))
    throw std::runtime_error("--client-secret must be at least 16 characters and not start with '-'");
}

// A data dir keeps its identities: tokens, role assignments and az profiles refer to them.
ports::Seed matching(ports::Seed s, const FixedIdentities& f, const std::string& file) {
  auto differs = [&](const std::string& fixed, const std::string& have, const char* what) {
    if (!fixed.empty() && fixed != have)
      throw std::runtime_error(std::string("the data dir already has ") + what + " '" + have + "' (" + file +
                               "); use a new --data-dir to start with '" + fixed + "'");
  };
  differs(f.tenant_id, s.tenant_id, "tenant");
  differs(f.subscription_id, s.subscription_id, "subscription");
  differs(f.client_id, s.client_id, "client id");
  if (!f.client_secret.empty() && f.client_secret != s.client_secret)
    throw std::runtime_error("the data dir already has another client secret (" + file + "); use a new --data-dir");
  return s;
}
}  // namespace

ports::Seed DataDir::load_or_create_seed(const FixedIdentities& given) const {
  check_fixed(given);
  FixedIdentities fixed = given;  // ids compare as GUIDs do: case-insensitively
  for (auto* id : {&fixed.tenant_id, &fixed.subscription_id, &fixed.client_id}) *id = text::to_lower(*id);
  std::string file = path_ + "/identity.json";
  if (std::ifstream in(file); in) return matching(from_json(nlohmann::json::parse(in)), fixed, file);
  ports::Seed s;
  s.tenant_id = ids::new_guid();
  s.tenant_domain = "azemu.onmicrosoft.com";
  s.subscription_id = ids::new_guid();
  s.subscription_name = "azemu subscription";
  s.client_id = ids::new_guid();
  s.client_object_id = ids::new_guid();
  s.client_app_object_id = ids::new_guid();
  s.client_secret = ids::entra_client_secret();
  s.admin_user = "admin@" + s.tenant_domain;
  s.admin_object_id = ids::new_guid();
  s.admin_password = "Azemu-" + ids::random_hex(8) + "!";
  if (!fixed.tenant_id.empty()) s.tenant_id = fixed.tenant_id;
  if (!fixed.subscription_id.empty()) s.subscription_id = fixed.subscription_id;
  if (!fixed.client_id.empty()) s.client_id = fixed.client_id;
  if (!fixed.client_secret.empty()) s.client_secret = fixed.client_secret;
  std::string tmp = file + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + tmp);
  std::string text = to_json(s).dump(2) + "\n";
  if (::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) throw std::runtime_error("short write");
  ::fsync(fd);
  ::close(fd);
  // link() fails if another process created it first: then theirs wins and we read it.
  if (::link(tmp.c_str(), file.c_str()) != 0) {
    ::unlink(tmp.c_str());
    std::ifstream in(file);
    return matching(from_json(nlohmann::json::parse(in)), fixed, file);
  }
  ::unlink(tmp.c_str());
  return s;
}

std::string DataDir::load_or_create_master_key() const {
  std::string file = path_ + "/master.key";
  if (std::ifstream in(file, std::ios::binary); in) {
    std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (key.size() != 64) throw std::runtime_error(file + " is damaged (expected 64 hex characters)");
    return key;
  }
  std::string key = ids::random_hex(32);
  std::string tmp = file + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0 || ::write(fd, key.data(), key.size()) != static_cast<ssize_t>(key.size())) throw std::runtime_error("cannot write " + tmp);
  ::fsync(fd);
  ::close(fd);
  if (::link(tmp.c_str(), file.c_str()) != 0) {  // another process won the race: use its key
    ::unlink(tmp.c_str());
    return load_or_create_master_key();
  }
  ::unlink(tmp.c_str());
  return key;
}

}  // namespace azemu::app
