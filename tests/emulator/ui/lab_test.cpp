// Lab checklists: the doc's default steps, hints for steps done wrong, checklist files.
#include "emulator/ui/lab.hpp"

#include <doctest/doctest.h>

using namespace azemu::ui;
using nlohmann::json;

namespace {
json ade_vm(const std::string& os, const std::string& data) {
  std::string msg = json{{"os", os}, {"data", data}}.dump();
  return {{"name", "myVM"},
          {"powerState", "running"},
          {"model", {{"properties", {{"storageProfile", {{"dataDisks", json::array({{{"lun", 0}}})}}}}}}},
          {"extensions", json::array({{{"name", "AzureDiskEncryptionForLinux"},
                                       {"properties", {{"type", "AzureDiskEncryptionForLinux"}, {"provisioningState", "Succeeded"}}}}})},
          {"instanceView", {{"extensions", json::array({{{"name", "AzureDiskEncryptionForLinux"},
                                                        {"type", "Microsoft.Azure.Security.AzureDiskEncryptionForLinux"},
                                                        {"substatuses", json::array({{{"formattedMessage", {{"message", msg}}}}})}}})}}}};
}

json state(bool ade_enabled_vault, json vms) {
  return {{"cloud", {{"subscriptions", json::array({{{"providers", json::array({{{"namespace", "microsoft.keyvault"}, {"state", "Registered"}}})},
                                                      {"groups", json::array({{{"name", "myResourceGroup"}}})}}})}}},
          {"keyvault",
           {{"vaults", json::array({{{"name", "kv1"},
                                      {"roleAssignments", json::array()},
                                      {"properties", {{"enabledForDiskEncryption", ade_enabled_vault},
                                                      {"accessPolicies", json::array({{{"objectId", "sp-oid"},
                                                                                       {"permissions", {{"keys", {"all"}}, {"secrets", {"all"}}}}}})}}}}})},
            {"keys", json::array({{{"vault", "kv1"}, {"name", "myKey"}, {"deletedDate", nullptr}}})},
            {"secrets", json::array()}}},
          {"identity", {{"servicePrincipals", json::array({{{"objectId", "sp-oid"}, {"appId", "student-app"}},
                                                           {{"objectId", "seed-oid"}, {"appId", "seed-app"}}})}}},
          {"vms", {{"vms", std::move(vms)}}}};
}
}  // namespace

TEST_SUITE("lab") {
  TEST_CASE("the doc's checklist is all done once both volumes are Encrypted") {
    json r = evaluate(default_checklist(), state(true, json::array({ade_vm("Encrypted", "Encrypted")})), "seed-app");
    CHECK(r["total"] == 8);
    CHECK(r["done"] == 8);
    CHECK(r["allDone"] == true);
  }

  TEST_CASE("VMRestartPending leaves restart and encrypted undone with a hint to restart") {
    json r = evaluate(default_checklist(), state(true, json::array({ade_vm("VMRestartPending", "Encrypted")})), "seed-app");
    CHECK(r["done"] == 6);
    CHECK(r["steps"][6]["id"] == "restart");
    CHECK(r["steps"][6]["done"] == false);
    CHECK(r["steps"][6]["hint"].get<std::string>().find("az vm restart") != std::string::npos);
  }

  TEST_CASE("a vault not enabled for disk encryption is a wrong step with a specific hint") {
    json r = evaluate(default_checklist(), state(false, json::array()), "seed-app");
    CHECK(r["steps"][1]["done"] == false);
    CHECK(r["steps"][1]["wrong"] == true);
    CHECK(r["steps"][1]["hint"].get<std::string>().find("--enabled-for-disk-encryption true") != std::string::npos);
  }

  TEST_CASE("azemu's own service principal does not count as the student's") {
    json s = state(true, json::array());
    s["keyvault"]["vaults"][0]["properties"]["accessPolicies"][0]["objectId"] = "seed-oid";
    json r = evaluate(default_checklist(), s, "seed-app");
    CHECK(r["steps"][3]["id"] == "sp");
    CHECK(r["steps"][3]["done"] == false);
  }

  TEST_CASE("a checklist file is parsed with its arguments; unknown checks are refused") {
    Checklist c = parse_checklist(json::parse(R"({"title":"t","steps":[
      {"id":"g","title":"group","check":"groupExists","group":"MYRESOURCEGROUP","hint":"az group create"}]})"));
    REQUIRE(c.steps.size() == 1);
    CHECK(c.steps[0].args["group"] == "MYRESOURCEGROUP");
    CHECK(evaluate(c, state(true, json::array()), "")["allDone"] == true);
    CHECK_THROWS(parse_checklist(json::parse(R"({"steps":[{"id":"x","title":"x","check":"nope"}]})")));
    CHECK_THROWS(parse_checklist(json::parse(R"({"steps":[{"title":"x","check":"groupExists"}]})")));
  }

  TEST_CASE("ade_volume_states reads the substatus JSON") {
    auto [os, data] = ade_volume_states(ade_vm("EncryptionInProgress", "EncryptionInProgress"));
    CHECK(os == "EncryptionInProgress");
    CHECK(data == "EncryptionInProgress");
  }
}
