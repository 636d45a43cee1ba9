#pragma once
// JSON shapes of the foundation's objects, shared by handlers so each appears one way.

#include "service/auth.h"
#include "store/audit_store.h"
#include "store/file_store.h"
#include "store/user_store.h"
#include "util/json_writer.h"

namespace chancery::http::views {

void user(util::JsonWriter& w, const store::UserRecord& u);
void principal(util::JsonWriter& w, const service::Principal& p, const store::UserRecord& u,
               const std::optional<store::UnitRecord>& unit);
void unit(util::JsonWriter& w, const store::UnitRecord& u);
void file(util::JsonWriter& w, const store::FileRecord& f);
// secret: the raw token, shown once when the token is created.
void apiToken(util::JsonWriter& w, const service::ApiTokenInfo& t, const std::string& secret = {});
void auditEntry(util::JsonWriter& w, const store::AuditRecord& a);
// Writes an ISO 8601 UTC time, or null for 0.
void time(util::JsonWriter& w, std::string_view key, std::int64_t millis);

}  // namespace chancery::http::views
