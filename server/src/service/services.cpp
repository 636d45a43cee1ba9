#include "service/services.h"

namespace chancery::service {
namespace {

SigningConfig signingConfig(const ServiceConfig& cfg) {
  SigningConfig s = cfg.documents.signing;
  if (s.keysDir.empty()) s.keysDir = cfg.dataDir / "keys";
  return s;
}

}  // namespace

Services::Services(store::Db& database, const ServiceConfig& cfg)
    : db(database), config(cfg), blobs(cfg.dataDir / "blobs"),
      auth(database, cfg.auth, cfg.passwords, sessionCache), users(database, cfg.passwords, sessionCache),
      files(database, blobs), signer(makeLibrarySigner(signingConfig(cfg))), registers(database),
      documents(database, files),
      flows(database, documents, *signer, cfg.documents.organisationName), dashboards(database),
      reminders(database, cfg.documents.reminders), records(database, documents),
      interchange(database, documents, cfg.documents) {}

}  // namespace chancery::service
