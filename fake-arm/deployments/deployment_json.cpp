// Wire names of deployments and deployment operations (written once, here), the lenient reading
// of az's JSONC request bodies, and ARM's duration format. Spec: resources.json 2021-04-01
// DeploymentExtended, DeploymentPropertiesExtended, DeploymentOperation, DeploymentValidateResult.
#include "fake-arm/deployments/deployment_model.hpp"

#include "emulator/exec/clock.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/core/tags.hpp"
#include "fake-arm/deployments/template/template_limits.hpp"
#include "fake-arm/errors.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>

namespace azemu::arm {

const char* to_string(DeploymentState s) {
  switch (s) {
    case DeploymentState::accepted: return "Accepted";
    case DeploymentState::running: return "Running";
    case DeploymentState::succeeded: return "Succeeded";
    case DeploymentState::failed: return "Failed";
    case DeploymentState::canceled: return "Canceled";
  }
  return "Accepted";
}

std::optional<DeploymentState> deployment_state_from(const std::string& s) {
  for (auto st : {DeploymentState::accepted, DeploymentState::running, DeploymentState::succeeded,
                  DeploymentState::failed, DeploymentState::canceled})
    if (text::iequals(s, to_string(st))) return st;
  return std::nullopt;
}

namespace {
bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
}  // namespace

nlohmann::json parse_lenient_json(const std::string& in) {
  // Rewrites to strict JSON: comments dropped, bare property names quoted. Strings are copied
  // untouched (escapes included), so template expressions are never altered.
  std::string out;
  out.reserve(in.size() + 16);
  for (std::size_t i = 0; i < in.size();) {
    const char c = in[i];
    if (c == '"') {
      std::size_t j = i + 1;
      while (j < in.size() && in[j] != '"') j += in[j] == '\\' ? 2 : 1;
      out.append(in, i, std::min(j + 1, in.size()) - i);
      i = j + 1;
    } else if (c == '/' && i + 1 < in.size() && in[i + 1] == '/') {
      while (i < in.size() && in[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < in.size() && in[i + 1] == '*') {
      auto end = in.find("*/", i + 2);
      i = end == std::string::npos ? in.size() : end + 2;
      out += ' ';
    } else if (word_char(c)) {
      std::size_t j = i;
      while (j < in.size() && word_char(in[j])) ++j;
      std::string word = in.substr(i, j - i);
      std::size_t k = j;
      while (k < in.size() && std::isspace(static_cast<unsigned char>(in[k]))) ++k;
      const bool is_key = k < in.size() && in[k] == ':' && !std::isdigit(static_cast<unsigned char>(c)) &&
                          word != "true" && word != "false" && word != "null";
      out += is_key ? "\"" + word + "\"" : word;
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  // Azure's deserializer refuses more than 64 levels; a deeper body would only overflow the stack
  // of whatever walks it next (copies, dumps, the template engine).
  nlohmann::json j = tmpl::parse_json_bounded(out, tmpl::kMaxJsonDepth);
  if (j.is_discarded()) {
    if (!nlohmann::json::accept(out)) return nlohmann::json::parse(out);  // throws the parse error
    throw errors::invalid_request_content("The JSON nests more than " + std::to_string(tmpl::kMaxJsonDepth) + " levels.");
  }
  return j;
}

DeploymentInput deployment_input_from_json(const nlohmann::json& body) {
  if (!body.is_object()) throw errors::invalid_request_content("The deployment must be a JSON object.");
  DeploymentInput in;
  if (body.contains("location") && !body["location"].is_null()) {
    if (!body["location"].is_string()) throw errors::invalid_request_content("'location' must be a string.");
    in.location = body["location"].get<std::string>();
  }
  if (body.contains("tags") && !body["tags"].is_null()) in.tags = validated_tags(body["tags"]);
  if (!body.contains("properties") || !body["properties"].is_object())
    throw errors::invalid_request_content("Required property 'properties' not found in JSON. Path ''");
  const auto& p = body["properties"];
  if (p.contains("mode") && !p["mode"].is_null()) {
    if (!p["mode"].is_string()) throw errors::invalid_request_content("'properties.mode' must be a string.");
    const auto mode = p["mode"].get<std::string>();
    if (text::iequals(mode, "Incremental")) in.mode = "Incremental";
    else if (text::iequals(mode, "Complete")) in.mode = "Complete";
    else
      throw errors::invalid_request_content("Error converting value \"" + mode +
                                            "\" to type 'DeploymentMode'. Path 'properties.mode'");
  }
  if (p.contains("template") && !p["template"].is_null()) {
    if (!p["template"].is_object()) throw errors::invalid_request_content("'properties.template' must be an object.");
    // The service reads contentVersion with a default; a non-string would surface as a JSON type error.
    if (auto cv = p["template"].find("contentVersion"); cv != p["template"].end() && !cv->is_string())
      throw errors::invalid_request_content("Error converting value to type 'String'. Path 'properties.template.contentVersion'");
    in.template_json = p["template"];
  }
  if (p.contains("templateLink") && !p["templateLink"].is_null()) in.template_link = p["templateLink"];
  if (p.contains("parameters") && !p["parameters"].is_null()) {
    if (!p["parameters"].is_object())
      throw errors::invalid_request_content("'properties.parameters' must be an object.");
    in.parameters = p["parameters"];
  }
  if (in.template_json.is_null() && in.template_link.is_null())
    throw errors::invalid_request_content(
        "Required property 'template' or 'templateLink' not found in JSON. Path 'properties'");
  return in;
}

DeploymentInput deployment_input_from_text(const std::string& body) {
  if (body.size() > tmpl::kMaxTemplateBytes) throw errors::request_content_too_large();
  nlohmann::json j;
  try {
    j = parse_lenient_json(body);
  } catch (const nlohmann::json::exception& e) {
    // "[json.exception.parse_error.101] parse error at ...": the reason without the library's tag.
    std::string why = e.what();
    if (auto tag_end = why.find("] "); why.starts_with("[json.exception.") && tag_end != std::string::npos)
      why.erase(0, tag_end + 2);
    throw errors::invalid_request_content(why);
  }
  return deployment_input_from_json(j);
}

std::string iso_duration(std::int64_t ms) {
  if (ms <= 0) return "PT0S";
  std::string out = "PT";
  const std::int64_t h = ms / 3'600'000, m = ms / 60'000 % 60, s_ms = ms % 60'000;
  if (h) out += std::to_string(h) + "H";
  if (m) out += std::to_string(m) + "M";
  if (s_ms || (!h && !m)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(s_ms / 1000), static_cast<long long>(s_ms % 1000));
    std::string sec = buf;
    while (sec.back() == '0') sec.pop_back();
    if (sec.back() == '.') sec.pop_back();
    out += sec + "S";
  }
  return out;
}

namespace {
std::string timestamp(std::int64_t ms) {
  return exec::iso8601_7(exec::Clock::time_point(std::chrono::milliseconds(ms)));
}

nlohmann::json properties_json(const Deployment& d, std::int64_t now_ms) {
  const std::int64_t end = d.ended_ms ? *d.ended_ms : now_ms;
  nlohmann::json p = {{"templateHash", d.template_hash},
                      {"parameters", d.parameters},
                      {"mode", d.mode},
                      {"provisioningState", to_string(d.state)},
                      {"timestamp", timestamp(d.changed_ms)},
                      {"duration", iso_duration(end - d.started_ms)},
                      {"correlationId", d.correlation_id},
                      {"providers", d.providers},
                      {"dependencies", d.dependencies}};
  if (!d.template_link.is_null()) p["templateLink"] = d.template_link;
  return p;
}
}  // namespace

nlohmann::json to_json(const Deployment& d, std::int64_t now_ms) {
  nlohmann::json p = properties_json(d, now_ms);
  if (!d.outputs.is_null()) p["outputs"] = d.outputs;
  p["outputResources"] = d.output_resources;
  if (!d.error.is_null()) p["error"] = d.error;
  nlohmann::json j = {{"id", d.id.str()}, {"name", d.name()}, {"type", kDeploymentType}};
  if (!d.location.empty()) j["location"] = d.location;
  if (!d.tags.empty()) j["tags"] = d.tags;
  j["properties"] = std::move(p);
  return j;
}

nlohmann::json validate_json(const Deployment& d, const nlohmann::json& validated_ids) {
  nlohmann::json p = properties_json(d, d.changed_ms);
  p["validatedResources"] = validated_ids;
  nlohmann::json j = {{"id", d.id.str()}, {"name", d.name()}, {"type", kDeploymentType}};
  if (!d.location.empty()) j["location"] = d.location;
  j["properties"] = std::move(p);
  return j;
}

nlohmann::json to_json(const DeploymentOperation& op, const ResourceId& deployment_id) {
  nlohmann::json p = {{"provisioningOperation", op.provisioning_operation},
                      {"provisioningState", op.state},
                      {"timestamp", timestamp(op.changed_ms)},
                      {"duration", iso_duration(op.changed_ms - op.started_ms)}};
  if (!op.status_code.empty()) p["statusCode"] = op.status_code;
  if (!op.status_message.is_null()) p["statusMessage"] = op.status_message;
  if (!op.target_id.empty())
    p["targetResource"] = {{"id", op.target_id}, {"resourceType", op.target_type}, {"resourceName", op.target_name}};
  return {{"id", deployment_id.str() + "/operations/" + op.operation_id},
          {"operationId", op.operation_id},
          {"properties", std::move(p)}};
}

}  // namespace azemu::arm
