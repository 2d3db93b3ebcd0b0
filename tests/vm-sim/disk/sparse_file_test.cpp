#include "vm-sim/disk/sparse_file.hpp"

#include "tests/vm-sim/disk/disk_test_support.hpp"
#include "vm-sim/disk/disk_error.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <fstream>

using namespace azemu::vm::disk;
namespace td = azemu::testing::disk;

TEST_SUITE("sparse_file") {
  TEST_CASE("create_sparse makes a file of the size that occupies nothing, and never overwrites") {
    const auto dir = td::temp_dir("sparse");
    create_sparse(dir / "a.img", 1ull << 30);
    CHECK(std::filesystem::file_size(dir / "a.img") == (1ull << 30));
    CHECK(allocated_bytes(dir / "a.img") < (64u << 10));
    try {
      create_sparse(dir / "a.img", 4096);
      FAIL("no error");
    } catch (const DiskError& e) {
      CHECK(e.error_code() == EEXIST);
    }
    CHECK(std::filesystem::file_size(dir / "a.img") == (1ull << 30));
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("punch_holes frees written zero blocks and keeps every byte") {
    const auto dir = td::temp_dir("sparse");
    const auto path = dir / "b.img";
    {
      std::ofstream out(path, std::ios::binary);
      std::string zeros(8 << 20, '\0');
      out << "head" << zeros << "tail";  // 8 MiB of written zeros between two non-zero blocks
    }
    const auto before = allocated_bytes(path);
    CHECK(before >= (8u << 20));
    const auto punched = punch_holes(path);
    CHECK(punched >= (8u << 20) - 8192);
    CHECK(allocated_bytes(path) < before - (7u << 20));
    CHECK(std::filesystem::file_size(path) == (8u << 20) + 8);
    std::ifstream in(path, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), {});
    CHECK(content.substr(0, 4) == "head");
    CHECK(content.substr(content.size() - 4) == "tail");
    CHECK(content.find_first_not_of('\0', 4) == content.size() - 4);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("punch_holes limited to a range leaves zeros outside it allocated") {
    const auto dir = td::temp_dir("sparse");
    const auto path = dir / "c.img";
    {
      std::ofstream out(path, std::ios::binary);
      out << std::string(4 << 20, '\0');
    }
    CHECK(punch_holes(path, {1 << 20, 1 << 20}) == (1u << 20));
    CHECK(allocated_bytes(path) >= (3u << 20));
    std::filesystem::remove_all(dir);
  }
}
