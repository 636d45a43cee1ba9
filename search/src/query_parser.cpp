#include "query_parser.h"

#include "chancery/search/error.h"
#include "chancery/search/query.h"
#include "dates.h"
#include "indexer.h"
#include "query_lexer.h"
#include "schema.h"
#include "text.h"
#include "tokenizer.h"

#include <algorithm>

namespace chancery::search::detail {
namespace {

constexpr int kMaxDepth = 16;
// In the OR fallback each word is also looked up in the title (the article's name says what it
// is about); at full weight titles drown the body, at half weight they help (measured on
// data/relevance.tsv over the whole corpus).
constexpr double kLooseTitleWeight = 0.5;

struct Unit {
  Xapian::Query query;
  bool text = false; // free text: takes part in the OR fallback
};

struct Clause {
  Xapian::Query query;
  Xapian::Query loose; // what the clause contributes to the OR fallback
  bool negated = false;
  bool text = false;
};

[[noreturn]] void badQuery(const std::string &message) {
  throw SearchError(SearchError::Code::BadQuery, message);
}

Xapian::Query andOf(const std::vector<Xapian::Query> &parts) {
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query orOf(const std::vector<Xapian::Query> &parts) {
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query requireAndExclude(const std::vector<Xapian::Query> &required,
                                const std::vector<Xapian::Query> &excluded) {
  if (required.empty() && excluded.empty()) return {};
  Xapian::Query base = required.empty() ? Xapian::Query::MatchAll : andOf(required);
  if (excluded.empty()) return base;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, base, orOf(excluded));
}

Xapian::Query dateQuery(const DateSpan &span) {
  if (span.first.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot::kDate, span.last);
  if (span.last.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot::kDate, span.first);
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot::kDate, span.first, span.last);
}

// A lexeme that can only be a date range: digits and date punctuation around "..".
bool looksLikeRange(std::string_view text) {
  return text.find("..") != std::string_view::npos &&
         text.find_first_not_of("0123456789/-.") == std::string_view::npos;
}

DateSpan dateOrRange(std::string_view value, bool yearsOnly) {
  if (auto range = parseDateRange(value)) return *range;
  DateSpan span;
  const DateParse result = parseDateSpan(value, span);
  if (result != DateParse::Ok || (yearsOnly && value.size() != 4))
    badQuery("not a valid " + std::string(yearsOnly ? "year" : "date") + ": '" +
             std::string(value.substr(0, 40)) + "'");
  return span;
}

int secrecyLevel(std::string_view value) {
  const std::string key = keyText(value);
  if (key == "0" || key == "thuong" || key == "none" || key == "khong") return 0;
  if (key == "1" || key == "mat" || key == "confidential") return 1;
  if (key == "2" || key == "toi mat" || key == "secret") return 2;
  if (key == "3" || key == "tuyet mat" || key == "top secret" || key == "top-secret") return 3;
  badQuery("unknown secrecy level: '" + std::string(value.substr(0, 40)) + "'");
}

class Compiler {
public:
  Compiler(std::vector<Lexeme> lexemes, ParsedQuery &out) : lex_(std::move(lexemes)), out_(out) {
    for (const Lexeme &l : lex_)
      out_.lexemes.push_back(l.display());
  }

  void run() {
    std::vector<Clause> clauses;
    while (i_ < lex_.size()) { // a stray ")" ends sequence(); skip it and go on
      auto more = sequence(0, false);
      clauses.insert(clauses.end(), more.begin(), more.end());
      if (i_ < lex_.size()) ++i_;
    }
    out_.strict = combine(clauses);
    out_.matchNothing = out_.strict.empty() && !lex_.empty();
    for (const Clause &c : clauses) {
      if (c.query.empty()) continue;
      if (c.negated) {
        out_.looseExcluded.push_back(c.query);
      } else if (c.text) {
        out_.looseParts.push_back(c.loose.empty() ? c.query : c.loose);
      } else {
        out_.looseRequired.push_back(c.query);
      }
    }
  }

private:
  // AND of the positive clauses minus the negated ones.
  static Xapian::Query combine(const std::vector<Clause> &clauses) {
    std::vector<Xapian::Query> required, excluded;
    for (const Clause &c : clauses) {
      if (!c.query.empty()) (c.negated ? excluded : required).push_back(c.query);
    }
    return requireAndExclude(required, excluded);
  }

