#pragma once
// Every service, built once at start-up over the database and the blob store and handed to
// the HTTP layer and the command line. No globals: whoever needs a service gets it from here.

#include <filesystem>
#include <memory>

#include "service/auth.h"
#include "service/blob_store.h"
#include "service/dashboards.h"
#include "service/document_config.h"
#include "service/document_signer.h"
#include "service/documents.h"
#include "service/files.h"
#include "service/flows.h"
#include "service/interchange.h"
#include "service/library_signer.h"
#include "service/records.h"
#include "service/reminders.h"
#include "service/registers.h"
#include "service/users.h"
#include "store/db.h"

namespace chancery::service {

struct ServiceConfig {
  std::filesystem::path dataDir;
  AuthConfig auth;
  PasswordPolicy passwords;
  DocumentsConfig documents;
};

class Services {
public:
  Services(store::Db& db, const ServiceConfig& config);
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  store::Db& db;
  ServiceConfig config;
  BlobStore blobs;
  SessionCache sessionCache;
  AuthService auth;
  UserService users;
  FileService files;
  // Document flows (issue #6). The signer is the seam to chancery::signing (see
  // document_signer.h, library_signer.h).
  std::unique_ptr<DocumentSigner> signer;
  RegisterService registers;
  DocumentService documents;
  FlowService flows;
  DashboardService dashboards;
  ReminderService reminders;
  RecordService records;
  InterchangeService interchange;
};

}  // namespace chancery::service
