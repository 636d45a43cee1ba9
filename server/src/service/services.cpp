#include "service/services.h"

namespace chancery::service {

Services::Services(store::Db& database, const ServiceConfig& cfg)
    : db(database),
      config(cfg),
      blobs(cfg.dataDir / "blobs"),
      auth(database, cfg.auth, cfg.passwords),
      users(database, cfg.passwords),
      files(database, blobs) {}

}  // namespace chancery::service