  // `outerNegated`: the sequence sits inside a negated group, so its words are not wanted in
  // highlights or suggestions.
  std::vector<Clause> sequence(int depth, bool outerNegated) {
    std::vector<Clause> clauses;
    while (i_ < lex_.size() && lex_[i_].kind != LexKind::Close) {
      Clause clause;
      while (i_ < lex_.size() && lex_[i_].kind == LexKind::Not) {
        clause.negated = !clause.negated;
        ++i_;
      }
      negated_ = clause.negated != outerNegated;
      Unit first;
      if (!unit(depth, first)) continue;
      const std::string word = lastWord_;
      std::vector<Xapian::Query> alternatives{first.query};
      bool text = first.text;
      while (i_ + 1 < lex_.size() && lex_[i_].kind == LexKind::Or) {
        ++i_;
        Unit next;
        if (!unit(depth, next)) break;
        alternatives.push_back(next.query);
        text = text && next.text;
      }
      std::erase_if(alternatives, [](const Xapian::Query &q) { return q.empty(); });
      if (alternatives.empty()) continue;
      clause.query = orOf(alternatives);
      clause.text = text;
      if (alternatives.size() == 1 && !word.empty())
        clause.loose = Xapian::Query(
            Xapian::Query::OP_OR, clause.query,
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                          Xapian::Query(std::string(prefix::kTitle) + word), kLooseTitleWeight));
      clauses.push_back(std::move(clause));
    }
    negated_ = outerNegated;
    return clauses;
  }

  // Reads one unit; false when the lexeme was an operator with nothing to apply to.
  bool unit(int depth, Unit &out) {
    lastWord_.clear();
    const std::size_t at = i_++;
    const Lexeme &lexeme = lex_[at];
    switch (lexeme.kind) {
    case LexKind::Open: {
      if (depth >= kMaxDepth) badQuery("query nests parentheses too deeply");
      const auto inner = sequence(depth + 1, negated_);
      if (i_ < lex_.size()) ++i_; // the ")", if any
      out.query = combine(inner);
      out.text = std::all_of(inner.begin(), inner.end(),
                             [](const Clause &c) { return c.text && !c.negated; });
      return true;
    }
    case LexKind::Word:
      if (looksLikeRange(lexeme.text)) {
        out.query = dateQuery(dateOrRange(lexeme.text, false));
      } else {
        out.query = words(lexeme.text, at, true);
        out.text = true;
      }
      return true;
    case LexKind::Phrase:
      out.query = words(lexeme.text, at, false);
      out.text = true;
      return true;
    case LexKind::Field:
      out.query = field(lexeme);
      return true;
    case LexKind::Or:
    case LexKind::Not:
    case LexKind::Close:
      return false;
    }
    return false;
  }

  std::vector<Token> tokens(std::string_view text) {
    std::vector<Token> list;
    Tokenizer tokenizer(text);
    Token token;
    while (tokenizer.next(token)) {
      if (token.exact.size() > kMaxWordBytes) continue;
      if (wordCount_ >= kMaxQueryWords) {
        out_.truncated = true;
        break;
      }
      ++wordCount_;
      if (!negated_ && std::find(out_.highlight.begin(), out_.highlight.end(), token.folded) ==
                           out_.highlight.end())
        out_.highlight.push_back(token.folded);
      list.push_back(token);
    }
    return list;
  }

  static Xapian::Query word(const Token &t) {
    Xapian::Query folded(t.folded);
    if (!t.hasDiacritics()) return folded;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, folded,
                         Xapian::Query(std::string(prefix::kExact) + t.exact));
  }

