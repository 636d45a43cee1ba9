#include "chancery/search/error.h"

#include "chancery/search/query.h"
#include "guard.h"

#include <new>
#include <string>
#include <xapian.h>

namespace chancery::search {

SearchError::SearchError(Code code, const std::string &message)
    : std::runtime_error(message), code_(code) {}

std::string_view codeName(SearchError::Code code) noexcept {
  using Code = SearchError::Code;
  switch (code) {
  case Code::BadQuery:
    return "bad_query";
  case Code::QueryTooLong:
    return "query_too_long";
  case Code::BadDocument:
    return "bad_document";
  case Code::Locked:
    return "locked";
  case Code::SchemaMismatch:
    return "schema_mismatch";
  case Code::Cancelled:
    return "cancelled";
  case Code::OcrUnavailable:
    return "ocr_unavailable";
  case Code::Io:
    return "io";
  case Code::Corrupt:
    return "corrupt";
  case Code::Internal:
    return "internal";
  }
  return "internal";
}

const char *facetName(Facet facet) noexcept {
  switch (facet) {
  case Facet::Type:
    return "type";
  case Facet::Issuer:
    return "issuer";
  case Facet::Year:
    return "year";
  case Facet::Signer:
    return "signer";
  }
  return "type";
}

namespace detail {

void rethrowAsSearchError(std::string_view context) {
  using Code = SearchError::Code;
  const std::string where = std::string(context) + ": ";
  try {
    throw;
  } catch (const SearchError &) {
    throw;
  } catch (const Xapian::DatabaseLockError &e) {
    throw SearchError(Code::Locked,
                      where + "index is locked by another writer (" + e.get_description() + ")");
  } catch (const Xapian::DatabaseCorruptError &e) {
    throw SearchError(Code::Corrupt, where + e.get_description());
  } catch (const Xapian::DatabaseOpeningError &e) {
    throw SearchError(Code::Io, where + e.get_description());
  } catch (const Xapian::DatabaseError &e) {
    throw SearchError(Code::Io, where + e.get_description());
  } catch (const Xapian::Error &e) {
    throw SearchError(Code::Internal, where + e.get_description());
  } catch (const std::bad_alloc &) {
    throw SearchError(Code::Internal, where + "out of memory");
  } catch (const std::exception &e) {
    throw SearchError(Code::Internal, where + e.what());
  } catch (...) {
    throw SearchError(Code::Internal, where + "unknown failure");
  }
}

} // namespace detail
} // namespace chancery::search
