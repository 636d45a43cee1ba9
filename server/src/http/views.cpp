#include "http/views.h"

#include "util/log.h"

namespace chancery::http::views {

void time(util::JsonWriter& w, std::string_view key, std::int64_t millis) {
  w.key(key);
  if (millis == 0) w.null();
  else w.value(util::isoUtc(millis));
}

void user(util::JsonWriter& w, const store::UserRecord& u) {
  w.beginObject()
      .field("id", u.id)
      .field("username", u.username)
      .field("fullName", u.fullName)
      .field("position", u.position)
      .field("email", u.email)
      .field("unitId", u.unitId)
      .field("active", u.active);
  w.key("roles").beginArray();
  for (const auto& r : u.roles) w.value(r);
  w.endArray();
  time(w, "createdAt", u.createdAt);
  w.endObject();
}

void principal(util::JsonWriter& w, const service::Principal& p, const store::UserRecord& u,
               const std::optional<store::UnitRecord>& un) {
  w.beginObject()
      .field("id", p.userId)
      .field("username", p.username)
      .field("fullName", p.fullName)
      .field("position", u.position)
      .field("email", u.email);
  w.key("unit");
  if (un) unit(w, *un);
  else w.null();
  w.key("roles").beginArray();
  for (auto r : p.roles) w.value(service::roleName(r));
  w.endArray();
  w.endObject();
}

void unit(util::JsonWriter& w, const store::UnitRecord& u) {
  w.beginObject().field("id", u.id).field("code", u.code).field("name", u.name).field("parentId", u.parentId).endObject();
}

void file(util::JsonWriter& w, const store::FileRecord& f) {
  w.beginObject()
      .field("id", f.id)
      .field("name", f.name)
      .field("mediaType", f.mediaType)
      .field("size", f.size)
      .field("sha256", f.sha256);
  time(w, "createdAt", f.createdAt);
  w.endObject();
}

void apiToken(util::JsonWriter& w, const service::ApiTokenInfo& t, const std::string& secret) {
  w.beginObject().field("id", t.id).field("name", t.name).field("revoked", t.revoked);
  if (!secret.empty()) w.field("secret", secret);
  time(w, "createdAt", t.createdAt);
  time(w, "lastUsedAt", t.lastUsedAt.value_or(0));
  w.endObject();
}

void auditEntry(util::JsonWriter& w, const store::AuditRecord& a) {
  w.beginObject().field("seq", a.seq);
  time(w, "time", a.ts);
  w.field("actorId", a.actorId)
      .field("actor", a.actor)
      .field("action", a.action)
      .field("objectType", a.objectType)
      .field("objectId", a.objectId)
      .key("details")
      .raw(a.details.empty() ? "{}" : a.details)
      .field("clientAddr", a.clientAddr)
      .field("hash", a.hash)
      .endObject();
}

}  // namespace chancery::http::views
