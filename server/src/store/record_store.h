#pragma once
// Records (hồ sơ) and which documents belong to them; a document may be in several.

#include "store/db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chancery::store {

struct RecordRecord {
  std::int64_t id = 0;
  std::string code;
  std::string title;
  std::optional<std::int64_t> unitId;
  std::int64_t retentionYears = 0;  // 0: permanent
  std::string description;
  std::string status;  // open | closed
  std::optional<std::int64_t> createdBy;
  std::int64_t createdAt = 0;
  std::int64_t updatedAt = 0;
};

namespace records {
// Throws DbError(Constraint) when the code is taken.
std::int64_t insert(Connection& c, const RecordRecord& r);
void update(Connection& c, const RecordRecord& r);
std::optional<RecordRecord> find(Connection& c, std::int64_t id);
std::optional<RecordRecord> findByCode(Connection& c, const std::string& code);
// Records of the unit or created by the user, newest first.
std::vector<RecordRecord> list(Connection& c, std::optional<std::int64_t> unitId,
                               std::int64_t userId);
// False when the document already belongs to the record.
bool addDocument(Connection& c, std::int64_t recordId, std::int64_t documentId, std::int64_t by);
bool removeDocument(Connection& c, std::int64_t recordId, std::int64_t documentId);
std::vector<std::int64_t> documentIds(Connection& c, std::int64_t recordId);
std::vector<std::int64_t> recordsOf(Connection& c, std::int64_t documentId);
}  // namespace records

}  // namespace chancery::store
