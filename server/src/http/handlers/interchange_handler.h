#pragma once
// edXML interchange: export a document or a status message, import an envelope or a status.

#include "http/context.h"
#include "service/services.h"

namespace chancery::http {

class InterchangeHandler {
public:
  explicit InterchangeHandler(service::Services& s) : s_(s) {}
  void exportDocument(Context& ctx);
  void exportStatus(Context& ctx);
  void importDocument(Context& ctx);
  void importStatus(Context& ctx);
  void statusCodes(Context& ctx);

private:
  std::string readXml(Context& ctx);
  service::Services& s_;
};

}  // namespace chancery::http
