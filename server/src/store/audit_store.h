#pragma once
// Rows of the audit chain and its head. The chain's hashing rules live in service/audit.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace chancery::store {

struct AuditRecord {
  std::int64_t seq = 0;
  std::int64_t ts = 0;
  std::optional<std::int64_t> actorId;
  std::string actor;
  std::string action;
  std::string objectType;
  std::string objectId;
  std::string details;  // JSON object text
  std::string clientAddr;
  std::string prevHash;
  std::string hash;
};

struct AuditHead {
  std::int64_t seq = 0;
  std::string hash;
};

namespace audit {
// Reads the head and locks it until the transaction ends: this serialises appends across
// threads and servers (SQLite's BEGIN IMMEDIATE already holds the write lock).
AuditHead lockHead(Connection& c);
AuditHead head(Connection& c);
void insert(Connection& c, const AuditRecord& r);
void setHead(Connection& c, const AuditHead& h);
// Entries with seq > afterSeq in order, at most limit.
std::vector<AuditRecord> scan(Connection& c, std::int64_t afterSeq, std::int64_t limit);
std::vector<AuditRecord> forObject(Connection& c, const std::string& type, const std::string& id,
                                   std::int64_t limit);
std::vector<AuditRecord> latest(Connection& c, std::int64_t limit);
}  // namespace audit

}  // namespace chancery::store
