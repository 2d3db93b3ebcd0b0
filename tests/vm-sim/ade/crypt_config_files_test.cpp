#include "vm-sim/ade/crypt_config_files.hpp"

#include <doctest/doctest.h>

using namespace azemu::vm::ade;

TEST_SUITE("crypt_config_files") {
  TEST_CASE("crypttab gets one luks,nofail line per mapper name") {
    std::string t = add_crypttab_entry("# comment\n", "m1", "/dev/ubdc", "/mnt/azure_bek_disk/LinuxPassPhraseFileName");
    CHECK(t == "# comment\nm1 /dev/ubdc /mnt/azure_bek_disk/LinuxPassPhraseFileName luks,nofail\n");
    t = add_crypttab_entry(t, "m1", "/dev/ubdd", "k");
    CHECK(t == "# comment\nm1 /dev/ubdd k luks,nofail\n");
  }

  TEST_CASE("the volume's fstab line points at the mapper; the original is returned for the backup") {
    auto e = point_fstab_at_mapper("/dev/ubda / ext4 defaults 0 1\nUUID=1234 /data ext4 defaults,nofail 0 2\n", "/data",
                                   "/dev/mapper/m1", "ext4");
    CHECK(e.fstab == "/dev/ubda / ext4 defaults 0 1\n/dev/mapper/m1 /data ext4 defaults,nofail 0 2\n");
    CHECK(e.original_line == "UUID=1234 /data ext4 defaults,nofail 0 2");
    auto added = point_fstab_at_mapper("", "/data", "/dev/mapper/m1", "ext4");
    CHECK(added.fstab == "/dev/mapper/m1 /data ext4 defaults,nofail 0 2\n");
    CHECK(added.original_line.empty());
  }

  TEST_CASE("the BEK volume line is added once") {
    std::string f = ensure_bek_fstab_line("/dev/ubda / ext4 defaults 0 1");
    CHECK(f == "/dev/ubda / ext4 defaults 0 1\nLABEL=BEK\\040VOLUME /mnt/azure_bek_disk auto defaults,discard,nofail 0 0\n");
    CHECK(ensure_bek_fstab_line(f) == f);
  }
}
