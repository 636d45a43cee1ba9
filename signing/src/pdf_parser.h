#pragma once
// Tokenizer and recursive-descent parser for PDF objects over an in-memory view of the file.
// It never reads past the view and limits nesting, so hostile files end in SigningError.
#include <cstddef>
#include <optional>
#include <string_view>

#include "pdf_object.h"

namespace chancery::signing::pdf {

class Parser {
 public:
  Parser(std::string_view data, std::size_t pos) : data_(data), pos_(pos) {}

  // Parses one direct object (references stay references). Throws SigningError(Malformed).
  Object parseObject();
  void skipSpace();
  // Consumes `kw` if it is the next token (followed by a delimiter or whitespace).
  bool tryKeyword(std::string_view kw);
  std::optional<std::int64_t> tryInteger();
  std::size_t pos() const { return pos_; }
  void seek(std::size_t p) { pos_ = p; }
  bool atEnd() const { return pos_ >= data_.size(); }

  static bool isSpace(unsigned char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
  }
  static bool isDelimiter(unsigned char c) {
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '/' || c == '%';
  }

 private:
  Object parseAt(int depth);
  Object parseNumberOrRef();
  Object parseName();
  Object parseLiteralString();
  Object parseHexString();
  Object parseDict(int depth);
  Object parseArray(int depth);
  [[noreturn]] void fail(const char* what) const;

  std::string_view data_;
  std::size_t pos_;
};

}  // namespace chancery::signing::pdf
