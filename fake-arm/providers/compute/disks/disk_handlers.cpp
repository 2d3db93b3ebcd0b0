// Disk handlers; see disk_handlers.hpp.
#include "fake-arm/providers/compute/disks/disk_handlers.hpp"

#include "fake-arm/core/request_helpers.hpp"

namespace azemu::arm::compute {

namespace {
const std::string& sub_of(const http::Request& req) { return req.param("subscriptionId"); }
const std::string& group_of(const http::Request& req) { return req.param("resourceGroupName"); }
const std::string& disk_of(const http::Request& req) { return req.param("diskName"); }

http::Reply list_reply(const std::vector<Disk>& disks) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : disks) items.push_back(to_json(d));
  return http::Reply::ok({{"value", std::move(items)}});
}
}  // namespace

http::Reply DiskHandlers::create_or_update(http::Request& req) {
  auto in = disk_input_from_json(req.json_body());
  auto r = svc_.create_or_update(caller(req), sub_of(req), group_of(req), disk_of(req), in);
  return http::Reply::json(r.created ? 201 : 200, to_json(r.disk));
}

http::Reply DiskHandlers::update(http::Request& req) {
  auto in = disk_input_from_json(req.json_body());
  return http::Reply::ok(to_json(svc_.update(caller(req), sub_of(req), group_of(req), disk_of(req), in)));
}

http::Reply DiskHandlers::get(http::Request& req) {
  return http::Reply::ok(to_json(svc_.get(caller(req), sub_of(req), group_of(req), disk_of(req))));
}

http::Reply DiskHandlers::remove(http::Request& req) {
  return http::Reply::empty(svc_.remove(caller(req), sub_of(req), group_of(req), disk_of(req)) ? 200 : 204);
}

http::Reply DiskHandlers::list_by_group(http::Request& req) {
  return list_reply(svc_.list(caller(req), sub_of(req), group_of(req)));
}

http::Reply DiskHandlers::list(http::Request& req) { return list_reply(svc_.list(caller(req), sub_of(req), "")); }

}  // namespace azemu::arm::compute
