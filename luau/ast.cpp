#include "luau/ast.h"

namespace rbxpipe::luau {

std::string_view binary_op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::add: return "+";
    case BinaryOp::sub: return "-";
    case BinaryOp::mul: return "*";
    case BinaryOp::div: return "/";
    case BinaryOp::floor_div: return "//";
    case BinaryOp::mod: return "%";
    case BinaryOp::pow: return "^";
    case BinaryOp::concat: return "..";
    case BinaryOp::eq: return "==";
    case BinaryOp::ne: return "~=";
    case BinaryOp::lt: return "<";
    case BinaryOp::le: return "<=";
    case BinaryOp::gt: return ">";
    case BinaryOp::ge: return ">=";
    case BinaryOp::logical_and: return "and";
    case BinaryOp::logical_or: return "or";
  }
  return "?";
}

std::string_view unary_op_text(UnaryOp op) {
  switch (op) {
    case UnaryOp::negate: return "-";
    case UnaryOp::logical_not: return "not";
    case UnaryOp::length: return "#";
  }
  return "?";
}

}  // namespace rbxpipe::luau
