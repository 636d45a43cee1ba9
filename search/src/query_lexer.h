#pragma once
// Splits a query string into lexemes: words, "phrases", field:value pairs, OR, NOT/-, ( ).
// The lexer never fails: unbalanced quotes close at the end, unknown "name:" prefixes stay
// words, and stray parentheses are left to the parser to ignore.

#include "schema.h"

#include <string>
#include <string_view>
#include <vector>

namespace chancery::search::detail {

enum class LexKind { Word, Phrase, Field, Or, Not, Open, Close };

struct Lexeme {
  LexKind kind = LexKind::Word;
  std::string text;   // word, phrase or field value
  std::string name;   // field name as typed (Field only)
  QueryField field{}; // Field only
  bool quoted = false;

  std::string display() const; // how the lexeme reads back in a query string
};

std::vector<Lexeme> lexQuery(std::string_view nfcQuery);

} // namespace chancery::search::detail
