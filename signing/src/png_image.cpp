#include "png_image.h"

#include <png.h>

#include <vector>

#include "chancery/signing/error.h"
#include "pdf_filters.h"

namespace chancery::signing::image {
namespace {
using pdf::Object;

// Reads pHYs straight from the chunk list; the simplified libpng API does not expose it.
void readDpi(const std::string& png, Image& img) {
  std::size_t p = 8;
  while (p + 12 <= png.size()) {
    auto be32 = [&png](std::size_t at) {
      return (std::uint32_t(static_cast<unsigned char>(png[at])) << 24) |
             (std::uint32_t(static_cast<unsigned char>(png[at + 1])) << 16) |
             (std::uint32_t(static_cast<unsigned char>(png[at + 2])) << 8) |
             std::uint32_t(static_cast<unsigned char>(png[at + 3]));
    };
    std::uint32_t len = be32(p);
    std::string type = png.substr(p + 4, 4);
    if (type == "pHYs" && len == 9 && p + 17 <= png.size() && png[p + 16] == 1) {
      img.dpiX = be32(p + 8) * 0.0254;
      img.dpiY = be32(p + 12) * 0.0254;
      return;
    }
    if (type == "IDAT" || type == "IEND") return;
    p += 12 + std::size_t{len};
  }
}
}  // namespace

Image addPng(pdf::IncrementalWriter& writer, const std::string& png) {
  png_image decoder{};
  decoder.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&decoder, png.data(), png.size()))
    throw SigningError(ErrorCode::Image, std::string("not a PNG: ") + decoder.message);
  decoder.format = PNG_FORMAT_RGBA;
  if (decoder.width == 0 || decoder.height == 0 || decoder.width > 20000 || decoder.height > 20000) {
    png_image_free(&decoder);
    throw SigningError(ErrorCode::Image, "PNG dimensions out of range");
  }
  std::vector<unsigned char> rgba(PNG_IMAGE_SIZE(decoder));
  if (!png_image_finish_read(&decoder, nullptr, rgba.data(), 0, nullptr))
    throw SigningError(ErrorCode::Image, std::string("cannot decode PNG: ") + decoder.message);
  Image img;
  img.width = decoder.width;
  img.height = decoder.height;
  readDpi(png, img);
  std::string rgb, alpha;
  rgb.reserve(rgba.size() / 4 * 3);
  alpha.reserve(rgba.size() / 4);
  bool opaque = true;
  for (std::size_t i = 0; i < rgba.size(); i += 4) {
    rgb.append(reinterpret_cast<const char*>(&rgba[i]), 3);
    alpha += static_cast<char>(rgba[i + 3]);
    opaque = opaque && rgba[i + 3] == 255;
  }
  auto imageDict = [&img](const char* colorSpace) {
    Object d = Object::dict();
    d.set("Type", Object::name("XObject"));
    d.set("Subtype", Object::name("Image"));
    d.set("Width", Object::integer(img.width));
    d.set("Height", Object::integer(img.height));
    d.set("ColorSpace", Object::name(colorSpace));
    d.set("BitsPerComponent", Object::integer(8));
    d.set("Filter", Object::name("FlateDecode"));
    return d;
  };
  Object main = imageDict("DeviceRGB");
  if (!opaque) main.set("SMask", Object::ref(writer.add(Object::stream(imageDict("DeviceGray"), pdf::flateEncode(alpha)))));
  img.ref = writer.add(Object::stream(std::move(main), pdf::flateEncode(rgb)));
  return img;
}

}  // namespace chancery::signing::image
