#pragma once
// PNG fixtures drawn at test time: a blue handwritten-style signature on transparency and a
// red round seal with a pHYs chunk giving its real size.
#include <string>

namespace chancery::signing::test {

std::string signaturePng();                 // 600x200, blue strokes, transparent background
std::string sealPng(double diameterMm);     // 300 dpi, red ring and star, transparent outside
// Counts pixels of a rendered PNG page inside a box (fractions of width/height, origin top
// left) whose colour is mostly red, blue or dark.
struct PixelCounts { long red = 0, blue = 0, dark = 0; };
PixelCounts countPixels(const std::string& png, double x0, double y0, double x1, double y1);

}  // namespace chancery::signing::test
