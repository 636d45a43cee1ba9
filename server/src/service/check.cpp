#include "service/check.h"

#include <set>

#include "store/file_store.h"

namespace chancery::service {

CheckReport checkStorage(store::Db& db, const BlobStore& blobs) {
  CheckReport r;
  auto lease = db.acquire();
  std::set<std::string> rows;
  for (const auto& b : store::blobs::all(*lease)) {
    rows.insert(b.sha256);
    ++r.blobsChecked;
    if (!isSha256Hex(b.sha256)) {
      r.errors.push_back("blob row with a malformed hash: " + b.sha256);
      continue;
    }
    auto actual = blobs.rehash(b.sha256);
    if (!actual) r.errors.push_back("blob " + b.sha256 + " is missing from disk");
    else if (*actual != b.sha256)
      r.errors.push_back("blob " + b.sha256 + " is corrupt: its content hashes to " + *actual);
    else if (std::filesystem::file_size(blobs.pathOf(b.sha256)) != static_cast<std::uintmax_t>(b.size))
      r.errors.push_back("blob " + b.sha256 + " has the wrong size");
  }
  for (const auto& f : store::files::all(*lease)) {
    ++r.filesChecked;
    if (!rows.count(f.sha256))
      r.errors.push_back("file " + std::to_string(f.id) + " names blob " + f.sha256 +
                         ", which has no row");
    else if (f.size != store::blobs::find(*lease, f.sha256)->size)
      r.errors.push_back("file " + std::to_string(f.id) + " records a size its blob does not have");
  }
  for (const auto& name : blobs.listStored())
    if (!rows.count(name))
      r.warnings.push_back("blob file " + name + " has no row (left by an interrupted upload)");
  for (const auto& t : blobs.staleTemps(3600, false))
    r.warnings.push_back("stale temporary file " + t.filename().string());
  return r;
}

}  // namespace chancery::service
