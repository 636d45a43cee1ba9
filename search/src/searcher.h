#pragma once
// One search against one open database: parse, filter by access and facets, rank, widen when
// the strict query finds too little, count facets, cut snippets, suggest a spelling.

#include "chancery/search/access.h"
#include "chancery/search/index.h"
#include "chancery/search/query.h"
#include "facet_cache.h"

#include <xapian.h>

namespace chancery::search::detail {

// What the principal may see (access.h has the rule), as a boolean Xapian query.
Xapian::Query accessFilter(const Principal &principal);
// Filters as a boolean query; empty when there are none. Throws SearchError(BadQuery).
Xapian::Query filtersQuery(const Filters &filters);

// Throws SearchError for bad input; Xapian errors propagate to the caller's guard.
SearchResults runSearch(const Xapian::Database &db, FacetCache &facets,
                        const SearchRequest &request, const Principal &principal,
                        const IndexOptions &options);

} // namespace chancery::search::detail
