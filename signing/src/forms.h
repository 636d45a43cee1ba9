#pragma once
// Filling text form fields (số/ký hiệu, ngày ban hành) in the signature's incremental update.
#include <vector>

#include "chancery/signing/options.h"
#include "fonts.h"
#include "pdf_writer.h"

namespace chancery::signing::forms {

// Sets /V and a fresh appearance stream (embedded font subset, so Vietnamese renders without
// NeedAppearances). Throws SigningError(FieldNotFound, InvalidArgument, Font).
void fill(const pdf::Reader& reader, pdf::IncrementalWriter& writer, font::FontSet& fonts,
          const std::vector<FieldValue>& values, const std::string& fontPath);

}  // namespace chancery::signing::forms
