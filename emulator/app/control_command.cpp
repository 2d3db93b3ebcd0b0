// See control_command.hpp.
#include "emulator/app/control_command.hpp"

#include "emulator/app/config.hpp"
#include "emulator/app/control_routes.hpp"
#include "emulator/app/services.hpp"
#include "emulator/error/azure_error.hpp"
#include "emulator/http/admin_client.hpp"
#include "emulator/json/strings.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace azemu::app {

namespace {
std::string read_file_or_text(const std::string& arg) {
  if (arg.empty() || arg[0] != '@') return arg;
  std::ifstream in(arg.substr(1));
  if (!in) throw std::runtime_error("cannot read " + arg.substr(1));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

ControlCommand::ControlCommand(CLI::App& app, std::string& listen, std::string& data_dir)
    : listen_(listen), data_dir_(data_dir) {
  ca_ = app.add_subcommand("ca", "print the CA certificate clients must trust (PEM)");
  ca_->add_option("--data-dir", data_dir, "state directory")->capture_default_str();

  time_ = app.add_subcommand("time", "show or move azemu's clock: time [show | advance 91d | set 2027-03-08T12:00:00Z]");
  time_->add_option("action", action_, "show | advance | set")->check(CLI::IsMember({"show", "advance", "set"}));
  time_->add_option("value", argument_, "advance: 45s, 30m, 12h, 91d; set: an ISO 8601 UTC time");

  faults_ = app.add_subcommand("faults", "fault injection rules: faults add RULE_JSON|@FILE | list | clear [ID]");
  faults_->add_option("action", action_, "add | list | clear")->required()->check(CLI::IsMember({"add", "list", "clear"}));
  faults_->add_option("rule", argument_, "add: the rule as JSON (or @file); clear: one rule id (default: all)");

  metrics_ = app.add_subcommand("metrics", "print the Prometheus metrics page");
  reset_ = app.add_subcommand("reset", "back to a fresh cloud: resources, directory, vaults, audit, VMs and disks");
  reset_->add_flag("--keep-identities", keep_identities_, "keep users, applications and service principals");
  snapshot_ = app.add_subcommand("snapshot", "the whole cloud (database, disk images): snapshot save|restore|delete NAME | list");
  snapshot_->add_option("action", action_, "save | restore | list | delete")->required()
      ->check(CLI::IsMember({"save", "restore", "list", "delete"}));
  snapshot_->add_option("name", argument_, "the snapshot's name: letters, digits, '.', '_', '-'");
  snapshot_->add_option("--data-dir", data_dir, "state directory, used directly when no azemu answers at --listen")
      ->capture_default_str();
  seed_ = app.add_subcommand("seed", "apply a seed file: tenants, users, applications, groups, vaults, keys, secrets, role assignments");
  seed_->add_option("file", argument_, "the seed document (JSON; README \"Seed a cloud\")")->required()->check(CLI::ExistingFile);
  seed_->add_option("--data-dir", data_dir, "state directory, used directly when no azemu answers at --listen")
      ->capture_default_str();
  for (auto* cmd : {time_, faults_, metrics_, reset_, snapshot_, seed_}) {
    cmd->add_option("--listen", listen, "HOST:PORT of the running azemu")->capture_default_str();
    cmd->add_option("--admin-token", admin_token_, "the token azemu was started with (--admin-token)")
        ->envname("AZEMU_ADMIN_TOKEN");
  }
}

bool ControlCommand::selected() const {
  return ca_->parsed() || time_->parsed() || faults_->parsed() || metrics_->parsed() || reset_->parsed() ||
         snapshot_->parsed() || seed_->parsed();
}

int ControlCommand::run() const {
  Config c;
  c.listen = listen_;
  c.data_dir = data_dir_;
  if (ca_->parsed()) {
    std::ifstream in(c.data_dir_abs() + "/ca.pem");
    if (!in) throw std::runtime_error("no CA in " + c.data_dir_abs() + " (start azemu once to create it)");
    std::cout << in.rdbuf();
    return 0;
  }
  std::string method = "GET", target, body;
  if (metrics_->parsed()) {
    target = "/_azemu/metrics";
  } else if (reset_->parsed()) {
    method = "POST";
    target = "/_azemu/reset";
    body = nlohmann::json{{"keepIdentities", keep_identities_}}.dump();
  } else if (seed_->parsed()) {
    method = "POST";
    target = "/_azemu/seed";
    body = read_file_or_text("@" + argument_);
  } else if (snapshot_->parsed()) {
    target = "/_azemu/snapshots";
    if (action_ != "list" && argument_.empty()) throw std::runtime_error("snapshot " + action_ + " needs a NAME");
    if (action_ == "save") {
      method = "POST";
      body = nlohmann::json{{"name", argument_}}.dump();
    } else if (action_ == "restore") {
      method = "POST";
      target += "/" + text::percent_encode(argument_) + "/restore";
    } else if (action_ == "delete") {
      method = "DELETE";
      target += "/" + text::percent_encode(argument_);  // a bad name reaches azemu, which says why it is bad
    }
  } else if (time_->parsed()) {
    target = "/_azemu/time";
    if (action_ == "advance") {
      method = "POST";
      body = nlohmann::json{{"advanceSeconds", parse_duration_seconds(argument_)}}.dump();
    } else if (action_ == "set") {
      method = "POST";
      body = nlohmann::json{{"set", argument_}}.dump();
    }
  } else {
    target = "/_azemu/faults";
    if (action_ == "add") {
      method = "POST";
      body = read_file_or_text(argument_);
      if (body.empty()) throw std::runtime_error("faults add needs a rule, e.g. '{\"path\":\"*/resourcegroups/*\",\"status\":429,\"count\":1}'");
    } else if (action_ == "clear") {
      method = "DELETE";
      if (!argument_.empty()) target += "/" + argument_;
    }
  }
  http::AdminResponse res;
  try {
    res = http::admin_request(c.listen_host(), std::to_string(c.listen_port()), method, target, body, admin_token_);
  } catch (const std::runtime_error&) {
    if (!snapshot_->parsed() && !seed_->parsed()) throw;
    // No server: the data dir itself (nothing is running, so no guest needs stopping).
    std::cerr << "azemu: no server at " << c.listen << "; using --data-dir " << c.data_dir_abs() << " directly\n";
    try {
      return seed_->parsed() ? seed_offline(c, body) : snapshot_offline(c, action_, argument_);
    } catch (const AzureError& refused) {
      std::cerr << "azemu: " << refused.code() << ": " << refused.what() << "\n";
      return 1;
    }
  }
  if (res.status >= 400) {
    std::cerr << "azemu: " << res.status << " " << res.body << "\n";
    return 1;
  }
  if (!res.body.empty()) std::cout << res.body << (res.body.back() == '\n' ? "" : "\n");
  return 0;
}

}  // namespace azemu::app
