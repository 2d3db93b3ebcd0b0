// Resource expansion. Names, conditions, copy counts and dependsOn are evaluated here, before any
// resource exists, so reference()/list*() are not available (ARM forbids them in these places too).
#include "fake-arm/deployments/template/resource_expansion.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/deployments/template/expression_error.hpp"
#include "fake-arm/deployments/template/expression_evaluator.hpp"
#include "fake-arm/deployments/template/function_table.hpp"
#include "fake-arm/deployments/template/plan_context.hpp"
#include "fake-arm/deployments/template/resource_ids.hpp"
#include "fake-arm/deployments/template/template_errors.hpp"

#include <map>

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

struct Parent {
  std::size_t index;
  std::string type, name;
  bool condition;
  std::vector<std::pair<std::string, std::int64_t>> loops;
  std::optional<std::int64_t> default_loop;
};

std::string string_member(const json& def, const char* key, const std::string& path, const std::string& display) {
  const json* v = find_member(def, key);
  if (!v || !v->is_string() || v->get_ref<const std::string&>().empty())
    throw errors::validation_failed("The template resource '" + display + "' at '" + path + "' is not valid: the property '" +
                                    key + "' is required and must be a non-empty string.");
  return v->get<std::string>();
}

class Expander {
public:
  explicit Expander(Plan::State& st) : st_(st) {}

  void expand(const json& def, const std::string& path, const std::optional<Parent>& parent) {
    if (!def.is_object())
      throw errors::validation_failed("The template resource at '" + path + "' is not valid: a resource must be an object.");
    std::string written_name = find_member(def, "name") && find_member(def, "name")->is_string()
                                   ? find_member(def, "name")->get<std::string>()
                                   : path;
    std::string type = string_member(def, "type", path, written_name);
    string_member(def, "name", path, written_name);
    std::string api = string_member(def, "apiVersion", path, written_name);

    EvalContext ctx = plan_context(st_, nullptr);
    ctx.location_kind = "resource";
    if (parent) ctx.loops = parent->loops, ctx.default_loop = parent->default_loop;

    const json* copy = find_member(def, "copy");
    if (!copy) {
      add_instance(def, path, parent, type, api, ctx, "");
      return;
    }
    if (!copy->is_object())
      throw errors::validation_failed("The template resource '" + written_name + "' at '" + path +
                                      "' is not valid: the property 'copy' must be an object.");
    const json* loop_name = find_member(*copy, "name");
    const json* count = find_member(*copy, "count");
    if (!loop_name || !loop_name->is_string() || !count)
      throw errors::validation_failed("The template resource '" + written_name + "' at '" + path +
                                      "' is not valid: the copy property needs 'name' and 'count'.");
    CopyLoop loop;
    loop.name = loop_name->get<std::string>();
    try {
      std::int64_t n = evaluate_copy_count(*count, ctx, path + ".copy.count");
      if (const json* mode = find_member(*copy, "mode"); mode && mode->is_string())
        loop.serial = text::iequals(mode->get<std::string>(), "serial");
      if (const json* batch = find_member(*copy, "batchSize")) {
        json b = evaluate_value(*batch, ctx, path + ".copy.batchSize");
        if (!b.is_number_integer() || b.get<std::int64_t>() < 1)
          throw ExpressionError("The copy batchSize must be a positive integer.");
        loop.batch_size = b.get<std::int64_t>();
      }
      EvalContext member = ctx;
      member.loops.emplace_back(loop.name, 0);
      for (std::int64_t i = 0; i < n; ++i) {
        member.loops.back().second = i;
        member.default_loop = i;
        loop.members.push_back(add_instance(def, path, parent, type, api, member, loop.name));
      }
    } catch (const ExpressionError& e) {
      throw errors::resource_invalid(written_name, e);
    }
    st_.copy_loops.push_back(std::move(loop));
  }

private:
  std::size_t add_instance(const json& def, const std::string& path, const std::optional<Parent>& parent,
                           const std::string& written_type, const std::string& api, const EvalContext& ctx,
                           const std::string& copy_name) {
    std::string display = find_member(def, "name")->get<std::string>();
    PlannedResource r;
    ResourceInstance inst;
    try {
      json name = evaluate_value(*find_member(def, "name"), ctx, path + ".name");
      if (!name.is_string() || name.get_ref<const std::string&>().empty())
        throw ExpressionError("The resource name must evaluate to a non-empty string.");
      display = name.get<std::string>();
      r.type = written_type;
      r.name = display;
      if (parent && written_type.find('/') == std::string::npos) {
        // Spec: a nested child's type and name are relative to its parent.
        r.type = parent->type + "/" + written_type;
        r.name = parent->name + "/" + display;
      }
      r.api_version = api;
      r.template_path = path;
      r.condition = parent ? parent->condition : true;
      if (const json* cond = find_member(def, "condition")) {
        json c = evaluate_value(*cond, ctx, path + ".condition");
        if (!c.is_boolean()) throw ExpressionError("The resource condition must evaluate to a boolean; it is of type '" + arm_type_name(c) + "'.");
        r.condition = r.condition && c.get<bool>();
      }
      r.resource_id = compute_id(def, r, ctx, path);
      r.symbolic = r.type + "/" + r.name;
      if (const json* deps = find_member(def, "dependsOn"); deps && !deps->is_null()) {
        json d = evaluate_value(*deps, ctx, path + ".dependsOn");
        if (!d.is_array()) throw ExpressionError("The property 'dependsOn' must be an array of strings.");
        for (const json& e : d) {
          if (!e.is_string()) throw ExpressionError("The property 'dependsOn' must be an array of strings.");
          if (!e.get_ref<const std::string&>().empty()) inst.depends_on.push_back(e.get<std::string>());
        }
      }
    } catch (const ExpressionError& e) {
      throw errors::resource_invalid(display, e);
    }
    inst.definition = def;
    inst.definition.erase("resources");
    inst.loops = ctx.loops;
    inst.default_loop = ctx.default_loop;
    inst.copy_name = copy_name;
    if (parent) inst.parent = parent->index;
    std::size_t index = st_.resources.size();
    st_.resources.push_back(r);
    st_.instances.push_back(std::move(inst));

    if (const json* children = find_member(def, "resources"); children && children->is_array()) {
      Parent me{index, r.type, r.name, r.condition, ctx.loops, ctx.default_loop};
      for (std::size_t k = 0; k < children->size(); ++k)
        expand((*children)[k], path + ".resources[" + std::to_string(k) + "]", me);
    }
    return index;
  }

