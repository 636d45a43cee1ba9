#include "tokenizer.h"

#include "text.h"

namespace chancery::search::detail {

bool Tokenizer::next(Token &token) {
  token.exact.clear();
  token.folded.clear();
  // Skip to the first letter or digit: a mark or format character with no base before it
  // belongs to no word.
  while (pos_ < text_.size()) {
    const std::size_t start = pos_;
    const auto b = static_cast<unsigned char>(text_[pos_]);
    const char32_t c = b < 0x80 ? (++pos_, b) : decodeUtf8(text_, pos_);
    if (charClass(c) != CharClass::Word) continue;
    token.begin = start;
    appendUtf8(token.exact, lowerChar(c));
    appendUtf8(token.folded, foldChar(c));
    break;
  }
  if (token.exact.empty()) return false;
  token.end = pos_;
  while (pos_ < text_.size()) {
    const auto b = static_cast<unsigned char>(text_[pos_]);
    std::size_t next = pos_;
    const char32_t c = b < 0x80 ? (++next, b) : decodeUtf8(text_, next);
    const CharClass cls = charClass(c);
    if (cls == CharClass::Separator) break;
    pos_ = next;
    if (cls == CharClass::Ignorable) continue;
    token.end = pos_;
    appendUtf8(token.exact, lowerChar(c));
    if (const char32_t f = foldChar(c); f != 0) appendUtf8(token.folded, f);
  }
  return true;
}

} // namespace chancery::search::detail
