#pragma once
// Records (hồ sơ, Decree 30 ch. IV): documents grouped under a record code with a title and a
// retention period; a document may belong to several records. A record exports as one PDF
// bundle (a contents sheet, then the current version of each document) and as XML. Exports
// and listings include only the documents the caller may see; secret ones are watermarked.

#include "service/documents.h"
#include "service/principal.h"
#include "store/record_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chancery::service {

struct RecordFields {
  std::optional<std::string> code, title, description, status;
  std::optional<std::int64_t> retentionYears;
};

struct RecordDetail {
  store::RecordRecord record;
  std::string unitName;
  std::vector<store::DocumentRecord> documents;  // visible to the caller
};

class RecordService {
public:
  RecordService(store::Db& db, DocumentService& documents) : db_(db), documents_(documents) {}

  // Throws Error: Forbidden (not staff of a unit), BadRequest (fields), Conflict
  // ("record_code_taken").
  RecordDetail create(const Principal& actor, const RecordFields& f);
  std::vector<store::RecordRecord> list(const Principal& actor);
  // Throws Error(NotFound) for a record of another unit.
  RecordDetail get(const Principal& actor, std::int64_t id);
  RecordDetail update(const Principal& actor, std::int64_t id, const RecordFields& f);
  // Throws Error(BadRequest) for a document the caller cannot see, Error(Conflict,
  // "record_closed").
  RecordDetail addDocument(const Principal& actor, std::int64_t id, std::int64_t documentId);
  RecordDetail removeDocument(const Principal& actor, std::int64_t id, std::int64_t documentId);
  std::string bundlePdf(const Principal& actor, std::int64_t id);
  std::string exportXml(const Principal& actor, std::int64_t id);

private:
  store::RecordRecord loadVisible(store::Connection& c, const Principal& actor, std::int64_t id);
  RecordDetail detail(store::Connection& c, const Principal& actor, const store::RecordRecord& r);

  store::Db& db_;
  DocumentService& documents_;
};

std::string retentionLabel(std::int64_t years);  // "Vĩnh viễn" or "10 năm"

}  // namespace chancery::service
