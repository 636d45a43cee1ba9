#pragma once
// JSON shapes of documents, registers, records, tasks and dashboards (docs/openapi.yaml,
// schemas Document*, Register*, Record*, Tasks, OnTime). One function per shape.

#include "service/dashboards.h"
#include "service/documents.h"
#include "service/flows.h"
#include "service/records.h"
#include "service/registers.h"
#include "store/audit_store.h"
#include "util/json_writer.h"

namespace chancery::http::views {

void documentSummary(util::JsonWriter& w, const store::DocumentRecord& d);
void documentDetail(util::JsonWriter& w, const service::DocumentDetail& d);
void documentList(util::JsonWriter& w, const service::DocumentList& l, std::int64_t limit,
                  std::int64_t offset);
void documentTypes(util::JsonWriter& w);
void registerRecord(util::JsonWriter& w, const store::RegisterRecord& r);
void registerPeriod(util::JsonWriter& w, const service::RegisterPeriod& p);
void recordSummary(util::JsonWriter& w, const store::RecordRecord& r);
void recordDetail(util::JsonWriter& w, const service::RecordDetail& r);
void tasks(util::JsonWriter& w, const service::MyTasks& t);
void onTime(util::JsonWriter& w, const service::OnTimeReport& r, bool withTotalsOnly = false);
void signingPreview(util::JsonWriter& w, const service::SigningPreview& p);
void signatureCheck(util::JsonWriter& w, const service::SignatureCheck& c);
void history(util::JsonWriter& w, const std::vector<store::AuditRecord>& entries);

}  // namespace chancery::http::views
