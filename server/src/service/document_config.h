#pragma once
// Settings of the document flows (keys in docs/operations.md, "Documents").

#include <cstdint>
#include <string>

namespace chancery::service {

struct ReminderConfig {
  bool enabled = true;
  std::int64_t intervalSeconds = 3600;  // how often the scheduler looks for due items
  std::int64_t daysBefore = 2;          // "nearing the deadline": due within this many days
  std::string baseUrl;                  // links in reminder mails, e.g. https://vanban.example.vn
};

struct DocumentsConfig {
  std::string organisationName;  // on the organisation signature and as edXML From/OrganName
  std::string organId;  // this office's edXML OrganId (mã định danh), e.g. 000.00.12.H53
  std::int64_t maxEdxmlBytes = 96LL << 20;            // an envelope, base64 included
  std::int64_t maxEdxmlAttachmentBytes = 64LL << 20;  // one decoded attachment
  ReminderConfig reminders;
};

}  // namespace chancery::service
