// The platform's BEK volume at boot (fetch_bek): the key files every boot's volume carries.
#include "fake-arm/providers/compute/disk_encryption/disk_encryption_platform.hpp"

#include "emulator/json/strings.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm::compute::ade;

namespace {
// A vault holding plain ("BEK") secrets: base64 of the passphrase under its URL.
struct PlainSecrets : ports::PlatformKeyVault {
  std::map<std::string, std::string> secrets;
  ports::PlatformSecret get_secret(const std::string& url) override {
    auto it = secrets.find(url);
    if (it == secrets.end()) throw ports::PlatformVaultError("SecretNotFound", "no secret " + url);
    return {url, text::base64_encode(it->second), "BEK", {}};
  }
  std::string unwrap_key(const std::string&, const std::string&, const std::string&) override { return {}; }
  std::string wrap_key(const std::string&, const std::string&, const std::string&) override { return {}; }
  std::string set_secret(const std::string&, const std::string&, const std::string&, const std::string&,
                         const std::map<std::string, std::string>&) override {
    return {};
  }
};
}  // namespace

TEST_CASE("fetch_bek: a data-only single-pass VM's volume also carries the generic passphrase file") {
  PlainSecrets kv;
  kv.secrets["https://v.vault.azure.net/secrets/a/1"] = "the-vm-passphrase";
  DiskEncryptionPlatform platform(kv);
  BekFetch f = platform.fetch_bek({{data_disk_passphrase_file(0), "https://v.vault.azure.net/secrets/a/1", ""}});
  CHECK(f.problem.empty());
  CHECK(f.volume.files.at(data_disk_passphrase_file(0)) == "the-vm-passphrase");
  // The handler's daemon resuming an interrupted encryption at boot needs this one.
  CHECK(f.volume.files.at(kPassphraseFile) == "the-vm-passphrase");
}

TEST_CASE("fetch_bek: the OS volume's own file is kept; nothing is invented when nothing could be fetched") {
  PlainSecrets kv;
  kv.secrets["https://v.vault.azure.net/secrets/os/1"] = "os-passphrase";
  DiskEncryptionPlatform platform(kv);
  BekFetch f = platform.fetch_bek({{kPassphraseFile, "https://v.vault.azure.net/secrets/os/1", ""}});
  CHECK(f.volume.files.size() == 1);
  CHECK(f.volume.files.at(kPassphraseFile) == "os-passphrase");

  BekFetch missing = platform.fetch_bek({{data_disk_passphrase_file(1), "https://v.vault.azure.net/secrets/gone/1", ""}});
  CHECK(missing.volume.files.empty());
  CHECK(missing.problem.find("SecretNotFound") != std::string::npos);
}
