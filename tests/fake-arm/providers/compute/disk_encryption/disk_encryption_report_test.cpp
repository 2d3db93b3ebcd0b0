#include "fake-arm/providers/compute/disk_encryption/disk_encryption_report.hpp"

#include "emulator/error/azure_error.hpp"
#include "emulator/json/strings.hpp"
#include "emulator/ports/platform_key_vault.hpp"
#include "tests/fake-arm/providers/compute/compute_test_helpers.hpp"
#include "vm-sim/disk/disk_images_port.hpp"
#include "vm-sim/disk/luks_volume.hpp"
#include "vm-sim/disk/sparse_file.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

namespace {
const std::string kVault = "https://adevault.vault.azure.net";
const std::string kSecret = kVault + "/secrets/4b6c1f7e-2d1a-4c35-9a57-0a0b8d1e6f21/0123456789abcdef0123456789abcdef";
const std::string kKekVersion = "fedcba9876543210fedcba9876543210";
const std::string kKek = kVault + "/keys/myKEK/" + kKekVersion;
const std::string kLuksUuid = "0b2bd7a7-0a39-4a1e-9a0c-5d3f7a1e2b44";

/// A runtime that has image files for some disks (by ARM id) and nothing else: all the report asks.
struct DiskFileRuntime final : ports::VmRuntime {
  std::map<std::string, std::string> files;  // lower-case disk id -> path
  std::string kind() const override { return "files"; }
  void create(const ports::VmSpec&) override {}
  void start(const ports::VmSpec&) override {}
  void stop(const std::string&) override {}
  void deallocate(const std::string&) override {}
  void restart(const std::string&) override {}
  void remove(const std::string&, bool, const std::vector<std::string>&) override {}
  void attach_disk(const std::string&, const ports::VmDisk&) override {}
  void detach_disk(const std::string&, int) override {}
  void delete_disk(const std::string&) override {}
  void deliver_extension(const std::string&, const ports::ExtensionDelivery&) override {}
  std::optional<ports::ExtensionReport> extension_status(const std::string&, const std::string&) override { return std::nullopt; }
  void remove_extension(const std::string&, const std::string&) override {}
  ports::RunCommandResult run_command(const std::string&, const std::string&) override { return {}; }
  ports::GuestStatus status(const std::string&) override { return {}; }
  void set_bek_volume(const std::string&, const std::optional<ports::BekVolume>&) override {}
  std::optional<std::string> disk_file(const std::string& disk_id) const override {
    auto it = files.find(text::to_lower(disk_id));
    if (it == files.end()) return std::nullopt;
    return it->second;
  }
};

struct ReportFixture : ComputeFixture {
  DiskFileRuntime runtime;
  std::unique_ptr<ports::DiskImages> images = vm::disk::make_disk_images();
  std::filesystem::path dir = make_temp_dir("azemu-disk-report");

