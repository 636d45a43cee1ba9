#pragma once
// The Chancery query language (query.h has the user-facing summary) → Xapian queries.
//
// Xapian's own QueryParser is not used: it tokenizes differently from our indexer and knows
// nothing of folding. Each typed word w becomes
//     fold(w)                                   when w has no diacritics, and
//     fold(w) AND_MAYBE XE:lower(w)             when it has,
// so a query without diacritics matches every spelling and one with diacritics still matches
// them all but ranks the exact spelling higher.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace chancery::search::detail {

struct SpellSlot {
  std::size_t lexeme = 0; // index into ParsedQuery::lexemes
  std::string folded;     // the word as looked up
};

struct ParsedQuery {
  Xapian::Query strict;                     // empty when the query only filters: match everything
  std::vector<Xapian::Query> looseParts;    // text clauses, ORed by the fallback
  std::vector<Xapian::Query> looseRequired; // fields and dates: required in the fallback too
  std::vector<Xapian::Query> looseExcluded; // exclusions: apply to the fallback too
  std::vector<std::string> highlight;       // folded words worth marking in snippets
  std::vector<std::string> lexemes;         // the query re-spelt lexeme by lexeme
  std::vector<SpellSlot> spellable;         // plain positive words a suggestion may replace
  bool truncated = false;                   // words beyond kMaxQueryWords were ignored
  bool matchNothing = false;                // typed, but nothing searchable (only emoji, "-", …)
};

// Throws SearchError: QueryTooLong, BadQuery (impossible date, unknown secrecy level, too
// deep nesting).
ParsedQuery parseQuery(std::string_view raw);

// The ranked OR-match of the text clauses (empty when there are fewer than two), with fields,
// dates and exclusions kept.
Xapian::Query widenedQuery(const ParsedQuery &parsed);

// The query text with each spellable word replaced as given (same order as `spellable`,
// empty string = keep).
std::string respell(const ParsedQuery &parsed, const std::vector<std::string> &replacements);

} // namespace chancery::search::detail