  static Xapian::Query phrase(const std::vector<Token> &list) {
    std::vector<std::string> folded, exact;
    bool diacritics = false;
    for (const Token &t : list) {
      folded.push_back(t.folded);
      exact.push_back(t.hasDiacritics() ? std::string(prefix::kExact) + t.exact : t.folded);
      diacritics = diacritics || t.hasDiacritics();
    }
    const auto size = static_cast<Xapian::termcount>(list.size());
    Xapian::Query q(Xapian::Query::OP_PHRASE, folded.begin(), folded.end(), size);
    if (!diacritics) return q;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                         Xapian::Query(Xapian::Query::OP_PHRASE, exact.begin(), exact.end(), size));
  }

  // A typed word, a hyphenated or slashed word ("NĐ-CP", "30/2020/NĐ-CP"), or a phrase.
  Xapian::Query words(std::string_view text, std::size_t lexemeIndex, bool bare) {
    const std::vector<Token> list = tokens(text);
    if (list.empty()) return {};
    if (list.size() == 1) {
      if (bare) lastWord_ = list[0].folded;
      const bool digits = list[0].folded[0] >= '0' && list[0].folded[0] <= '9';
      if (bare && !negated_ && !digits && list[0].end - list[0].begin == text.size())
        out_.spellable.push_back({lexemeIndex, list[0].folded});
      return word(list[0]);
    }
    Xapian::Query q = phrase(list);
    if (bare && text.find_first_of("/-") != std::string_view::npos) {
      // The number field holds the whole code: find the document itself, not only citations.
      const std::string code = normalizeCode(text);
      const std::vector<Xapian::Query> any{q, Xapian::Query(boundedTerm(prefix::kNumber, code)),
                                           Xapian::Query(boundedTerm(prefix::kNotation, code))};
      q = orOf(any);
    }
    return q;
  }

  Xapian::Query field(const Lexeme &lexeme) {
    const std::string_view value = lexeme.text;
    const QueryField &f = lexeme.field;
    switch (f.kind) {
    case FieldKind::Text: {
      std::vector<std::string> terms;
      for (const Token &t : tokens(value))
        terms.push_back(std::string(f.prefix) + t.folded);
      if (terms.size() <= 1) return terms.empty() ? Xapian::Query() : Xapian::Query(terms[0]);
      return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                           static_cast<Xapian::termcount>(terms.size()));
    }
    case FieldKind::Code: {
      const std::string code = normalizeCode(value);
      if (code.empty()) return {};
      return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(boundedTerm(prefix::kNumber, code)),
                           Xapian::Query(boundedTerm(prefix::kNotation, code)));
    }
    case FieldKind::Key: {
      const std::string key = keyText(value);
      return key.empty() ? Xapian::Query() : Xapian::Query(boundedTerm(f.prefix, key));
    }
    case FieldKind::Id:
      return value.empty() ? Xapian::Query() : Xapian::Query(boundedTerm(f.prefix, value));
    case FieldKind::Date:
    case FieldKind::Year:
      if (value.empty()) return {};
      return dateQuery(dateOrRange(value, f.kind == FieldKind::Year));
    case FieldKind::Secrecy:
      return Xapian::Query(std::string(prefix::kSecrecy) + std::to_string(secrecyLevel(value)));
    }
    return {};
  }

  std::vector<Lexeme> lex_;
  ParsedQuery &out_;
  std::size_t i_ = 0;
  std::size_t wordCount_ = 0;
  bool negated_ = false;
  std::string lastWord_; // set by words() when the unit was one plain word
};

} // namespace

ParsedQuery parseQuery(std::string_view raw) {
  if (raw.size() > kMaxQueryBytes)
    throw SearchError(SearchError::Code::QueryTooLong,
                      "query is longer than " + std::to_string(kMaxQueryBytes) + " bytes");
  ParsedQuery out;
  Compiler(lexQuery(toNfc(raw)), out).run();
  return out;
}

Xapian::Query widenedQuery(const ParsedQuery &parsed) {
  if (parsed.looseParts.size() < 2) return {};
  std::vector<Xapian::Query> required = parsed.looseRequired;
  required.push_back(orOf(parsed.looseParts));
  return requireAndExclude(required, parsed.looseExcluded);
}

std::string respell(const ParsedQuery &parsed, const std::vector<std::string> &replacements) {
  std::vector<std::string> lexemes = parsed.lexemes;
  for (std::size_t i = 0; i < parsed.spellable.size() && i < replacements.size(); ++i) {
    if (!replacements[i].empty()) lexemes.at(parsed.spellable[i].lexeme) = replacements[i];
  }
  std::string out;
  for (std::size_t i = 0; i < lexemes.size(); ++i) {
    const bool glue = i == 0 || lexemes[i - 1] == "(" || lexemes[i - 1] == "-" || lexemes[i] == ")";
    if (!glue) out += ' ';
    out += lexemes[i];
  }
  return out;
}

} // namespace chancery::search::detail
