#pragma once
// Visible appearances of signatures (Decree 30/2020/NĐ-CP, appendix I) and of filled fields.
#include <chrono>
#include <ctime>
#include <optional>

#include "chancery/signing/options.h"
#include "fonts.h"
#include "ossl.h"
#include "pdf_writer.h"

namespace chancery::signing::appearance {

struct Placement {
  Rect rect;                      // widget rectangle; zero for invisible signatures
  std::optional<pdf::Ref> stream; // the /AP /N form XObject
};

// Builds the appearance XObject (with its font subsets and images) and returns where the widget
// goes. Throws SigningError(InvalidArgument, Font, Image).
Placement build(const pdf::Reader& reader, pdf::IncrementalWriter& writer, font::FontSet& fonts,
                const SignOptions& options, X509* signer,
                std::chrono::system_clock::time_point signingTime);

// "2026-11-22T09:30:00+07:00"
std::string iso8601(std::chrono::system_clock::time_point t, int utcOffsetMinutes);
// "D:20261122093000+07'00'"
std::string pdfDate(std::chrono::system_clock::time_point t, int utcOffsetMinutes);

}  // namespace chancery::signing::appearance

namespace chancery::signing::appearance {
// Parses "D:YYYYMMDDHHmmSS+07'00'" (any prefix of it); nullopt if it is not a PDF date.
std::optional<std::time_t> parsePdfDate(const std::string& text);
std::string isoUtc(std::time_t t);  // "2026-11-22T02:30:00Z"
}  // namespace chancery::signing::appearance
