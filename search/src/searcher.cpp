#include "searcher.h"

#include "chancery/search/error.h"
#include "dates.h"
#include "docdata.h"
#include "indexer.h"
#include "query_parser.h"
#include "schema.h"
#include "snippet.h"
#include "text.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace chancery::search::detail {
namespace {

constexpr std::size_t kMaxLimit = 1000;
// A question of this many words (syllables: Vietnamese writes each one apart, so "xử phạt vi
// phạm hành chính" counts six) is ranked by the OR-match even when the AND finds something:
// the few documents that happen to hold every word of a long question are mostly long tables,
// while the answer usually lacks the question's own words ("bao lâu", "là gì").
constexpr std::size_t kQuestionWords = 7;
// BM25 with full length normalisation (b = 1): articles run from one line to whole tables,
// and the long ones otherwise win on the sheer number of words they contain. Measured on
// data/relevance.tsv over the whole corpus: recall@10 0.62 → 0.77 with diacritics.
constexpr double kBm25K1 = 1.2;
constexpr double kBm25B = 1.0;

Xapian::Query orOfTerms(const std::vector<std::string> &terms) {
  if (terms.empty()) return {};
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

void addKeyFilter(std::vector<Xapian::Query> &parts, std::string_view prefix,
                  const std::vector<std::string> &values, bool rawIds = false) {
  std::vector<std::string> terms;
  for (const std::string &v : values) {
    const std::string key = rawIds ? v : keyText(v);
    if (!key.empty()) terms.push_back(boundedTerm(prefix, key));
  }
  if (!terms.empty()) parts.push_back(orOfTerms(terms));
}

std::string dateBound(const std::string &text, bool first) {
  if (text.empty()) return {};
  DateSpan span;
  if (parseDateSpan(text, span) != DateParse::Ok)
    throw SearchError(SearchError::Code::BadQuery,
                      "not a valid date: '" + text.substr(0, 40) + "'");
  return first ? span.first : span.last;
}

Xapian::Query withFilter(const Xapian::Query &query, const Xapian::Query &filter) {
  const Xapian::Query base = query.empty() ? Xapian::Query::MatchAll : query;
  return filter.empty() ? base : Xapian::Query(Xapian::Query::OP_FILTER, base, filter);
}

Xapian::valueno facetSlot(Facet facet) {
  switch (facet) {
  case Facet::Type:
    return slot::kType;
  case Facet::Issuer:
    return slot::kIssuer;
  case Facet::Year:
    return slot::kYear;
  case Facet::Signer:
    return slot::kSigner;
  }
  return slot::kType;
}

// Ranked hits only: no match spies and no check_at_least, so Xapian stops as soon as the top
// documents are certain.
Xapian::MSet rank(const Xapian::Database &db, const Xapian::Query &query,
                  const SearchRequest &request) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(kBm25K1, 0, 1, kBm25B, 0.5));
  if (request.sort != Sort::Relevance)
    enquire.set_sort_by_value_then_relevance(slot::kDate, request.sort == Sort::DateDesc);
  const auto limit = static_cast<Xapian::doccount>(std::min(request.limit, kMaxLimit));
  return enquire.get_mset(static_cast<Xapian::doccount>(request.offset), limit);
}

