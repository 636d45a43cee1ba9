#pragma once
// PNG → image XObject (libpng): RGB or grey samples, alpha as an /SMask.
#include <string>

#include "pdf_writer.h"

namespace chancery::signing::image {

struct Image {
  pdf::Ref ref;
  unsigned width = 0, height = 0;  // pixels
  double dpiX = 0, dpiY = 0;       // from pHYs, 0 when absent
};

// Throws SigningError(Image) for anything libpng cannot decode.
Image addPng(pdf::IncrementalWriter& writer, const std::string& png);

}  // namespace chancery::signing::image
