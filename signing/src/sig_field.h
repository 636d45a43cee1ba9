#pragma once
// Placing a signature field: the merged field/widget, the page's /Annots and the AcroForm's
// /Fields. Only the objects that must change are handed to the writer.
#include <optional>
#include <string>

#include "chancery/signing/options.h"
#include "pdf_writer.h"

namespace chancery::signing::pdf {

// The object as the pending update will leave it: the writer's copy if already changed.
Object current(const Reader& reader, IncrementalWriter& writer, std::uint32_t num);

struct FieldSpec {
  std::string name;            // empty: the first free "Signature<N>"
  std::size_t pageIndex = 0;   // 0-based
  Rect rect;                   // all zero for an invisible signature
  std::optional<Ref> appearance;
};

// Adds the field and widget for signature dictionary `sig`. Returns the field's name.
// Throws SigningError(InvalidArgument) if the name is taken, Malformed for a broken catalog.
std::string addSignatureField(const Reader& reader, IncrementalWriter& writer, Ref sig,
                              const FieldSpec& spec);

// Page geometry needed for layouts: the MediaBox (inherited) and /Rotate.
struct PageBox {
  double x0 = 0, y0 = 0, x1 = 612, y1 = 792;
  int rotate = 0;
};
PageBox pageBox(const Reader& reader, std::size_t pageIndex);

}  // namespace chancery::signing::pdf
