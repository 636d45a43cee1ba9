#pragma once
// Content-addressed file storage under the data directory: blobs/ab/abcdef… named by their
// SHA-256. A blob is written to a temporary file and fsynced, renamed into place, and the
// directory fsynced — only then may the database row that names it be committed. Identical
// content is stored once.

#include <cstdint>
#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::service {

class BlobStore {
public:
  // Creates root/ and root/tmp/ if needed. Throws std::runtime_error if it cannot.
  explicit BlobStore(std::filesystem::path root);

  // A blob written to a temporary file but not yet in place; removed unless committed.
  class Staged {
  public:
    Staged() = default;
    Staged(Staged&& o) noexcept;
    Staged& operator=(Staged&& o) noexcept;
    ~Staged();
    const std::string& sha256() const { return sha256_; }
    std::int64_t size() const { return size_; }
    // The first bytes, for content sniffing.
    const std::string& head() const { return head_; }

  private:
    friend class BlobStore;
    std::string sha256_;
    std::int64_t size_ = 0;
    std::string head_;
    std::filesystem::path temp_;
  };

  // Copies the stream; throws Error(PayloadTooLarge) beyond maxBytes, std::runtime_error on
  // I/O failure.
  Staged stage(std::istream& in, std::int64_t maxBytes);
  Staged stage(std::string_view bytes);
  // Durably moves the staged blob into place (a no-op when the content is already stored).
  void commit(Staged& staged);

  std::filesystem::path pathOf(const std::string& sha256) const;
  bool has(const std::string& sha256) const;
  std::string read(const std::string& sha256) const;
  // Hashes the stored file again; nullopt when it is missing.
  std::optional<std::string> rehash(const std::string& sha256) const;
  // The hashes of every blob file on disk.
  std::vector<std::string> listStored() const;
  // Temporary files older than maxAgeSeconds (left by a crash); removes them when remove=true.
  std::vector<std::filesystem::path> staleTemps(std::int64_t maxAgeSeconds, bool remove) const;
  const std::filesystem::path& root() const { return root_; }

private:
  std::filesystem::path root_;
};

bool isSha256Hex(std::string_view s);

}  // namespace chancery::service