  std::string compute_id(const json& def, const PlannedResource& r, const EvalContext& ctx, const std::string& path) {
    const DeploymentScope& s = st_.scope;
    auto type = split_type(r.type);
    auto names = split_name(r.name);
    if (!type || names.size() != type->types.size())
      // Observed: ARM's segment-length rule for resource types and names.
      throw ExpressionError("The resource type '" + r.type + "' and name '" + r.name +
                            "' have incorrect segment lengths. A nested resource type must have identical number of "
                            "segments as its resource name. A root resource type must have segment length one greater "
                            "than its resource name. Please see https://aka.ms/arm-syntax-resources for usage details.");
    std::string sub = s.subscription_id, rg = s.resource_group;
    auto member = [&](const char* key) -> std::optional<std::string> {
      const json* v = find_member(def, key);
      if (!v) return std::nullopt;
      json e = evaluate_value(*v, ctx, path + "." + key);
      if (!e.is_string()) throw ExpressionError(std::string("The resource property '") + key + "' must be a string.");
      return e.get<std::string>();
    };
    if (auto x = member("subscriptionId")) sub = *x, rg = "";
    if (auto x = member("resourceGroup")) rg = *x;
    if (auto scope = member("scope")) {
      // Extension resource: the scope is a full id, or "type/name" of a resource in this template.
      std::string base = *scope;
      if (base.empty() || base[0] != '/') {
        for (const auto& other : st_.resources)
          if (text::iequals(other.symbolic, base) || text::iequals(other.name, base)) base = other.resource_id;
        if (base.empty() || base[0] != '/') throw ExpressionError("The resource scope '" + *scope + "' is not defined in the template.");
      }
      while (base.size() > 1 && base.back() == '/') base.pop_back();
      if (base == "/") base.clear();
      return provider_resource_id(base, *type, names);
    }
    if (text::iequals(r.type, "Microsoft.Resources/resourceGroups"))
      return scope_prefix(sub, r.name);  // a group is addressed as /subscriptions/{s}/resourceGroups/{name}
    return provider_resource_id(scope_prefix(sub, rg), *type, names);
  }

  Plan::State& st_;
};

}  // namespace

void expand_resources(Plan::State& state, const json& resources) {
  if (resources.is_null()) return;
  if (resources.is_object())
    throw errors::validation_failed(
        "The template property 'resources' is an object (languageVersion 2.0 symbolic names), which this emulator does not support; use an array.");
  if (!resources.is_array()) throw errors::validation_failed("The template property 'resources' must be an array.");
  Expander ex(state);
  for (std::size_t i = 0; i < resources.size(); ++i) ex.expand(resources[i], "resources[" + std::to_string(i) + "]", std::nullopt);

  // ARM rejects two resources with the same id (e.g. a copy loop whose name ignores copyIndex()).
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < state.resources.size(); ++i) {
    if (!state.resources[i].condition) continue;
    auto [it, fresh] = seen.emplace(text::to_lower(state.resources[i].resource_id), i);
    if (!fresh) throw errors::resource_defined_multiple_times(state.resources[i].symbolic, state.resources[i].template_path);
  }
}

}  // namespace azemu::arm::tmpl