// Facet counts come from a separate unweighted pass over (at most facetSample of) the matches:
// counting needs every match examined, and skipping BM25 for that makes it several times
// cheaper than asking the ranked query to look at them all.
void countFacets(const Xapian::Database &db, FacetCache &cache, const Xapian::Query &query,
                 const SearchRequest &request, const IndexOptions &options, SearchResults &out) {
  if (request.facets.empty()) return;
  std::vector<Xapian::valueno> slots;
  for (const Facet facet : request.facets)
    slots.push_back(facetSlot(facet));
  cache.refresh(db, slots);
  std::vector<const FacetCache::Slot *> tables;
  for (const Xapian::valueno s : slots)
    tables.push_back(&cache.slot(s));
  FacetSpy spy(tables);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.add_matchspy(&spy);
  const Xapian::MSet mset =
      enquire.get_mset(0, 0, static_cast<Xapian::doccount>(options.facetSample));
  // This pass looked at up to facetSample matches, so its count beats the ranked query's
  // estimate (which stops as soon as the top hits are certain).
  out.total = mset.get_matches_estimated();
  out.totalExact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  const double total = static_cast<double>(out.total);
  const double seen = static_cast<double>(spy.seen());
  const double scale = seen > 0 && seen < total ? total / seen : 1.0;
  out.facetsExact = scale <= 1.0;
  for (std::size_t i = 0; i < request.facets.size(); ++i) {
    FacetResult result{request.facets[i], {}};
    for (auto &[value, count] : spy.top(i, request.facetValues))
      result.values.push_back({std::move(value), static_cast<std::uint64_t>(std::llround(
                                                     static_cast<double>(count) * scale))});
    out.facets.push_back(std::move(result));
  }
}

Hit makeHit(const Xapian::MSetIterator &it, const ParsedQuery &parsed,
            const SearchRequest &request) {
  StoredDoc stored = decodeDocData(it.get_document().get_data());
  Hit hit;
  hit.score = it.get_weight();
  hit.percent = it.get_percent();
  if (request.snippetChars > 0) {
    Snippet snippet = makeSnippet(stored.text, parsed.highlight, request.snippetChars);
    hit.snippet = std::move(snippet.text);
    hit.highlights = std::move(snippet.highlights);
    hit.snippetHtml = std::move(snippet.html);
  }
  hit.titleHtml = markAll(stored.title, parsed.highlight);
  hit.id = std::move(stored.id);
  hit.title = std::move(stored.title);
  hit.number = std::move(stored.number);
  hit.notation = std::move(stored.notation);
  hit.type = std::move(stored.type);
  hit.issuer = std::move(stored.issuer);
  hit.signer = std::move(stored.signer);
  hit.date = std::move(stored.date);
  return hit;
}

bool inPublicVocabulary(const Xapian::Database &db, const std::string &word) {
  Xapian::TermIterator it = db.spellings_begin();
  it.skip_to(word);
  return it != db.spellings_end() && *it == word;
}

// A respelling of the query from the public vocabulary (the spelling table never holds words
// of restricted documents), offered only if it finds something this principal may see.
std::optional<std::string> suggestion(const Xapian::Database &db, const ParsedQuery &parsed,
                                      const Xapian::Query &filter) {
  std::vector<std::string> replacements;
  bool changed = false;
  for (const SpellSlot &slot : parsed.spellable) {
    std::string better;
    if (!inPublicVocabulary(db, slot.folded)) better = db.get_spelling_suggestion(slot.folded, 2);
    changed = changed || !better.empty();
    replacements.push_back(std::move(better));
  }
  if (!changed) return std::nullopt;
  std::string respelt = respell(parsed, replacements);
  const ParsedQuery reparsed = parseQuery(respelt);
  Xapian::Enquire enquire(db);
  enquire.set_query(withFilter(reparsed.strict, filter));
  if (enquire.get_mset(0, 1).empty()) return std::nullopt;
  return respelt;
}

} // namespace

Xapian::Query accessFilter(const Principal &principal) {
  std::vector<std::string> grants{std::string(prefix::kPublic)};
  if (!principal.userId.empty()) grants.push_back(boundedTerm(prefix::kUser, principal.userId));
  for (const std::string &unit : principal.unitIds)
    if (!unit.empty()) grants.push_back(boundedTerm(prefix::kUnit, unit));
  for (const std::string &role : principal.roles)
    if (!role.empty()) grants.push_back(boundedTerm(prefix::kRole, role));
  // Secret documents are few, so excluding the levels above the clearance is cheaper than
  // requiring the (huge) posting list of the levels below it.
  std::vector<std::string> above;
  for (int level = static_cast<int>(principal.clearance) + 1;
       level <= static_cast<int>(Secrecy::TopSecret); ++level)
    above.push_back(std::string(prefix::kSecrecy) + std::to_string(level));
  const Xapian::Query granted = orOfTerms(grants);
  if (above.empty()) return granted;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, granted, orOfTerms(above));
}

