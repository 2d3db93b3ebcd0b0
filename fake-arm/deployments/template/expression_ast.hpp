// The syntax tree of one template language expression ("[concat(parameters('a'), 'b')[0].x]").
// Produced by expression_parser, walked by expression_evaluator. Positions are character offsets
// inside the expression text (the part between the outer brackets), for error messages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace azemu::arm::tmpl {

struct Node {
  enum class Kind {
    String,    // 'text'            text = value
    Integer,   // 42, -1            number
    Call,      // name(args...)     text = function name as written, args
    Property,  // target.name       text = property name, args[0] = target
    Index,     // target[expr]      args[0] = target, args[1] = index expression
  };
  Kind kind = Kind::String;
  std::string text;
  std::int64_t number = 0;
  std::vector<Node> args;
  std::size_t position = 0;
};

}  // namespace azemu::arm::tmpl
