#pragma once
// /api/v1/files: upload a file as the raw request body, read its record, download it.

#include "http/context.h"
#include "service/services.h"

namespace chancery::http {

class FilesHandler {
public:
  explicit FilesHandler(service::Services& s) : s_(s) {}
  void upload(Context& ctx);
  void get(Context& ctx);
  void content(Context& ctx);

private:
  service::Services& s_;
};

}  // namespace chancery::http
