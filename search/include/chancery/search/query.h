#pragma once
// What a search asks for and what it returns — shaped so GET /api/v1/search and
// `chancery search --json` are a straight serialisation of SearchResults.
//
// Query syntax (docs/search-schema.md has the full table):
//   quyet dinh ho so        all words (AND), diacritics optional
//   "hồ sơ lưu trữ"          phrase
//   a OR b, -a, NOT a, ( )   alternatives, exclusion, grouping (OR binds tighter than AND)
//   so:30/2020/NĐ-CP  kyhieu:QĐ-UBND  loai:"nghị định"  coquan:  nguoiky:  trichyeu:
//   number: notation: type: issuer: signer: title: (English names), ngay:/date:, nam:/year:
//   2020-01-01..2020-12-31, 01/01/2020..31/12/2020, ..2020-06-30, nam:2019..2021

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chancery::search {

// Queries longer than this are refused with SearchError::Code::QueryTooLong.
inline constexpr std::size_t kMaxQueryBytes = 16 * 1024;
// Words beyond this many are ignored (SearchResults::truncated says so).
inline constexpr std::size_t kMaxQueryWords = 64;

enum class Facet { Type, Issuer, Year, Signer };
enum class Sort { Relevance, DateDesc, DateAsc };

// Exact-value filters as the web client's facet checkboxes send them: values inside one list
// are alternatives (OR), different lists must all hold (AND). Matching ignores case and marks.
struct Filters {
  std::vector<std::string> types;
  std::vector<std::string> issuers;
  std::vector<std::string> signers;
  std::vector<std::string> statuses;
  std::vector<std::string> urgencies;
  std::vector<std::string> registers;
  std::vector<std::string> meetingIds;
  std::vector<std::string> agendaItemIds;
  std::vector<int> years;
  std::string dateFrom; // inclusive, "YYYY-MM-DD" or "dd/mm/yyyy"; empty = open
  std::string dateTo;   // inclusive
};

struct SearchRequest {
  std::string query; // user syntax above; empty lists by filters alone
  Filters filters;
  std::vector<Facet> facets; // which facet counts to compute
  Sort sort = Sort::Relevance;
  std::size_t offset = 0;
  std::size_t limit = 20;         // capped at 1000
  std::size_t facetValues = 20;   // top values returned per facet
  std::size_t snippetChars = 240; // 0 = no snippets
  bool suggest = true;            // compute a spelling suggestion when hits are few
  bool widen = true; // relevance sort only: fall back to a ranked OR-match when AND finds little
};

// A highlighted span in Hit::snippet, as UTF-8 byte offsets [begin, end).
struct Highlight {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Hit {
  std::string id; // external id
  std::string title;
  std::string number;
  std::string notation;
  std::string type;
  std::string issuer;
  std::string signer;
  std::string date;                  // "YYYY-MM-DD" or empty
  double score = 0;                  // BM25 weight (0 when sorted by date only)
  int percent = 0;                   // Xapian's relative score, 0–100
  std::string snippet;               // plain text, "…" marks a cut
  std::vector<Highlight> highlights; // query-word spans inside snippet
  std::string snippetHtml;           // snippet HTML-escaped, query words in <mark>…</mark>
  std::string titleHtml;             // title HTML-escaped, query words in <mark>…</mark>
};

struct FacetValue {
  std::string value;
  std::uint64_t count = 0;
};

struct FacetResult {
  Facet facet = Facet::Type;
  std::vector<FacetValue> values; // most frequent first
};

struct SearchResults {
  std::uint64_t total = 0; // matching documents the caller may see (estimate if !exact)
  bool totalExact = true;
  bool facetsExact = true; // false when facet counts were scaled from a sample
  bool widened = false;    // the strict query found too little; ranked OR-match used
  bool truncated = false;  // words beyond kMaxQueryWords were ignored
  std::vector<Hit> hits;
  std::vector<FacetResult> facets;
  std::optional<std::string> suggestion; // corrected query, verified to find visible hits
};

// Names used in the query language and in API bodies ("type", "issuer", "year", "signer").
const char *facetName(Facet facet) noexcept;

} // namespace chancery::search
