// Device code flow; see device_code_service.hpp for the state machine. Also hosts
// aad::approve_device_code(), the entry point of `azemu approve CODE`.
#include "fake-aad/token/device_code_service.hpp"

#include "fake-aad/errors.hpp"
#include "fake-aad/mount.hpp"
#include "fake-aad/token/clients.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

#include <cctype>

namespace azemu::aad {

namespace {
// Entra's user codes are nine upper-case letters ("BPPVYQZMA"); no digits, so nothing is confused
// with O/0 or I/1 when typed.
std::string new_user_code() {
  std::string hex = ids::random_hex(9);
  std::string code;
  for (std::size_t i = 0; i < 9; ++i) {
    int byte = std::stoi(hex.substr(i * 2, 2), nullptr, 16);
    code += static_cast<char>('A' + byte % 26);
  }
  return code;
}
}  // namespace

std::string normalize_user_code(std::string_view code) {
  std::string out;
  for (char c : code)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

DeviceAuthorization DeviceCodeService::start(const TenantSegment& tenant, const DeviceCodeRequest& req) {
  std::int64_t now = clock_.now_unix();
  resolve_user_flow_client(directory_, req.client_id, "", tenant, now);
  codes_.purge_expired(now);
  DeviceAuthorization out;
  DeviceCodeRecord rec;
  rec.tenant_id = tenant.tenant ? std::optional<std::string>(tenant.tenant->id) : std::nullopt;
  rec.client_id = text::to_lower(req.client_id);
  rec.scope = req.scope;
  rec.issued = now;
  rec.expires = now + kDeviceCodeLifetime;
  do {  // a user-code collision among live codes is possible (26^9 space) but vanishingly rare
    out.device_code = "azemu-dc." + ids::random_hex(32);
    out.user_code = new_user_code();
    rec.device_code_hash = sha256_hex(out.device_code);
    rec.user_code = out.user_code;
  } while (!codes_.insert(rec));
  out.verification_uri = req.base_url + "/devicelogin";
  out.message = "To sign in, use a web browser to open the page " + out.verification_uri + " and enter the code " +
                out.user_code + " to authenticate. Or run `azemu approve " + out.user_code + "`.";
  return out;
}

bool DeviceCodeService::approve(std::string_view user_code, std::string_view upn) {
  auto rec = codes_.find_by_user_code(normalize_user_code(user_code));
  if (!rec) return false;
  std::optional<User> user;
  if (upn.empty()) {
    auto tenant = rec->tenant_id ? directory_.find_tenant(*rec->tenant_id) : directory_.default_tenant();
    if (tenant && tenant->default_user_object_id) user = directory_.find_user(*tenant->default_user_object_id);
  } else {
    user = directory_.find_user_by_upn(upn);
  }
  if (!user || !user->account_enabled) return false;
  if (rec->tenant_id && !text::iequals(*rec->tenant_id, user->tenant_id)) return false;
  return codes_.approve(rec->user_code, user->object_id, clock_.now_unix());
}

DeviceCodeService::PasswordApproval DeviceCodeService::approve_with_password(std::string_view user_code,
                                                                            std::string_view upn,
                                                                            std::string_view password) {
  auto user = directory_.find_user_by_upn(upn);
  if (upn.empty() || !user || !user->password || !verify_password(password, *user->password))
    return PasswordApproval::bad_credentials;
  return approve(user_code, upn) ? PasswordApproval::approved : PasswordApproval::code_not_pending;
}

ApprovedDevice DeviceCodeService::redeem(const TenantSegment& tenant, std::string_view device_code,
                                         std::string_view client_id) {
  if (device_code.empty()) throw errors::missing_parameter("device_code");
  std::string hash = sha256_hex(device_code);
  auto rec = codes_.find(hash);
  if (!rec || !text::iequals(rec->client_id, client_id)) throw errors::device_code_invalid();
  if (clock_.now_unix() >= rec->expires) throw errors::device_code_expired();
  if (!rec->approved_user_object_id) throw errors::authorization_pending();
  auto user = directory_.find_user(*rec->approved_user_object_id);
  if (!user || !tenant.admits(user->tenant_id)) throw errors::device_code_invalid();
  if (!codes_.redeem(hash)) throw errors::device_code_invalid();
  return ApprovedDevice{std::move(*user), rec->scope};
}

bool approve_device_code(store::Database& db, const exec::Clock& clock, const std::string& user_code,
                         const std::string& user) {
  DirectoryStore directory(db);
  DeviceCodeStore codes(db);
  return DeviceCodeService(directory, codes, clock).approve(user_code, user);
}

}  // namespace azemu::aad
