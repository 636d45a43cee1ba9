#pragma once
// The audit chain: every state change appends an entry whose SHA-256 covers the previous
// entry's hash, inside the same transaction as the change itself. verify() walks the chain
// and reports the first entry that was edited, inserted or deleted.

#include <cstdint>
#include <optional>
#include <string>

#include "store/audit_store.h"
#include "store/db.h"

namespace chancery::service {

struct Principal;

struct AuditEvent {
  std::string action;      // e.g. "auth.login", "file.upload", "vote.cast"
  std::string objectType;  // e.g. "user", "file", "vote"
  std::string objectId;
  std::string details = "{}";  // JSON object
};

struct AuditVerifyReport {
  bool ok = true;
  std::int64_t checked = 0;
  std::int64_t headSeq = 0;
  std::string headHash;
  std::optional<std::int64_t> firstBadSeq;
  std::string problem;  // human-readable, empty when ok
};

class AuditLog {
public:
  // Appends within the caller's transaction (c must be inside Db::transact). actor may be null
  // for system actions (then the actor name is "system").
  static store::AuditRecord append(store::Connection& c, const Principal* actor,
                                   const AuditEvent& event);
  static store::AuditRecord appendAs(store::Connection& c, std::optional<std::int64_t> actorId,
                                     const std::string& actorName, const std::string& clientAddr,
                                     const AuditEvent& event);
  // The hash of an entry given all its fields and prev_hash.
  static std::string hashOf(const store::AuditRecord& r);
  static AuditVerifyReport verify(store::Db& db);
};

}  // namespace chancery::service
