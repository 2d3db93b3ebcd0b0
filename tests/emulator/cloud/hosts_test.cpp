#include "emulator/cloud/hosts.hpp"

#include <doctest/doctest.h>

using namespace azemu::cloud;

TEST_SUITE("hosts") {
  TEST_CASE("public and cloud-mode names are classified") {
    HostNames names;
    CHECK(names.classify("login.microsoftonline.com").kind == HostKind::login);
    CHECK(names.classify("Management.Azure.Com").kind == HostKind::management);
    CHECK(names.classify("graph.microsoft.com").kind == HostKind::graph);
    auto kv = names.classify("MyVault.vault.azure.net");
    CHECK(kv.kind == HostKind::vault);
    CHECK(kv.vault_name == "myvault");
    CHECK(names.classify("login.azemu.localhost").kind == HostKind::login);
    CHECK(names.classify("kv1.vault.azemu.localhost").vault_name == "kv1");
    CHECK(names.classify("localhost").kind == HostKind::local);
  }

  TEST_CASE("CONNECT is allowed only to served Azure hosts") {
    HostNames names;
    CHECK(names.connect_allowed("management.azure.com"));
    CHECK(names.connect_allowed("kv.vault.azure.net"));
    CHECK_FALSE(names.connect_allowed("azure.microsoft.com"));
    CHECK_FALSE(names.connect_allowed("a.b.vault.azure.net"));
    CHECK_FALSE(names.connect_allowed("localhost"));
    CHECK_FALSE(names.connect_allowed("example.com"));
    CHECK(names.connect_allowed("raw.githubusercontent.com"));  // az's VM image alias document
    CHECK(names.classify("Raw.GitHubUserContent.com").kind == HostKind::alias_doc);
  }

  TEST_CASE("a configurable cloud base") {
    HostNames names("cloud.test");
    CHECK(names.classify("management.cloud.test").kind == HostKind::management);
    CHECK(names.classify("management.azemu.localhost").kind == HostKind::unknown);
  }

  TEST_CASE("host and port are split") {
    CHECK(split_host_port("a.b:8443") == std::pair<std::string, std::string>{"a.b", ":8443"});
    CHECK(split_host_port("a.b") == std::pair<std::string, std::string>{"a.b", ""});
    CHECK(split_host_port("[::1]:443") == std::pair<std::string, std::string>{"[::1]", ":443"});
  }
}
