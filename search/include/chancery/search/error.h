#pragma once
// The one exception type of chancery::search. Every public entry point converts Xapian, ICU,
// poppler and Tesseract failures into it, so callers never see a third-party type.

#include <stdexcept>
#include <string>
#include <string_view>

namespace chancery::search {

class SearchError : public std::runtime_error {
public:
  enum class Code {
    BadQuery,       // the query string or a filter cannot be understood (e.g. 31/02/2020)
    QueryTooLong,   // the query exceeds kMaxQueryBytes
    BadDocument,    // a document or PDF is invalid (bad date, unreadable or encrypted PDF)
    Locked,         // another writer holds the index
    SchemaMismatch, // the index was built with another schema version: rebuild() it
    Cancelled,      // a stop_token asked the operation to stop
    OcrUnavailable, // Tesseract or its language data cannot be loaded
    Io,             // the index directory cannot be read or written
    Corrupt,        // Xapian reports a damaged database
    Internal,       // any other engine failure
  };

  SearchError(Code code, const std::string &message);

  Code code() const noexcept { return code_; }

  // True when the caller's input is at fault, so the server answers 400 rather than 500.
  bool isUserError() const noexcept {
    return code_ == Code::BadQuery || code_ == Code::QueryTooLong || code_ == Code::BadDocument;
  }

private:
  Code code_;
};

// A stable lower-case name for logs and API error bodies ("bad_query", "locked", …).
std::string_view codeName(SearchError::Code code) noexcept;

} // namespace chancery::search
