#pragma once
// Helpers every document service shares: loading a document the caller may see (or a 404),
// the caller's relation to it, naming readers, the audit entry and the search-queue row that
// accompany every change, and validation of the metadata fields.

#include "service/document_flow.h"
#include "service/principal.h"
#include "store/db.h"
#include "store/document_store.h"

#include <cstdint>
#include <optional>
#include <string>

namespace chancery::service::docs {

store::Viewer viewerOf(const Principal& p);

// The document if p may see it; otherwise Error(NotFound) exactly as for a missing one.
// forUpdate locks the row for the rest of the transaction.
store::DocumentRecord loadVisible(store::Connection& c, const Principal& p, std::int64_t id,
                                  bool forUpdate = false);

Relation relationOf(store::Connection& c, const Principal& p, const store::DocumentRecord& d);

bool isSecret(const store::DocumentRecord& d);

// Adds a document_access row for the user unless they are already named.
void name(store::Connection& c, std::int64_t documentId, std::int64_t userId,
          const std::string& reason, std::optional<std::int64_t> by);

// The audit entry (object "document") and the search-queue row for a change, in c's transaction.
void changed(store::Connection& c, const Principal* actor, const std::string& action,
             std::int64_t documentId, const std::string& detailsJson = "{}");

// Reads of secret documents are audited ("document.read" with what was read).
void auditSecretRead(store::Connection& c, const Principal& actor, const store::DocumentRecord& d,
                     const std::string& what);

// Field validation: each throws Error(BadRequest, "invalid_field") naming the field.
std::string requireText(const std::string& field, const std::string& v, std::size_t maxBytes,
                        bool required);
std::string requireDate(const std::string& field, const std::string& v);
void requireUser(store::Connection& c, const std::string& field, std::int64_t userId,
                 std::optional<std::int64_t> unitId);

// "12/QĐ-VP", or the ký hiệu alone when there is no number yet.
std::string numberAndNotation(const store::DocumentRecord& d);

}  // namespace chancery::service::docs
