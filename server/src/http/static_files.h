#pragma once
// Serves the built web client: hashed assets cached for a year, everything else revalidated,
// and index.html for client-side routes (paths without a file extension).

#include <filesystem>

#include "http/context.h"

namespace chancery::http {

class StaticFiles {
public:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}
  // Returns false when nothing fits (the caller answers 404).
  bool serve(Context& ctx) const;
  const std::filesystem::path& root() const { return root_; }

private:
  std::filesystem::path root_;
};

}  // namespace chancery::http
