// Evaluates template values: walks any JSON value, evaluates every "[...]" string with the
// function table, unescapes "[[" literals, and expands property `copy` arrays
// ({"copy": [{"name": "disks", "count": 2, "input": {...}}]} → {"disks": [..., ...]}).
// Errors leave as ExpressionError carrying the JSON path and expression; callers decide the
// Azure wording (template_errors.hpp).
#pragma once

#include "fake-arm/deployments/template/eval_context.hpp"
#include "fake-arm/deployments/template/expression_ast.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::arm::tmpl {

/// Evaluates a parsed expression.
nlohmann::json evaluate_node(const Node& node, const EvalContext& ctx);

/// Evaluates one JSON value as a template value at `path` (e.g. "resources[1].properties").
nlohmann::json evaluate_value(const nlohmann::json& value, const EvalContext& ctx, const std::string& path);

/// Maximum copy count ARM accepts (Spec: "count can't exceed 800").
inline constexpr std::int64_t kMaxCopyCount = 800;

/// Evaluates a copy `count` and checks it is an integer in [0, 800]; throws ExpressionError.
std::int64_t evaluate_copy_count(const nlohmann::json& count, const EvalContext& ctx, const std::string& path);

}  // namespace azemu::arm::tmpl
