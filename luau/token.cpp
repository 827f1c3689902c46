#include "luau/token.h"

namespace rbxpipe::luau {

std::string_view token_kind_text(TokenKind kind) {
  switch (kind) {
    case TokenKind::eof: return "end of file";
    case TokenKind::name: return "identifier";
    case TokenKind::number: return "number";
    case TokenKind::string:
    case TokenKind::long_string: return "string";
    case TokenKind::interp_simple:
    case TokenKind::interp_begin:
    case TokenKind::interp_mid:
    case TokenKind::interp_end: return "interpolated string";
    case TokenKind::attribute: return "attribute";
    case TokenKind::attribute_open: return "'@['";
    case TokenKind::kw_and: return "'and'";
    case TokenKind::kw_break: return "'break'";
    case TokenKind::kw_do: return "'do'";
    case TokenKind::kw_else: return "'else'";
    case TokenKind::kw_elseif: return "'elseif'";
    case TokenKind::kw_end: return "'end'";
    case TokenKind::kw_false: return "'false'";
    case TokenKind::kw_for: return "'for'";
    case TokenKind::kw_function: return "'function'";
    case TokenKind::kw_if: return "'if'";
    case TokenKind::kw_in: return "'in'";
    case TokenKind::kw_local: return "'local'";
    case TokenKind::kw_nil: return "'nil'";
    case TokenKind::kw_not: return "'not'";
    case TokenKind::kw_or: return "'or'";
    case TokenKind::kw_repeat: return "'repeat'";
    case TokenKind::kw_return: return "'return'";
    case TokenKind::kw_then: return "'then'";
    case TokenKind::kw_true: return "'true'";
    case TokenKind::kw_until: return "'until'";
    case TokenKind::kw_while: return "'while'";
    case TokenKind::plus: return "'+'";
    case TokenKind::minus: return "'-'";
    case TokenKind::star: return "'*'";
    case TokenKind::slash: return "'/'";
    case TokenKind::floor_div: return "'//'";
    case TokenKind::percent: return "'%'";
    case TokenKind::caret: return "'^'";
    case TokenKind::concat: return "'..'";
    case TokenKind::hash: return "'#'";
    case TokenKind::eq: return "'=='";
    case TokenKind::ne: return "'~='";
    case TokenKind::lt: return "'<'";
    case TokenKind::le: return "'<='";
    case TokenKind::gt: return "'>'";
    case TokenKind::ge: return "'>='";
    case TokenKind::assign: return "'='";
    case TokenKind::plus_assign: return "'+='";
    case TokenKind::minus_assign: return "'-='";
    case TokenKind::star_assign: return "'*='";
    case TokenKind::slash_assign: return "'/='";
    case TokenKind::floor_div_assign: return "'//='";
    case TokenKind::percent_assign: return "'%='";
    case TokenKind::caret_assign: return "'^='";
    case TokenKind::concat_assign: return "'..='";
    case TokenKind::lparen: return "'('";
    case TokenKind::rparen: return "')'";
    case TokenKind::lbracket: return "'['";
    case TokenKind::rbracket: return "']'";
    case TokenKind::lbrace: return "'{'";
    case TokenKind::rbrace: return "'}'";
    case TokenKind::semicolon: return "';'";
    case TokenKind::colon: return "':'";
    case TokenKind::double_colon: return "'::'";
    case TokenKind::comma: return "','";
    case TokenKind::dot: return "'.'";
    case TokenKind::dot3: return "'...'";
    case TokenKind::arrow: return "'->'";
    case TokenKind::question: return "'?'";
    case TokenKind::pipe: return "'|'";
    case TokenKind::ampersand: return "'&'";
  }
  return "token";
}

}  // namespace rbxpipe::luau
