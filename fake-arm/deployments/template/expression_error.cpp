// Formatting of ExpressionError locations. Azure reports "at line 'L' and column 'C'" of the
// template text; the engine only sees parsed JSON, so it reports the JSON path and the position
// inside the failing expression instead.
#include "fake-arm/deployments/template/expression_error.hpp"

namespace azemu::arm::tmpl {

std::string ExpressionError::located() const {
  std::string s = "at '" + (path_.empty() ? std::string("template") : path_) + "'";
  if (!expression_.empty()) {
    // A limit error may be about an 80,000-character expression: quote its start only, cut on a
    // UTF-8 character boundary so the message stays valid JSON text.
    constexpr std::size_t kQuoted = 200;
    std::string quoted = expression_;
    if (quoted.size() > kQuoted) {
      std::size_t cut = kQuoted;
      while (cut > 0 && (static_cast<unsigned char>(quoted[cut]) & 0xC0) == 0x80) --cut;
      quoted = quoted.substr(0, cut) + "...";
    }
    s += " (expression '" + quoted + "'";
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
