// encrypt_in_place(): LUKS2 offline in-place encryption of a device that holds a filesystem.
//
// Layout choice: attached header with data shift (cryptsetup's `reencrypt --encrypt
// --reduce-device-size`), not a detached header. The disk then is LUKS on its own (isLuks, the
// guest opens it with a plain crypttab line, the host needs no header file to keep track of), as
// ADE's in-place data-disk path does with `--reduce-device-size` (research/ade.md). Price: the
// filesystem must end `reduce` bytes before the disk does, so an ext filesystem is shrunk first.
//
// Steps, as cryptsetup 2.6.1 encrypt_luks2_init() does them through the same C API:
//   1. shrink the filesystem out of the tail; note its free blocks (for sparseness later)
//   2. format a LUKS2 header into a temporary file `<disk>.luks2-init.hdr`, data offset reduce/2
//   3. init the reencryption there (mode encrypt, resilience datashift, move first segment): this
//      copies the first reduce/2 bytes of the disk into the free tail; the disk head stays intact
//   4. place the header at the head of the disk (crypt_header_restore); remove the temporary file
//   5. run the reencryption (run_offline_reencryption), resumable from the header
//   6. punch holes over what the filesystem had free
// A crash before 4 leaves the disk as it was (plus a stale temporary file, removed on retry);
// after 4 the header records the progress and a retry resumes.
#include "vm-sim/disk/crypt_device.hpp"
#include "vm-sim/disk/crypto_datashift_finish.hpp"
#include "vm-sim/disk/disk_error.hpp"
#include "vm-sim/disk/ext_filesystem.hpp"
#include "vm-sim/disk/luks_volume.hpp"
#include "vm-sim/disk/reencrypt_runner.hpp"
#include "vm-sim/disk/sparse_file.hpp"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libcryptsetup.h>

#include <cerrno>

namespace azemu::vm::disk {

namespace {

constexpr std::uint64_t kSector = 512;  // libcryptsetup counts offsets in 512-byte sectors

std::filesystem::path temp_header_of(const std::filesystem::path& path) {
  return std::filesystem::path(path.string() + ".luks2-init.hdr");
}

struct DeviceInfo {
  std::uint64_t size = 0;
  bool regular = false;
};

DeviceInfo device_info(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw DiskError("open " + path.string(), errno);
  struct stat st {};
  DeviceInfo info;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    info = {static_cast<std::uint64_t>(st.st_size), true};
  } else if (::ioctl(fd, BLKGETSIZE64, &info.size) != 0) {
    const int err = errno;
    ::close(fd);
    throw DiskError("size of " + path.string(), err);
  }
  ::close(fd);
  return info;
}

// Step 1. Returns the filesystem's size and free ranges (relative to its start).
ExtGeometry make_room_in_tail(const std::filesystem::path& path, const DeviceInfo& device,
                              const EncryptOptions& options, std::vector<ByteRange>& free_ranges) {
  auto geometry = read_ext_geometry(path);
  if (!geometry)
    throw DiskError("encrypt " + path.string(), EINVAL,
                    "no ext2/3/4 filesystem found; cannot tell whether the last " +
                        std::to_string(options.reduce_device_bytes >> 20) + " MiB are unused");
  const std::uint64_t limit = device.size - options.reduce_device_bytes;
  if (geometry->bytes() > limit) {
    if (!options.shrink_filesystem)
      throw DiskError("encrypt " + path.string(), ENOSPC, "the filesystem reaches into the last " +
                                                              std::to_string(options.reduce_device_bytes >> 20) +
                                                              " MiB the LUKS2 header needs");
    shrink_ext_filesystem(path, limit);
    geometry = read_ext_geometry(path);
    if (!geometry || geometry->bytes() > limit)
      throw DiskError("encrypt " + path.string(), ENOSPC, "resize2fs left the filesystem too large");
  }
  if (device.regular && options.restore_sparseness) free_ranges = ext_free_ranges(path);
  return *geometry;
}

// Steps 2-4.
void initialise(const std::filesystem::path& path, const std::string& passphrase, const EncryptOptions& options) {
  const std::filesystem::path header = temp_header_of(path);
  const std::uint64_t shift_sectors = options.reduce_device_bytes / 2 / kSector;
  {
    const int fd = ::open(header.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) throw DiskError("create " + header.string(), errno);
    const int rc = ::posix_fallocate(fd, 0, 4096);  // libcryptsetup wants at least one sector
    ::close(fd);
    if (rc != 0) throw DiskError("allocate " + header.string(), rc);
  }
  try {
    CryptDevice hdr = CryptDevice::init(header);
    hdr.set_pbkdf(options.format.pbkdf);
    hdr.check(crypt_set_data_offset(hdr.get(), shift_sectors), "crypt_set_data_offset");
    crypt_params_luks2 format_params{};
    format_params.sector_size = options.format.sector_size;
    format_params.label = options.format.label.empty() ? nullptr : options.format.label.c_str();
    format_params.data_device = path.c_str();
    hdr.check(crypt_format(hdr.get(), CRYPT_LUKS2, "aes", "xts-plain64",
                           options.format.uuid ? options.format.uuid->c_str() : nullptr, nullptr, 64, &format_params),
              "crypt_format " + path.string());
    hdr.check(crypt_keyslot_add_by_volume_key(hdr.get(), 0, nullptr, 0, passphrase.data(), passphrase.size()),
              "crypt_keyslot_add_by_volume_key " + path.string());

    crypt_params_luks2 final_params{};
    final_params.sector_size = options.format.sector_size;
    crypt_params_reencrypt params{};
    params.mode = CRYPT_REENCRYPT_ENCRYPT;
    params.direction = CRYPT_REENCRYPT_BACKWARD;  // the data moves towards the end: walk from the end
    params.resilience = "datashift";
    params.hash = "sha256";
    params.data_shift = shift_sectors;
    params.luks2 = &final_params;
    params.flags = CRYPT_REENCRYPT_INITIALIZE_ONLY | CRYPT_REENCRYPT_MOVE_FIRST_SEGMENT;
    hdr.check(crypt_reencrypt_init_by_passphrase(hdr.get(), nullptr, passphrase.data(), passphrase.size(),
                                                 CRYPT_ANY_SLOT, 0, "aes", "xts-plain64", &params),
              "initialise encryption " + path.string());

    CryptDevice disk = CryptDevice::init(path);
    disk.check(crypt_header_restore(disk.get(), CRYPT_LUKS2, header.c_str()), "place LUKS2 header on " + path.string());
  } catch (...) {
    std::filesystem::remove(header);
    throw;
  }
  std::filesystem::remove(header);
}

// Step 6: free filesystem blocks, the unused tail and the zeros of the header area become holes.
void restore_sparseness(const std::filesystem::path& path, const DeviceInfo& device, const ExtGeometry& fs,
                        const std::vector<ByteRange>& free_ranges) {
  const std::uint64_t data_offset = inspect(path).data_offset_bytes;
  std::vector<ByteRange> ranges;
  ranges.reserve(free_ranges.size() + 1);
  for (const ByteRange& range : free_ranges) ranges.push_back({data_offset + range.offset, range.length});
  const std::uint64_t fs_end = data_offset + fs.bytes();
  if (fs_end < device.size) ranges.push_back({fs_end, device.size - fs_end});
  punch_ranges(path, ranges);
  punch_holes(path, {0, data_offset});
}

}  // namespace