Xapian::Query filtersQuery(const Filters &filters) {
  std::vector<Xapian::Query> parts;
  addKeyFilter(parts, prefix::kTypeKey, filters.types);
  addKeyFilter(parts, prefix::kIssuerKey, filters.issuers);
  addKeyFilter(parts, prefix::kSignerKey, filters.signers);
  addKeyFilter(parts, prefix::kStatus, filters.statuses);
  addKeyFilter(parts, prefix::kUrgency, filters.urgencies);
  addKeyFilter(parts, prefix::kRegister, filters.registers);
  addKeyFilter(parts, prefix::kMeeting, filters.meetingIds, true);
  addKeyFilter(parts, prefix::kAgenda, filters.agendaItemIds, true);
  std::vector<std::string> years;
  for (const int year : filters.years)
    years.push_back(std::string(prefix::kYear) + std::to_string(year));
  if (!years.empty()) parts.push_back(orOfTerms(years));
  const std::string from = dateBound(filters.dateFrom, true);
  const std::string to = dateBound(filters.dateTo, false);
  if (!from.empty() && !to.empty()) {
    parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, slot::kDate, from, to);
  } else if (!from.empty()) {
    parts.emplace_back(Xapian::Query::OP_VALUE_GE, slot::kDate, from);
  } else if (!to.empty()) {
    parts.emplace_back(Xapian::Query::OP_VALUE_LE, slot::kDate, to);
  }
  if (parts.empty()) return {};
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

SearchResults runSearch(const Xapian::Database &db, FacetCache &facets,
                        const SearchRequest &request, const Principal &principal,
                        const IndexOptions &options) {
  const ParsedQuery parsed = parseQuery(request.query);
  Xapian::Query filter = accessFilter(principal);
  if (Xapian::Query extra = filtersQuery(request.filters); !extra.empty())
    filter = Xapian::Query(Xapian::Query::OP_AND, filter, extra);

  SearchResults out;
  out.truncated = parsed.truncated;
  if (parsed.matchNothing) return out;
  Xapian::Query query = withFilter(parsed.strict, filter);
  Xapian::MSet mset = rank(db, query, request);
  const bool few = mset.get_matches_estimated() < options.widenBelow;
  if (few && request.suggest && !parsed.spellable.empty())
    out.suggestion = suggestion(db, parsed, filter);
  const bool question = parsed.looseParts.size() >= kQuestionWords;
  const Xapian::Query widened = widenedQuery(parsed);
  // Widening ranks by relevance; sorted by date, an OR-match would list noise first.
  const bool ranked = request.sort == Sort::Relevance;
  if ((few || question) && ranked && request.widen && !widened.empty()) {
    // After a short query found too little, documents matching every word keep the strict
    // query's weight on top of the OR-match's. A question is ranked by the OR-match alone:
    // documents holding all its words are mostly long tables, not the answer.
    const Xapian::Query wider =
        question ? widened : Xapian::Query(Xapian::Query::OP_OR, parsed.strict, widened);
    const Xapian::Query wideQuery = withFilter(wider, filter);
    Xapian::MSet wide = rank(db, wideQuery, request);
    if (wide.get_matches_estimated() > mset.get_matches_estimated()) {
      mset = std::move(wide);
      query = wideQuery;
      out.widened = true;
    }
  }
  out.total = mset.get_matches_estimated();
  out.totalExact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  countFacets(db, facets, query, request, options, out);
  for (auto it = mset.begin(); it != mset.end(); ++it)
    out.hits.push_back(makeHit(it, parsed, request));
  return out;
}

} // namespace chancery::search::detail
