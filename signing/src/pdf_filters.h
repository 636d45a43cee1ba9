#pragma once
// Stream decoding for what the lean reader must understand itself (xref and object streams,
// form field appearances): FlateDecode with PNG/TIFF predictors. Other filters are reported as
// unsupported by the callers that need decoded data.
#include <string>
#include <string_view>

#include "pdf_object.h"

namespace chancery::signing::pdf {

// Decodes a stream's raw data according to /Filter and /DecodeParms. Throws SigningError.
std::string decodeStream(const Object& stream);
std::string flateEncode(std::string_view data);
// Inflates zlib data; throws SigningError(Malformed) if it is corrupt. `limit` caps output.
std::string inflate(std::string_view data, std::size_t limit);

}  // namespace chancery::signing::pdf
