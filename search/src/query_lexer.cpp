#include "query_lexer.h"

#include "text.h"

namespace chancery::search::detail {
namespace {

bool isSpace(char32_t c) {
  return c == U' ' || (c >= U'\t' && c <= U'\r') || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

bool isQuote(char32_t c) {
  return c == U'"' || c == 0x201C || c == 0x201D || c == 0x201E;
}

class Lexer {
public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Lexeme> run() {
    std::vector<Lexeme> out;
    while (skipSpace()) {
      std::size_t next = pos_;
      const char32_t c = decodeUtf8(text_, next);
      if (isQuote(c)) {
        pos_ = next;
        out.push_back({LexKind::Phrase, readQuoted(), {}, {}, true});
      } else if (c == U'(' || c == U')') {
        pos_ = next;
        out.push_back({c == U'(' ? LexKind::Open : LexKind::Close, {}, {}, {}, false});
      } else if (c == U'-' && next < text_.size() && !isSpaceAt(next)) {
        pos_ = next;
        out.push_back({LexKind::Not, {}, {}, {}, false});
      } else {
        out.push_back(chunkLexeme(readChunk()));
      }
    }
    return out;
  }

private:
  // Skips whitespace; false at the end.
  bool skipSpace() {
    while (pos_ < text_.size()) {
      std::size_t next = pos_;
      if (!isSpace(decodeUtf8(text_, next))) return true;
      pos_ = next;
    }
    return false;
  }

  bool isSpaceAt(std::size_t at) const { return isSpace(decodeUtf8(text_, at)); }

  bool startsBreak(std::size_t at) const {
    const char32_t c = decodeUtf8(text_, at);
    return isSpace(c) || isQuote(c) || c == U'(' || c == U')';
  }

  std::string readQuoted() {
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
      std::size_t next = pos_;
      if (isQuote(decodeUtf8(text_, next))) {
        std::string inside(text_.substr(start, pos_ - start));
        pos_ = next;
        return inside;
      }
      pos_ = next;
    }
    return std::string(text_.substr(start));
  }

  std::string readChunk() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && !startsBreak(pos_))
      decodeUtf8(text_, pos_);
    return std::string(text_.substr(start, pos_ - start));
  }

  Lexeme chunkLexeme(std::string chunk) {
    if (chunk == "OR" || chunk == "HOẶC") return {LexKind::Or, chunk, {}, {}, false};
    if (chunk == "NOT") return {LexKind::Not, chunk, {}, {}, false};
    const std::size_t colon = chunk.find(':');
    if (colon == std::string::npos || colon == 0) return {LexKind::Word, chunk, {}, {}, false};
    const std::optional<QueryField> field = findQueryField(chunk.substr(0, colon));
    if (!field) return {LexKind::Word, chunk, {}, {}, false};
    Lexeme lexeme{LexKind::Field, chunk.substr(colon + 1), chunk.substr(0, colon), *field, false};
    if (lexeme.text.empty() && skipSpace()) { // "so: 30/2020" and loai:"nghị định"
      std::size_t next = pos_;
      const char32_t c = decodeUtf8(text_, next);
      if (isQuote(c)) {
        pos_ = next;
        lexeme.text = readQuoted();
        lexeme.quoted = true;
      } else if (c != U'(' && c != U')') {
        lexeme.text = readChunk();
      }
    }
    return lexeme;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

} // namespace

std::string Lexeme::display() const {
  switch (kind) {
  case LexKind::Word:
    return text;
  case LexKind::Phrase:
    return "\"" + text + "\"";
  case LexKind::Field:
    return name + ":" + (quoted ? "\"" + text + "\"" : text);
  case LexKind::Or:
    return "OR";
  case LexKind::Not:
    return "-";
  case LexKind::Open:
    return "(";
  case LexKind::Close:
    return ")";
  }
  return text;
}

std::vector<Lexeme> lexQuery(std::string_view nfcQuery) {
  return Lexer(nfcQuery).run();
}

} // namespace chancery::search::detail
