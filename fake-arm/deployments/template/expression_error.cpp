// Formatting of ExpressionError locations. Azure reports "at line 'L' and column 'C'" of the
// template text; the engine only sees parsed JSON, so it reports the JSON path and the position
// inside the failing expression instead.
#include "fake-arm/deployments/template/expression_error.hpp"

namespace azemu::arm::tmpl {

std::string ExpressionError::located() const {
  std::string s = "at '" + (path_.empty() ? std::string("template") : path_) + "'";
  if (!expression_.empty()) {
    s += " (expression '" + expression_ + "'";
    // Positions are offsets in the text between the brackets; +1 makes them offsets in the string.
    if (position_ != kNoPosition) s += ", position '" + std::to_string(position_ + 1) + "'";
    s += ")";
  }
  return s;
}

std::string unknown_function_message(const std::string& name) {
  // Observed: ARM InvalidTemplate "The template function 'foo' is not valid. Please see https://aka.ms/arm-functions for usage details."
  return "The template function '" + name + "' is not valid. Please see https://aka.ms/arm-functions for usage details.";
}

}  // namespace azemu::arm::tmpl
