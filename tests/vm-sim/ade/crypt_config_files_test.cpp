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

  TEST_CASE("crypttab lines parse and one can be dropped") {
    std::string t = "# c\nm1 /dev/disk/azure/scsi1/lun0 /mnt/azure_bek_disk/LinuxPassPhraseFileName luks,nofail\nm2 /dev/sdd none\n";
    auto items = parse_crypttab(t);
    REQUIRE(items.size() == 2);
    CHECK(items[0].name == "m1");
    CHECK(items[0].device == "/dev/disk/azure/scsi1/lun0");
    CHECK(items[0].key_file == "/mnt/azure_bek_disk/LinuxPassPhraseFileName");
    CHECK(items[0].options == "luks,nofail");
    CHECK(items[1].options.empty());
    CHECK(remove_crypttab_entry(t, "m1") == "# c\nm2 /dev/sdd none\n");
  }

  TEST_CASE("decryption puts the backed-up fstab line back, or drops a line the extension added") {
    auto r = restore_fstab_entry("/dev/sda / ext4 defaults 0 1\n/dev/mapper/m1 /data ext4 defaults 0 2\n",
                                 "/dev/sdc /data ext4 defaults 0 2\n/dev/sdd /other ext4 defaults 0 2\n", "/dev/mapper/m1");
    CHECK(r.fstab == "/dev/sda / ext4 defaults 0 1\n/dev/sdc /data ext4 defaults 0 2\n");
    CHECK(r.backup == "/dev/sdd /other ext4 defaults 0 2\n");
    CHECK(r.mount_point == "/data");
    auto added = restore_fstab_entry("/dev/mapper/m2 /x ext4 defaults,nofail 0 2\n", "", "/dev/mapper/m2");
    CHECK(added.fstab.empty());
    CHECK(added.mount_point == "/x");
  }
}
