#include "http/static_files.h"

#include <fstream>
#include <sstream>

#include "util/text.h"

namespace chancery::http {
namespace {

std::string contentTypeFor(const std::filesystem::path& p) {
  std::string ext = util::toLowerAscii(p.extension().string());
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".webmanifest") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".map") return "application/json";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".bcmap") return "application/octet-stream";
  return "application/octet-stream";
}

}  // namespace

bool StaticFiles::serve(Context& ctx) const {
  if (ctx.method() != "GET" && ctx.method() != "HEAD") return false;
  std::string rel = ctx.path();
  // Refuse anything that could climb out of the root.
  if (rel.find('\0') != std::string::npos || rel.find("\\") != std::string::npos) return false;
  for (const auto& seg : util::split(rel, '/'))
    if (seg == ".." || seg == ".") return false;
  std::filesystem::path file = root_ / std::filesystem::path(rel).relative_path();
  std::error_code ec;
  bool spaRoute = false;
  if (rel == "/" || !std::filesystem::is_regular_file(file, ec)) {
    // Client-side routes have no extension; a missing asset stays a 404.
    if (std::filesystem::path(rel).has_extension() && rel != "/") return false;
    file = root_ / "index.html";
    spaRoute = true;
    if (!std::filesystem::is_regular_file(file, ec)) return false;
  }
  auto size = std::filesystem::file_size(file, ec);
  auto mtime = std::filesystem::last_write_time(file, ec).time_since_epoch().count();
  std::string etag = "\"" + std::to_string(size) + "-" + std::to_string(mtime) + "\"";
  bool immutable = util::startsWith(rel, "/assets/");
  ctx.setHeader("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  ctx.setHeader("ETag", etag);
  ctx.setHeader("X-Content-Type-Options", "nosniff");
  if (spaRoute || file.extension() == ".html") {
    ctx.setHeader("Content-Security-Policy",
                  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' "
                  "'unsafe-inline'; worker-src 'self' blob:; connect-src 'self'; "
                  "frame-ancestors 'self'; object-src 'none'; base-uri 'self'");
    ctx.setHeader("Referrer-Policy", "same-origin");
  }
  if (ctx.header("If-None-Match") == etag) {
    ctx.sendBytes(304, contentTypeFor(file), "");
    return true;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  ctx.sendBytes(200, contentTypeFor(file), buf.str());
  return true;
}

}  // namespace chancery::http
