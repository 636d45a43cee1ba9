#pragma once
// Turns a chancery::search::Document into the Xapian document described in schema.h.

#include "chancery/search/document.h"

#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace chancery::search::detail {

// Xapian refuses terms over 245 bytes; longer keys are cut at a UTF-8 boundary, the same way
// on both the indexing and the query side.
std::string boundedTerm(std::string_view prefix, std::string_view value);

// The leading number ("30"), the notation ("nd-cp") and the whole code of a số/ký hiệu pair,
// already normalised; empty parts are left out.
struct CodeTerms {
  std::vector<std::string> numbers;   // XN values
  std::vector<std::string> notations; // XK values
};
CodeTerms codeTerms(std::string_view number, std::string_view notation);

struct BuiltDocument {
  Xapian::Document doc;
  std::string idTerm;                     // "Q" + id
  std::vector<std::string> spellingWords; // folded words, only for public documents
};

// Throws SearchError(BadDocument) for an empty or over-long id or an impossible date.
BuiltDocument buildDocument(const Document &input);

// A free-text term worth a spelling entry: unprefixed, not a number, longer than one byte.
bool isSpellingWord(const std::string &term);

// True when the document's words may feed spelling suggestions (public and not secret).
bool feedsSpelling(const Document &doc);
// Same question for an indexed document, asked when it is replaced or removed.
bool feedsSpelling(const Xapian::Database &db, Xapian::docid id);

} // namespace chancery::search::detail
