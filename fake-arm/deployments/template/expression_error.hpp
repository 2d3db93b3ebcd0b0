// ExpressionError: what goes wrong inside one template language expression (syntax, unknown
// function, bad arguments). Carries the expression text and the character position so the caller
// that knows *where in the template* the expression sits (a JSON path) can build Azure's
// InvalidTemplate message. Never leaves the engine: template_errors.hpp turns it into TemplateError.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace azemu::arm::tmpl {

class ExpressionError : public std::runtime_error {
public:
  static constexpr std::size_t kNoPosition = static_cast<std::size_t>(-1);

  explicit ExpressionError(std::string message, std::size_t position = kNoPosition)
      : std::runtime_error(message), message_(std::move(message)), position_(position) {}

  const std::string& message() const { return message_; }
  std::size_t position() const { return position_; }
  const std::string& expression() const { return expression_; }
  const std::string& path() const { return path_; }

  // The evaluator fills these in on the way out, innermost first (first writer wins).
  void set_position(std::size_t p) {
    if (position_ == kNoPosition) position_ = p;
  }
  void set_expression(const std::string& e) {
    if (expression_.empty()) expression_ = e;
  }
  void set_path(const std::string& p) {
    if (path_.empty()) path_ = p;
  }

  /// "'<message>' (expression '[...]' at position 'N', template path 'resources[0].name')"
  std::string located() const;

private:
  std::string message_;
  std::size_t position_;
  std::string expression_, path_;
};

/// Azure's wording for a function that does not exist: used by the evaluator and tests.
std::string unknown_function_message(const std::string& name);

}  // namespace azemu::arm::tmpl
