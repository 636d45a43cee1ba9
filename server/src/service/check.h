#pragma once
// `chancery check`: every blob row against its file and hash, every file row against its blob,
// and every blob file on disk against a row.

#include <cstdint>
#include <string>
#include <vector>

#include "service/blob_store.h"
#include "store/db.h"

namespace chancery::service {

struct CheckReport {
  std::int64_t blobsChecked = 0;
  std::int64_t filesChecked = 0;
  std::vector<std::string> errors;    // make the check fail
  std::vector<std::string> warnings;  // worth knowing, harmless (e.g. orphans after a crash)
  bool ok() const { return errors.empty(); }
};

CheckReport checkStorage(store::Db& db, const BlobStore& blobs);

}  // namespace chancery::service
