// libcryptsetup handle lifetime, PBKDF setup and error capture. A process-wide log callback keeps
// libcryptsetup's ERROR lines in a thread-local buffer (operations run on blocking threads, one
// device per thread) and drops the rest; libcryptsetup never logs passphrases.
#include "vm-sim/disk/crypt_device.hpp"

#include "vm-sim/disk/disk_error.hpp"

#include <libcryptsetup.h>

#include <mutex>

namespace azemu::vm::disk {

namespace {

thread_local std::string t_errors;

void log_to_buffer(int level, const char* msg, void*) {
  if (level != CRYPT_LOG_ERROR || msg == nullptr) return;
  std::string line(msg);
  while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
  if (line.empty()) return;
  if (!t_errors.empty()) t_errors += "; ";
  t_errors += line;
}

void install_logger_once() {
  static std::once_flag once;
  std::call_once(once, [] { crypt_set_log_callback(nullptr, &log_to_buffer, nullptr); });
}

}  // namespace

void clear_crypt_errors() { t_errors.clear(); }
std::string last_crypt_errors() { return t_errors; }

void CryptDevice::Free::operator()(crypt_device* cd) const noexcept { crypt_free(cd); }

CryptDevice CryptDevice::init(const std::filesystem::path& device) {
  install_logger_once();
  crypt_device* cd = nullptr;
  int rc = crypt_init(&cd, device.c_str());
  if (rc < 0) throw DiskError("crypt_init " + device.string(), -rc, last_crypt_errors());
  crypt_set_log_callback(cd, &log_to_buffer, nullptr);
  return CryptDevice(cd);
}

CryptDevice CryptDevice::init_detached(const std::filesystem::path& header, const std::filesystem::path& data) {
  install_logger_once();
  crypt_device* cd = nullptr;
  int rc = crypt_init_data_device(&cd, header.c_str(), data.c_str());
  if (rc < 0) throw DiskError("crypt_init " + header.string(), -rc, last_crypt_errors());
  crypt_set_log_callback(cd, &log_to_buffer, nullptr);
  return CryptDevice(cd);
}

CryptDevice CryptDevice::load(const std::filesystem::path& device) {
  CryptDevice dev = init(device);
  dev.check(crypt_load(dev.get(), CRYPT_LUKS, nullptr), "crypt_load " + device.string());
  return dev;
}

void CryptDevice::set_pbkdf(const PbkdfParams& pbkdf) {
  crypt_pbkdf_type type{};
  type.hash = pbkdf.hash.c_str();
  type.flags = CRYPT_PBKDF_NO_BENCHMARK;  // explicit cost, never a timing benchmark
  type.iterations = pbkdf.iterations;
  if (pbkdf.kind == PbkdfParams::Kind::pbkdf2) {
    type.type = CRYPT_KDF_PBKDF2;
  } else {
    type.type = CRYPT_KDF_ARGON2ID;
    type.max_memory_kb = pbkdf.memory_kib;
    type.parallel_threads = pbkdf.parallel;
  }
  check(crypt_set_pbkdf_type(get(), &type), "crypt_set_pbkdf_type");
}

int CryptDevice::check(int rc, std::string_view operation) const {
  if (rc >= 0) return rc;
  throw DiskError(std::string(operation), -rc, last_crypt_errors());
}

}  // namespace azemu::vm::disk
