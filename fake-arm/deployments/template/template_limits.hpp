// Azure's limits on templates, and the bounds that keep a hostile template from exhausting the
// stack or memory. Every recursive walk of the engine (expression parser and evaluator, template
// JSON walks, variables that reference variables) stays inside one of these, so a template nested
// 100k deep ends in InvalidTemplate instead of a stack overflow. Not here: the request body limits
// (emulator/http) and the JSON depth of request bodies (deployment_json.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>

namespace azemu::arm::tmpl {

/// Spec: ARM template best practices, "Limit the size of your template to 4 MB".
inline constexpr std::size_t kMaxTemplateBytes = 4 * 1024 * 1024;
/// Observed (azure-pipelines-tasks #15093): "The language expression length limit exceeded. Limit: '81920'".
/// (The docs still say 24,576; ARM accepts longer expressions today.)
inline constexpr std::size_t kMaxExpressionLength = 81920;
/// Levels of objects/arrays in a template, as in request bodies (Azure's deserializer stops at 64).
inline constexpr int kMaxJsonDepth = 64;
/// Nesting inside one expression: calls, '.property' and '[index]' each add a level. Azure documents
/// none; Bicep output stays far below this.
inline constexpr int kMaxExpressionDepth = 128;
/// Expression evaluations in progress on one thread (a variable referencing a variable referencing ...
/// adds a level per hop). Measured: 512 levels need < 2 MB of stack under ASan.
inline constexpr int kMaxEvaluationDepth = 512;
/// Bytes (strings) plus elements (arrays, objects) of one evaluated value: a template's values
/// cannot exceed the template size limit either, and doubling concat() chains would exhaust memory.
inline constexpr std::size_t kMaxValueSize = kMaxTemplateBytes;

/// True when `value` nests objects/arrays deeper than `max_depth` (a scalar has depth 0).
/// Iterative: safe on values of any depth.
bool deeper_than(const nlohmann::json& value, int max_depth);

/// True when `value` holds more than `limit` string bytes plus elements. Stops counting at the limit.
bool larger_than(const nlohmann::json& value, std::size_t limit);

/// Parses JSON text, refusing more than kMaxJsonDepth levels: returns a discarded value for text
/// that is not JSON or nests too deeply (the caller words the error).
nlohmann::json parse_json_bounded(std::string_view text, int max_depth = kMaxJsonDepth);

/// Throws TemplateError (InvalidTemplate) when the template is larger than kMaxTemplateBytes or
/// nests deeper than kMaxJsonDepth.
void check_template_size(const nlohmann::json& template_json);

/// Parses every expression string of the template once, so the length and nesting limits (and any
/// syntax error) fail the deployment at validation, before anything is deployed, as ARM does.
/// Inner templates of Microsoft.Resources/deployments resources are left to their own deployment.
/// Throws TemplateError (InvalidTemplate). Call after check_template_size() (it recurses per level).
void check_expression_syntax(const nlohmann::json& template_json);

/// Counts one level of evaluation on this thread for as long as it lives; throws ExpressionError
/// once more than kMaxEvaluationDepth are in progress. Thread-local because evaluation re-enters
/// itself through std::function hops (variables(), reference()) that share no context object.
class EvaluationDepth {
public:
  EvaluationDepth();
  ~EvaluationDepth();
  EvaluationDepth(const EvaluationDepth&) = delete;
  EvaluationDepth& operator=(const EvaluationDepth&) = delete;
};

}  // namespace azemu::arm::tmpl
