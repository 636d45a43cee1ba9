#pragma once
// Uploaded files: the content goes to the blob store, a row in `files` names it. The content
// must be what its media type claims (a PDF starts with %PDF-, a PNG with its signature …).

#include <cstdint>
#include <filesystem>
#include <istream>
#include <optional>
#include <string>

#include "service/blob_store.h"
#include "service/principal.h"
#include "store/db.h"
#include "store/file_store.h"

namespace chancery::service {

class FileService {
public:
  FileService(store::Db& db, BlobStore& blobs) : db_(db), blobs_(blobs) {}

  // Throws Error: UnsupportedMediaType (type not accepted), Unprocessable ("content_mismatch":
  // the bytes are not what the type says), PayloadTooLarge, BadRequest (file name).
  store::FileRecord upload(const Principal& actor, const std::string& name,
                           const std::string& mediaType, std::istream& in, std::int64_t maxBytes);
  // Stores bytes the server produced itself (signed PDFs, generated minutes …), with an
  // audit entry.
  store::FileRecord storeGenerated(const Principal* actor, const std::string& name,
                                   const std::string& mediaType, std::string_view bytes);
  // Blob + file row inside an existing transaction (blob already committed by stageAndCommit).
  static std::int64_t insertRow(store::Connection& c, const store::FileRecord& f);
  // Writes bytes durably to the blob store; returns the staged info (sha, size).
  BlobStore::Staged stageAndCommit(std::string_view bytes);

  // The uploader or an admin may read a bare file; documents and meetings grant access to
  // their files through their own services. Throws Error(NotFound) otherwise.
  store::FileRecord get(const Principal& actor, std::int64_t id);
  store::FileRecord getUnchecked(std::int64_t id);
  std::filesystem::path pathOf(const store::FileRecord& f) const { return blobs_.pathOf(f.sha256); }
  std::string read(const store::FileRecord& f) const { return blobs_.read(f.sha256); }
  BlobStore& blobs() { return blobs_; }

  static std::string sanitizeName(const std::string& name);
  static bool acceptedMediaType(const std::string& mediaType);
  // True when the first bytes fit the media type.
  static bool contentMatches(const std::string& mediaType, std::string_view head);

private:
  store::Db& db_;
  BlobStore& blobs_;
};

}  // namespace chancery::service