ReencryptOutcome encrypt_in_place(const std::filesystem::path& path, const std::string& passphrase,
                                  const EncryptOptions& options, const ProgressFn& progress) {
  clear_crypt_errors();
  const std::filesystem::path stale_header = temp_header_of(path);
  auto open_disk = [&] { return CryptDevice::load(path); };

  if (is_luks(path)) {
    std::filesystem::remove(stale_header);  // left by a crash between steps 4 and 5
    if (!inspect(path).reencryption_in_progress)
      throw DiskError("encrypt " + path.string(), EEXIST, "already LUKS");
    if (finish_stuck_datashift_encryption(path, passphrase, options.format.pbkdf)) {
      if (progress) progress(100);
    } else if (run_offline_reencryption(open_disk, passphrase, progress, path.string()) ==
               ReencryptOutcome::interrupted) {
      return ReencryptOutcome::interrupted;
    }
    // The filesystem's free list died with the crash: only the header area's zeros can go.
    if (options.restore_sparseness) punch_holes(path, {0, inspect(path).data_offset_bytes});
    return ReencryptOutcome::finished;
  }
  // A crash before step 4 changed nothing the temporary header is needed for: start over.
  std::filesystem::remove(stale_header);

  const DeviceInfo device = device_info(path);
  if (options.reduce_device_bytes == 0 || options.reduce_device_bytes % (1 << 20) != 0 ||
      options.reduce_device_bytes >= device.size)
    throw DiskError("encrypt " + path.string(), EINVAL,
                    "reduce_device_bytes must be a non-zero multiple of 1 MiB, smaller than the disk");
  std::vector<ByteRange> free_ranges;
  const ExtGeometry fs = make_room_in_tail(path, device, options, free_ranges);
  initialise(path, passphrase, options);
  const ReencryptOutcome outcome = run_offline_reencryption(open_disk, passphrase, progress, path.string());
  if (outcome == ReencryptOutcome::finished && device.regular && options.restore_sparseness)
    restore_sparseness(path, device, fs, free_ranges);
  return outcome;
}

}  // namespace azemu::vm::disk
