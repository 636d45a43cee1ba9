#pragma once
// Every service, built once at start-up over the database and the blob store and handed to
// the HTTP layer and the command line. No globals: whoever needs a service gets it from here.

#include <filesystem>
#include <memory>

#include "service/auth.h"
#include "service/blob_store.h"
#include "service/files.h"
#include "service/users.h"
#include "store/db.h"

namespace chancery::service {

struct ServiceConfig {
  std::filesystem::path dataDir;
  AuthConfig auth;
  PasswordPolicy passwords;
};

class Services {
public:
  Services(store::Db& db, const ServiceConfig& config);
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  store::Db& db;
  ServiceConfig config;
  BlobStore blobs;
  AuthService auth;
  UserService users;
  FileService files;
};

}  // namespace chancery::service
