#pragma once
// /api/v1/records: records (hồ sơ), their documents, and their export as a PDF bundle or XML.

#include "http/context.h"
#include "service/services.h"

namespace chancery::http {

class RecordsHandler {
public:
  explicit RecordsHandler(service::Services& s) : s_(s) {}
  void list(Context& ctx);
  void create(Context& ctx);
  void get(Context& ctx);
  void update(Context& ctx);
  void addDocument(Context& ctx);
  void removeDocument(Context& ctx);
  void exportRecord(Context& ctx);

private:
  service::Services& s_;
};

}  // namespace chancery::http
