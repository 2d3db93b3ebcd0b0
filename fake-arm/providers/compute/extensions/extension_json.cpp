// Wire mapping of VM extensions and their instance view; see extension_model.hpp.
#include "fake-arm/providers/compute/extensions/extension_model.hpp"

#include "emulator/exec/clock.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/providers/compute/compute_common.hpp"

namespace azemu::arm::compute {

namespace {
std::string prop(const nlohmann::json& p, const char* k) {
  return p.contains(k) && p[k].is_string() ? p[k].get<std::string>() : "";
}

/// Handler status → (code suffix, level, displayStatus).
struct Mapped {
  std::string code, level, display;
};
Mapped map_status(const std::string& status) {
  if (text::iequals(status, "success")) return {"succeeded", "Info", "Provisioning succeeded"};
  if (text::iequals(status, "error")) return {"failed", "Error", "Provisioning failed"};
  if (text::iequals(status, "warning")) return {"succeeded", "Warning", "Provisioning succeeded"};
  return {"transitioning", "Info", "Transitioning"};
}
}  // namespace

std::string Extension::publisher() const { return prop(properties, "publisher"); }
std::string Extension::type() const { return prop(properties, "type"); }
std::string Extension::handler_version() const { return prop(properties, "typeHandlerVersion"); }
std::string Extension::provisioning_state() const {
  auto s = prop(properties, "provisioningState");
  return s.empty() ? "Succeeded" : s;
}

nlohmann::json to_json(const Extension& e) {
  nlohmann::json j = {{"name", e.id.name()}, {"id", e.id.str()}, {"type", kExtensionType}, {"location", e.location}};
  if (!e.tags.is_null()) j["tags"] = e.tags;
  j["properties"] = e.properties;
  return j;
}

Extension extension_from_body(const ResourceId& id, const nlohmann::json& body) {
  Extension e;
  e.id = id;
  e.location = body.value("location", "");
  if (body.contains("tags")) e.tags = body["tags"];
  e.properties = body.value("properties", nlohmann::json::object());
  return e;
}

StoredResource to_stored(const Extension& e, std::int64_t now) {
  return StoredResource{e.id, kExtensionType, e.location,
                        e.tags.is_object() ? e.tags : nlohmann::json::object(), to_json(e), now, now};
}

nlohmann::json extension_instance_view(const Extension& e, const std::optional<ports::ExtensionReport>& report) {
  nlohmann::json view = {{"name", e.id.name()}, {"type", e.full_type()}, {"typeHandlerVersion", e.handler_version()}};
  if (!report) return view;
  const Mapped m = map_status(report->status);
  view["statuses"] = nlohmann::json::array(
      {instance_status("ProvisioningState/" + m.code, m.level, m.display, report->message, report->reported_at)});
  nlohmann::json subs = nlohmann::json::array();
  if (report->substatus.is_array())
    for (const auto& s : report->substatus) {
      const Mapped sm = map_status(s.value("status", ""));
      std::string message;
      if (s.contains("formattedMessage") && s["formattedMessage"].is_object())
        message = s["formattedMessage"].value("message", "");
      nlohmann::json st = {{"code", "ComponentStatus/" + s.value("name", e.full_type()) + "/" + sm.code},
                           {"level", sm.level},
                           {"displayStatus", sm.display},
                           {"message", message}};
      if (report->reported_at) st["time"] = exec::iso8601(report->reported_at);
      subs.push_back(std::move(st));
    }
  if (!subs.empty()) view["substatuses"] = std::move(subs);
  return view;
}

}  // namespace azemu::arm::compute
