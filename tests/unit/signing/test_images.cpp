#include "test_images.h"

#include <png.h>
#include <zlib.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace chancery::signing::test {
namespace {
std::string encode(std::vector<unsigned char>& rgba, unsigned w, unsigned h) {
  png_image img{};
  img.version = PNG_IMAGE_VERSION;
  img.width = w;
  img.height = h;
  img.format = PNG_FORMAT_RGBA;
  png_alloc_size_t size = 0;
  png_image_write_to_memory(&img, nullptr, &size, 0, rgba.data(), 0, nullptr);
  std::string out(size, '\0');
  if (!png_image_write_to_memory(&img, out.data(), &size, 0, rgba.data(), 0, nullptr))
    throw std::runtime_error("PNG encoding failed");
  out.resize(size);
  return out;
}

void dot(std::vector<unsigned char>& px, unsigned w, unsigned h, double x, double y, double r,
         unsigned char cr, unsigned char cg, unsigned char cb) {
  for (int dy = -static_cast<int>(r) - 1; dy <= static_cast<int>(r) + 1; ++dy)
    for (int dx = -static_cast<int>(r) - 1; dx <= static_cast<int>(r) + 1; ++dx) {
      int px_ = static_cast<int>(x) + dx, py = static_cast<int>(y) + dy;
      if (px_ < 0 || py < 0 || px_ >= static_cast<int>(w) || py >= static_cast<int>(h)) continue;
      if (dx * dx + dy * dy > r * r) continue;
      std::size_t i = (static_cast<std::size_t>(py) * w + static_cast<std::size_t>(px_)) * 4;
      px[i] = cr, px[i + 1] = cg, px[i + 2] = cb, px[i + 3] = 255;
    }
}

// Inserts a pHYs chunk (pixels per metre) right after IHDR.
std::string withDpi(std::string png, double dpi) {
  auto ppm = static_cast<std::uint32_t>(std::lround(dpi / 0.0254));
  std::string data = "pHYs";
  for (int k = 0; k < 2; ++k)
    for (int b = 3; b >= 0; --b) data += static_cast<char>((ppm >> (8 * b)) & 0xFF);
  data += '\x01';
  std::uint32_t crc = static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  std::string chunk = std::string("\0\0\0\x09", 4) + data;
  for (int b = 3; b >= 0; --b) chunk += static_cast<char>((crc >> (8 * b)) & 0xFF);
  png.insert(8 + 25, chunk);  // signature (8) + IHDR chunk (25)
  return png;
}
}  // namespace

std::string signaturePng() {
  const unsigned w = 600, h = 200;
  std::vector<unsigned char> px(w * h * 4, 0);
  for (double t = 0; t < 1; t += 0.0005) {
    double x = 40 + t * 520;
    double y = 100 + 55 * std::sin(t * 19) * std::cos(t * 3) - 20 * std::sin(t * 41);
    dot(px, w, h, x, y, 4, 20, 40, 200);
  }
  for (double t = 0; t < 1; t += 0.001) dot(px, w, h, 80 + t * 440, 165 + 6 * std::sin(t * 9), 3, 20, 40, 200);
  return encode(px, w, h);
}

std::string sealPng(double diameterMm) {
  const double dpi = 300;
  auto side = static_cast<unsigned>(std::lround(diameterMm / 25.4 * dpi));
  std::vector<unsigned char> px(std::size_t{side} * side * 4, 0);
  double c = side / 2.0, outer = side / 2.0 - 2;
  for (double a = 0; a < 2 * M_PI; a += 0.002) {
    dot(px, side, side, c + (outer - 6) * std::cos(a), c + (outer - 6) * std::sin(a), 6, 210, 20, 30);
    dot(px, side, side, c + (outer * 0.72) * std::cos(a), c + (outer * 0.72) * std::sin(a), 3, 210, 20, 30);
  }
  for (int k = 0; k < 5; ++k)  // a five-pointed star in the middle
    for (double t = 0; t < 1; t += 0.002) {
      double a1 = -M_PI / 2 + k * 4 * M_PI / 5, a2 = a1 + 4 * M_PI / 5, r = outer * 0.4;
      dot(px, side, side, c + r * ((1 - t) * std::cos(a1) + t * std::cos(a2)),
          c + r * ((1 - t) * std::sin(a1) + t * std::sin(a2)), 4, 210, 20, 30);
    }
  return withDpi(encode(px, side, side), dpi);
}

PixelCounts countPixels(const std::string& png, double x0, double y0, double x1, double y1) {
  png_image img{};
  img.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&img, png.data(), png.size())) throw std::runtime_error("bad PNG");
  img.format = PNG_FORMAT_RGB;
  std::vector<unsigned char> rgb(PNG_IMAGE_SIZE(img));
  png_image_finish_read(&img, nullptr, rgb.data(), 0, nullptr);
  PixelCounts pc;
  for (auto y = static_cast<unsigned>(y0 * img.height); y < static_cast<unsigned>(y1 * img.height); ++y)
    for (auto x = static_cast<unsigned>(x0 * img.width); x < static_cast<unsigned>(x1 * img.width); ++x) {
      const unsigned char* p = &rgb[(std::size_t{y} * img.width + x) * 3];
      if (p[0] > 150 && p[1] < 110 && p[2] < 110) ++pc.red;
      if (p[2] > 150 && p[0] < 110) ++pc.blue;
      if (p[0] < 90 && p[1] < 90 && p[2] < 90) ++pc.dark;
    }
  return pc;
}

}  // namespace chancery::signing::test
