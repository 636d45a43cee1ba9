#include "service/services.h"

namespace chancery::service {

Services::Services(store::Db& database, const ServiceConfig& cfg)
    : db(database),
      config(cfg),
      blobs(cfg.dataDir / "blobs"),
      auth(database, cfg.auth, cfg.passwords),
      users(database, cfg.passwords),
      files(database, blobs),
      signer(makeUnavailableSigner(
          "signing is not available in this build: the chancery::signing library is not "
          "integrated yet")),
      registers(database),
      documents(database, files),
      flows(database, documents, *signer, cfg.documents.organisationName),
      dashboards(database),
      reminders(database, cfg.documents.reminders),
      records(database, documents),
      interchange(database, documents, cfg.documents) {}

}  // namespace chancery::service
