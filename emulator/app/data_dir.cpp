// See data_dir.hpp.
#include "emulator/app/data_dir.hpp"

#include "emulator/ids/guid.hpp"

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

ports::Seed DataDir::load_or_create_seed() const {
  std::string file = path_ + "/identity.json";
  if (std::ifstream in(file); in) return from_json(nlohmann::json::parse(in));
  ports::Seed s;
  s.tenant_id = ids::new_guid();
  s.tenant_domain = "azemu.onmicrosoft.com";
  s.subscription_id = ids::new_guid();
  s.subscription_name = "azemu subscription";
  s.client_id = ids::new_guid();
  s.client_object_id = ids::new_guid();
  s.client_app_object_id = ids::new_guid();
  // Entra secrets look like "abc8Q~...": 3 chars, a digit+letter marker, '~', then 34 chars.
  s.client_secret = ids::random_secret(3) + "8Q~" + ids::random_secret(34);
  s.admin_user = "admin@" + s.tenant_domain;
  s.admin_object_id = ids::new_guid();
  s.admin_password = "Azemu-" + ids::random_hex(8) + "!";
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
    return from_json(nlohmann::json::parse(in));
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
