// What the UI model reads from a guest, and the console's read-only default.
#include "emulator/ui/ui_model.hpp"

#include <doctest/doctest.h>

using namespace azemu::ui;

TEST_SUITE("ui_model") {
  TEST_CASE("parse_guest_read splits crypttab, fstab and the /dev/mapper mounts") {
    auto j = parse_guest_read(
        "--crypttab\nosencrypt /dev/sda1 /mnt/azure_bek_disk/LinuxPassPhraseFileName luks\n# comment\n"
        "--fstab\n/dev/mapper/osencrypt / ext4 defaults 0 1\n"
        "--mounts\n/dev/mapper/osencrypt / ext4 rw 0 0\n/dev/mapper/resourceencrypt /datadisk ext4 rw 0 0\n--end\n");
    CHECK(j["crypttab"].size() == 1);
    CHECK(j["fstab"].size() == 1);
    REQUIRE(j["mappings"].size() == 2);
    CHECK(j["mappings"][1]["name"] == "resourceencrypt");
    CHECK(j["mappings"][1]["mountpoint"] == "/datadisk");
  }

  TEST_CASE("console input is refused without --ui-console") {
    UiSources s;
    s.vms = [] { return nlohmann::json{{"vms", nlohmann::json::array()}}; };
    UiModel m(s, default_checklist(), UiOptions{});
    CHECK_THROWS_WITH_AS(m.console_input("myVM", "", "ls\n"), doctest::Contains("--ui-console"), std::exception);
  }
}