  arm::ResourceId vm_rid(const std::string& name, const std::string& group = "rg") const {
    return arm::ResourceId::resource(sub, group, "Microsoft.Compute", "virtualMachines", name);
  }
  json stored_body(const arm::ResourceId& id) {
    return stack.db().read([&](store::Connection& c) { return arm::ResourceStore().get(c, id)->body; });
  }
  /// Changes a stored resource body in place, as the service would have written it.
  template <class Fn>
  void edit(const arm::ResourceId& id, Fn fn) {
    stack.db().write([&](store::Connection& c) {
      auto r = *arm::ResourceStore().get(c, id);
      fn(r.body);
      arm::ResourceStore().put(c, r);
    });
  }
  std::string os_disk_id(const std::string& vm) {
    return stored_body(vm_rid(vm))["properties"]["storageProfile"]["osDisk"]["managedDisk"]["id"];
  }
  std::string data_disk_id(const std::string& vm, int index = 0) {
    return stored_body(vm_rid(vm))["properties"]["storageProfile"]["dataDisks"][index]["managedDisk"]["id"];
  }
  /// A 32 MiB sparse image formatted as LUKS2 by the disk engine, standing in for the disk's file.
  std::string luks_image(const std::string& name) {
    auto path = dir / name;
    vm::disk::create_sparse(path, 32 << 20);
    vm::disk::FormatOptions o;
    o.uuid = kLuksUuid;
    vm::disk::format(path, "a passphrase from the BEK volume", o);
    return path.string();
  }
  std::string plain_image(const std::string& name) {
    auto path = dir / name;
    vm::disk::create_sparse(path, 8 << 20);
    return path.string();
  }
  void audit_row(const std::string& op, const std::string& uri, const std::string& id, const json& claim, int status = 200) {
    audit::AuditEvent e;
    e.id = std::to_string(++rows);
    e.time = "2024-05-01T10:00:0" + std::to_string(rows) + "Z";
    e.vault_name = "adevault";
    e.resource_id = "/SUBSCRIPTIONS/X/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/ADEVAULT";
    e.operation_name = op;
    e.operation_version = "2015-06-01";
    e.result_type = status < 400 ? "Success" : "Forbidden";
    e.result_signature = status < 400 ? "OK" : "Forbidden";
    e.identity = claim.is_null() ? json() : json{{"claim", claim}};
    e.request_uri = uri;
    e.http_status_code = status;
    e.properties = json::object();
    if (!id.empty()) e.properties["id"] = id;
    stack.audit().record(e);
  }
  arm::compute::VmDiskEncryptionReport report(const arm::compute::VmDisksQuery& q) {
    return arm::compute::DiskEncryptionReporter(stack.db(), runtime, *images, stack.audit()).report(q);
  }
  int rows = 0;
  ~ReportFixture() { std::filesystem::remove_all(dir); }
};

const json kAdeApp = {{"appid", "11111111-2222-3333-4444-555555555555"},
                      {audit::kClaimObjectId, "99999999-2222-3333-4444-555555555555"}};
const json kPlatform = {{"appid", ports::kPlatformAppId}, {audit::kClaimObjectId, ports::kPlatformObjectId}};
const json kAdmin = {{audit::kClaimUpn, "admin@azemu.onmicrosoft.com"}, {"appid", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"}};
}  // namespace

TEST_SUITE("disk_encryption_report") {
  TEST_CASE("dual pass: LUKS header of the OS disk image, the VM's secret and KEK on every disk, and their audit rows") {
    ReportFixture f;
    REQUIRE(f.create_vm("myVM", f.vm_body("nic1", f.one_empty_disk(5))).status == 201);
    const std::string os_id = f.os_disk_id("myVM");
    const std::string data_id = f.data_disk_id("myVM");
    f.runtime.files[text::to_lower(os_id)] = f.luks_image("os.img");
    f.runtime.files[text::to_lower(data_id)] = f.plain_image("data.img");
    const std::string vault_id = "/subscriptions/" + f.sub + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/adevault";
    f.edit(f.vm_rid("myVM"), [&](json& body) {
      body["properties"]["storageProfile"]["osDisk"]["encryptionSettings"] = {
          {"diskEncryptionKey", {{"secretUrl", kSecret}, {"sourceVault", {{"id", vault_id}}}}},
          {"keyEncryptionKey", {{"keyUrl", kKek}, {"sourceVault", {{"id", vault_id}}}}},
          {"enabled", true}};
    });
    const std::string secret_name = kVault + "/secrets/4b6c1f7e-2d1a-4c35-9a57-0a0b8d1e6f21";
    f.audit_row("KeyList", kVault + "/keys?", "", nullptr, 401);                                       // the DP probe: no object
    f.audit_row("Authentication", kKek + "/wrapkey?api-version=7.4", "", nullptr, 401);               // an SDK's challenge
    f.audit_row("KeyWrap", kKek + "/wrapkey?api-version=2015-06-01", kKek, kAdeApp);                     // 1
    f.audit_row("SecretSet", secret_name + "?api-version=2015-06-01", kSecret, kAdeApp);                 // 2
    f.audit_row("SecretSet", kVault + "/secrets/someone-else?api-version=7.4", kVault + "/secrets/someone-else/" + kKekVersion, kAdmin);
    f.audit_row("KeyGet", kVault + "/keys/myKEK/0123456789abcdef0123456789abcdef?api-version=7.4",
                kVault + "/keys/myKEK/0123456789abcdef0123456789abcdef", kAdmin);                          // another version
    f.audit_row("SecretGet", kSecret + "?api-version=2016-10-01", kSecret, kPlatform);                   // 3
    f.audit_row("KeyUnwrap", kKek + "/unwrapkey?api-version=2016-10-01", kKek, kPlatform);               // 4
    f.audit_row("SecretGet", secret_name + "?api-version=7.4", "", kAdmin, 403);                         // 5: refused, no id

    auto r = f.report({"myvm", "", ""});  // any case, no group: the name is unique
    CHECK(r.name == "myVM");
    CHECK(r.resource_group == "rg");
    REQUIRE(r.disks.size() == 2);

    const auto& os = r.disks[0];
    CHECK_FALSE(os.lun.has_value());
    CHECK(text::iequals(os.disk_id, os_id));
    REQUIRE(os.image_path);
    REQUIRE(os.image);
    CHECK(os.image->size_bytes == (32u << 20));
    CHECK(os.image->allocated_bytes < os.image->size_bytes);  // sparse
    REQUIRE(os.image->luks);
    CHECK(os.image->luks->version == 2);
    CHECK(os.image->luks->uuid == kLuksUuid);
    CHECK(os.image->luks->cipher == "aes-xts-plain64");
    CHECK(os.image->luks->key_size_bits == 512);
    CHECK(os.image->luks->data_offset_bytes == (16u << 20));
    REQUIRE(os.image->luks->keyslots.size() == 1);
    CHECK(os.image->luks->keyslots[0].slot == 0);
    CHECK(os.settings_source == arm::compute::SettingsSource::vm_model);
    REQUIRE(os.bek);
    CHECK(os.bek->url == kSecret);
    REQUIRE(os.kek);
    CHECK(os.kek->name == "myKEK");
    CHECK(os.kek->version == kKekVersion);
    CHECK(os.kek->vault == "adevault");
    std::vector<std::string> ops;
    for (const auto& a : os.audit) ops.push_back(a.operation + ":" + arm::compute::to_string(a.touches));
    CHECK(ops == std::vector<std::string>{"KeyWrap:kek", "SecretSet:bek", "SecretGet:bek", "KeyUnwrap:kek", "SecretGet:bek"});
    REQUIRE(os.audit.size() == 5);
    CHECK_FALSE(os.audit[0].by_platform);
    CHECK(os.audit[0].caller_app_id == kAdeApp["appid"]);
    CHECK(os.audit[2].by_platform);
    CHECK(os.audit[4].caller_upn == "admin@azemu.onmicrosoft.com");
    CHECK(os.audit[4].http_status_code == 403);
    CHECK(os.audit[4].result_type == "Forbidden");

    const auto& data = r.disks[1];
    CHECK(data.lun == 0);
    CHECK(data.size_gb == 5);
    REQUIRE(data.image);
    CHECK_FALSE(data.image->luks);  // dual pass names one secret for every volume, encrypted or not yet
    CHECK(data.bek->url == kSecret);
    CHECK(data.audit.size() == 5);

    SUBCASE("the JSON names every fact, null where absent") {
      json j = arm::compute::to_json(r);
      CHECK(j["vm"]["resourceGroup"] == "rg");
      const json& d0 = j["disks"][0];
      CHECK(d0["role"] == "os");
      CHECK(d0["lun"].is_null());
      CHECK(d0["imagePath"] == *os.image_path);
      CHECK(d0["luks"]["version"] == 2);
      CHECK(d0["luks"]["cipher"] == "aes-xts-plain64");
      CHECK(d0["luks"]["keySizeBits"] == 512);
      CHECK(d0["luks"]["dataOffsetBytes"] == (16u << 20));
      CHECK(d0["luks"]["keyslots"][0]["slot"] == 0);
      CHECK(d0["bekSecretUrl"] == kSecret);
      CHECK(d0["kek"]["keyId"] == kKek);
      CHECK(d0["kek"]["version"] == kKekVersion);
      CHECK(d0["encryptionSettingsSource"] == "vm");
      CHECK(d0["audit"][1]["operation"] == "SecretSet");
      CHECK(d0["audit"][1]["touches"] == "bek");
      CHECK(d0["audit"][1]["object"] == kSecret);
      CHECK(d0["audit"][2]["caller"]["platform"] == true);
      CHECK(d0["audit"][0]["caller"]["upn"].is_null());
      const json& d1 = j["disks"][1];
      CHECK(d1["role"] == "data");
      CHECK(d1["lun"] == 0);
      CHECK(d1["luks"].is_null());
    }
  }

  TEST_CASE("single pass: each disk's own encryptionSettingsCollection; a VM without files or settings shows nulls") {
    ReportFixture f;
    REQUIRE(f.create_vm("vm1", f.vm_body("nic1", f.one_empty_disk(5))).status == 201);
    auto data_rid = *arm::ResourceId::parse(f.data_disk_id("vm1"));
    f.edit(data_rid, [&](json& body) {
      body["properties"]["encryptionSettingsCollection"] = {
          {"enabled", true},
          {"encryptionSettings", {{{"diskEncryptionKey", {{"secretUrl", kSecret}, {"sourceVault", {{"id", "/x"}}}}}}}},
          {"encryptionSettingsVersion", "1.1"}};
    });
    f.audit_row("SecretSet", kSecret, kSecret, kPlatform);

    auto r = f.report({"vm1", "rg", f.sub});
    REQUIRE(r.disks.size() == 2);
    CHECK_FALSE(r.disks[0].bek);  // the OS disk has no collection
    CHECK(r.disks[0].settings_source == arm::compute::SettingsSource::none);
    CHECK(r.disks[0].audit.empty());
    CHECK_FALSE(r.disks[0].image_path);  // no file: the guestless case
    CHECK(r.disks[1].settings_source == arm::compute::SettingsSource::disk);
    REQUIRE(r.disks[1].bek);
    CHECK(r.disks[1].bek->url == kSecret);
    CHECK_FALSE(r.disks[1].kek);  // not wrapped
    REQUIRE(r.disks[1].audit.size() == 1);
    CHECK(r.disks[1].audit[0].by_platform);

    json j = arm::compute::to_json(r);
    CHECK(j["disks"][0]["imagePath"].is_null());
    CHECK(j["disks"][0]["sizeBytes"].is_null());
    CHECK(j["disks"][0]["bekSecretUrl"].is_null());
    CHECK(j["disks"][1]["kek"].is_null());
    CHECK(j["disks"][1]["encryptionSettingsSource"] == "disk");
  }

  TEST_CASE("an unknown VM is ResourceNotFound; a name in two groups needs the group") {
    ReportFixture f;
    REQUIRE(f.create_vm("vm1", f.vm_body()).status == 201);
    try {
      f.report({"nope", "", ""});
      FAIL("expected ResourceNotFound");
    } catch (const AzureError& e) {
      CHECK(e.code() == "ResourceNotFound");
      CHECK(e.kind() == ErrorKind::NotFound);
    }
    CHECK_THROWS_AS(f.report({"vm1", "other", ""}), AzureError);

    REQUIRE(f.create_group("rg2").status == 201);
    auto twin = f.vm_rid("VM1", "rg2");
    f.stack.db().write([&](store::Connection& c) {
      json body = {{"id", twin.str()}, {"name", "VM1"}, {"location", "westus"}, {"properties", json::object()}};
      arm::ResourceStore().put(c, {twin, "Microsoft.Compute/virtualMachines", "westus", json::object(), body, 1, 1});
    });
    try {
      f.report({"vm1", "", ""});
      FAIL("expected AzemuAmbiguousVmName");
    } catch (const AzureError& e) {
      CHECK(e.code() == "AzemuAmbiguousVmName");
      CHECK(e.message().find("rg2") != std::string::npos);
    }
    CHECK(f.report({"vm1", "RG2", ""}).resource_group == "rg2");
  }
}
