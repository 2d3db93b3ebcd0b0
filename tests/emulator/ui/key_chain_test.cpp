// The key chain drawing's rules: edges, their audit rows, and the reasons of broken links.
#include "emulator/ui/key_chain.hpp"

#include <doctest/doctest.h>

using namespace azemu::ui;
using nlohmann::json;

namespace {
const char* kSecret = "https://kv1.vault.azure.net/secrets/0f1e2d3c-aaaa-bbbb-cccc-000000000000/0123456789abcdef0123456789abcdef";
const char* kKey = "https://kv1.vault.azure.net/keys/myKey/fedcba9876543210fedcba9876543210";

json disk(const char* role, json audit) {
  return {{"name", std::string("d-") + role},
          {"role", role},
          {"lun", std::string(role) == "os" ? json() : json(0)},
          {"imagePath", "/x"},
          {"luks", {{"version", 2}, {"cipher", "aes-xts-plain64"}, {"keyslots", json::array({{{"slot", 0}, {"kdf", "pbkdf2"}}})}}},
          {"bekSecretUrl", kSecret},
          {"kek", {{"keyId", kKey}, {"name", "myKey"}, {"vault", "kv1"}}},
          {"audit", std::move(audit)}};
}

KeyChainInputs inputs(bool secret_enabled, json audit) {
  KeyChainInputs in;
  in.disks = {{"disks", json::array({disk("os", audit), disk("data", audit)})}};
  in.vm = {{"id", "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/myVM"},
           {"name", "myVM"}, {"powerState", "running"}, {"note", ""}};
  in.objects = {{"keys", json::array({{{"vault", "kv1"}, {"name", "myKey"}, {"deletedDate", nullptr},
                                       {"versions", json::array({{{"version", "fedcba9876543210fedcba9876543210"}, {"enabled", true}}})}}})},
                {"secrets", json::array({{{"vault", "kv1"}, {"name", "0f1e2d3c-aaaa-bbbb-cccc-000000000000"}, {"deletedDate", nullptr},
                                          {"versions", json::array({{{"version", "0123456789abcdef0123456789abcdef"},
                                                                     {"enabled", secret_enabled},
                                                                     {"contentType", "Wrapped BEK"},
                                                                     {"tags", {{"DiskEncryptionKeyEncryptionKeyURL", kKey}}}}})}}})}};
  in.guest = {{"mappings", json::array({{{"device", "/dev/mapper/osencrypt"}, {"mountpoint", "/"}},
                                        {{"device", "/dev/mapper/data"}, {"mountpoint", "/datadisk"}}})}};
  return in;
}

json row(const char* op, bool platform, const char* result = "Success") {
  return {{"operation", op}, {"caller", {{"platform", platform}}}, {"resultType", result}, {"httpStatusCode", 200}, {"time", "t"}};
}
}  // namespace

TEST_SUITE("key_chain") {
  TEST_CASE("an encrypted VM: KEK wraps BEK, BEK unlocks both images, both are mapped; rows on their edges") {
    json audit = json::array({row("KeyWrap", false), row("SecretSet", false), row("SecretGet", true), row("KeyUnwrap", true)});
    json k = build_key_chain(inputs(true, audit));
    CHECK(k["broken"] == 0);
    REQUIRE(k["chains"].size() == 2);
    const json& edges = k["chains"][0]["edges"];
    CHECK(edges[0]["label"] == "wraps");
    CHECK(edges[0]["audit"].size() == 2);
    CHECK(edges[1]["label"] == "unlocks");
    CHECK(edges[1]["audit"][1]["operation"] == "KeyUnwrap");
    CHECK(edges[2]["ok"] == true);
    CHECK(k["chains"][0]["mapping"]["device"] == "/dev/mapper/osencrypt");
    CHECK(k["chains"][1]["mapping"]["mountpoint"] == "/datadisk");
    CHECK(k["chains"][0]["bek"]["contentType"] == "Wrapped BEK");
  }

  TEST_CASE("a disabled BEK secret breaks the unlock edge with the platform's failed SecretGet") {
    json audit = json::array({row("SecretGet", true), row("SecretGet", true, "Forbidden")});
    auto in = inputs(false, audit);
    in.operations = json::array({{{"resourceId", in.vm["id"]}, {"status", "Failed"},
                                  {"error", {{"code", "KeyVaultSecretDisabled"}, {"message", "the secret is disabled"}}}}});
    json k = build_key_chain(in);
    const json& unlock = k["chains"][0]["edges"][1];
    CHECK(unlock["ok"] == false);
    CHECK(unlock["reason"].get<std::string>().find("is disabled") != std::string::npos);
    CHECK(unlock["reason"].get<std::string>().find("SecretGet by the platform failed") != std::string::npos);
    CHECK(k["chains"][0]["edges"][2]["reason"].get<std::string>().find("KeyVaultSecretDisabled") != std::string::npos);
    CHECK(k["broken"] == 4);
    CHECK(k["vm"]["problem"].get<std::string>().find("the secret is disabled") != std::string::npos);
  }

  TEST_CASE("a BEK wrapped by another key is a broken wrap edge") {
    auto in = inputs(true, json::array());
    in.objects["secrets"][0]["versions"][0]["tags"]["DiskEncryptionKeyEncryptionKeyURL"] = "https://kv1.vault.azure.net/keys/other/00";
    json k = build_key_chain(in);
    CHECK(k["chains"][0]["edges"][0]["ok"] == false);
    CHECK(k["chains"][0]["edges"][0]["reason"].get<std::string>().find("another key") != std::string::npos);
  }

  TEST_CASE("a VM without encryption has only the mapping edge, pending") {
    KeyChainInputs in;
    in.disks = {{"disks", json::array({{{"name", "os"}, {"role", "os"}, {"audit", json::array()}}})}};
    in.vm = {{"name", "v"}, {"powerState", "running"}};
    json k = build_key_chain(in);
    CHECK(k["chains"][0]["edges"].size() == 1);
    CHECK(k["chains"][0]["edges"][0]["pending"] == true);
    CHECK(k["broken"] == 0);
  }
}
