#include "vm-sim/disk/disk_images_port.hpp"

#include "tests/vm-sim/disk/disk_test_support.hpp"
#include "vm-sim/disk/luks_volume.hpp"
#include "vm-sim/disk/sparse_file.hpp"

#include <doctest/doctest.h>

using namespace azemu::vm::disk;
namespace td = azemu::testing::disk;

TEST_SUITE("disk_images_port") {
  TEST_CASE("a missing file has no facts; a plain sparse file has sizes and no LUKS; a LUKS2 image has its header") {
    const auto dir = td::temp_dir("disk-images-port");
    auto images = make_disk_images();
    CHECK_FALSE(images->inspect((dir / "absent.img").string()));

    const auto plain = dir / "plain.img";
    create_sparse(plain, 8 << 20);
    auto p = images->inspect(plain.string());
    REQUIRE(p);
    CHECK(p->size_bytes == (8u << 20));
    CHECK(p->allocated_bytes < p->size_bytes);
    CHECK_FALSE(p->luks);
    CHECK(p->problem.empty());

    const auto luks = dir / "luks.img";
    create_sparse(luks, 32 << 20);
    FormatOptions o;
    o.label = "azemu-os";
    format(luks, "passphrase", o);
    add_key(luks, "passphrase", "second");
    auto l = images->inspect(luks.string());
    REQUIRE(l);
    REQUIRE(l->luks);
    CHECK(l->luks->version == 2);
    CHECK(l->luks->label == "azemu-os");
    CHECK(l->luks->cipher == "aes-xts-plain64");
    CHECK(l->luks->key_size_bits == 512);
    CHECK(l->luks->sector_size == 512);
    CHECK(l->luks->data_offset_bytes == (16u << 20));
    REQUIRE(l->luks->keyslots.size() == 2);
    CHECK(l->luks->keyslots[1].slot == 1);
    CHECK(l->luks->keyslots[1].kdf == "pbkdf2");
    CHECK_FALSE(l->luks->reencryption_in_progress);
    std::filesystem::remove_all(dir);
  }
}
