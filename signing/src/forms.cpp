#include "forms.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "chancery/signing/error.h"
#include "sig_field.h"

namespace chancery::signing::forms {
namespace {
using pdf::Object;
using pdf::Type;

struct Field {
  std::uint32_t num = 0;
  Object dict;
  std::string type;  // inherited /FT
  std::int64_t flags = 0;
  std::int64_t quadding = 0;
  std::string da;    // inherited /DA
};

void collect(const pdf::Reader& r, const Object& kids, const std::string& prefix, Field inherited,
             int depth, std::map<std::string, Field>& out) {
  if (depth > 16 || !kids.is(Type::Array)) return;
  for (const Object& ref : kids.items()) {
    if (!ref.is(Type::Ref)) continue;
    Object f = r.resolve(ref);
    const Object* t = f.get("T");
    if (!t) continue;  // a pure widget: handled with its field
    Field field = inherited;
    field.num = ref.asRef().num;
    field.dict = f;
    if (const Object* ft = f.get("FT")) field.type = ft->text();
    if (const Object* ff = f.get("Ff")) field.flags = ff->asInt();
    if (const Object* q = f.get("Q")) field.quadding = q->asInt();
    if (const Object* da = f.get("DA"); da && da->is(Type::String)) field.da = da->text();
    std::string name = prefix.empty() ? pdf::textToUtf8(t->text()) : prefix + "." + pdf::textToUtf8(t->text());
    out[name] = field;
    if (const Object* k = f.get("Kids")) collect(r, r.resolve(*k), name, field, depth + 1, out);
  }
}

double fontSizeFrom(const std::string& da) {
  // "... /Helv 8 Tf ...": the number before Tf.
  std::size_t tf = da.find(" Tf");
  if (tf == std::string::npos) return 0;
  std::size_t start = da.rfind(' ', tf - 1);
  try {
    return std::stod(da.substr(start == std::string::npos ? 0 : start + 1, tf - start - 1));
  } catch (...) {
    return 0;
  }
}

std::vector<std::string> wrap(font::EmbeddedFont& f, const std::string& text, double size, double width) {
  std::vector<std::string> lines;
  std::stringstream words(text);
  std::string line;
  for (std::string word; words >> word;) {
    std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && f.width(candidate, size) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string num(double v) { return pdf::formatNumber(v); }

pdf::Ref appearance(pdf::IncrementalWriter& w, font::EmbeddedFont& f, const Field& field,
                    const Object& rect, const std::string& value) {
  double x0 = rect.items().at(0).asReal(), y0 = rect.items().at(1).asReal();
  double width = std::abs(rect.items().at(2).asReal() - x0), height = std::abs(rect.items().at(3).asReal() - y0);
  bool multiline = (field.flags & 4096) != 0;
  double size = fontSizeFrom(field.da);
  if (size <= 0) size = multiline ? 10 : std::min(12.0, height * 0.7);
  std::vector<std::string> lines = multiline ? wrap(f, value, size, width - 4) : std::vector<std::string>{value};
  if (!multiline && fontSizeFrom(field.da) <= 0)  // auto size: shrink to fit
    while (size > 4 && f.width(value, size) > width - 4) size -= 0.5;
  std::string content = "/Tx BMC q 1 1 " + num(width - 2) + " " + num(height - 2) + " re W n BT 0 g /F1 " + num(size) + " Tf\n";
  double line = size * 1.15;
  double y = multiline ? height - 2 - f.ascent(size) : (height - f.ascent(size) - f.descent(size)) / 2;
  for (const std::string& l : lines) {
    double lw = f.width(l, size);
    double x = field.quadding == 1 ? (width - lw) / 2 : field.quadding == 2 ? width - 2 - lw : 2;
    content += "1 0 0 1 " + num(x) + " " + num(y) + " Tm " + f.encode(l) + " Tj\n";
    y -= line;
  }
  content += "ET Q EMC\n";
  Object d = Object::dict();
  d.set("Type", Object::name("XObject"));
  d.set("Subtype", Object::name("Form"));
  d.set("BBox", Object::array({Object::integer(0), Object::integer(0), Object::real(width), Object::real(height)}));
  Object fonts = Object::dict();
  fonts.set("F1", Object::ref(f.ref()));
  Object res = Object::dict();
  res.set("Font", std::move(fonts));
  d.set("Resources", std::move(res));
  return w.add(Object::stream(std::move(d), content));
}

// Our appearances are complete: a viewer that regenerates them from /DA (often a
// non-embedded Helvetica) would lose the Vietnamese letters.
void clearNeedAppearances(const pdf::Reader& reader, pdf::IncrementalWriter& w) {
  Object catalog = pdf::current(reader, w, reader.catalogRef().num);
  Object* af = catalog.get("AcroForm");
  if (!af) return;
  if (af->is(Type::Ref)) {
    Object acro = pdf::current(reader, w, af->asRef().num);
    if (const Object* na = acro.get("NeedAppearances"); na && na->asBool()) {
      acro.set("NeedAppearances", Object::boolean(false));
      w.replace(af->asRef().num, std::move(acro));
    }
  } else if (const Object* na = af->get("NeedAppearances"); na && na->asBool()) {
    af->set("NeedAppearances", Object::boolean(false));
    w.replace(reader.catalogRef().num, std::move(catalog));
  }
}
}  // namespace

void fill(const pdf::Reader& reader, pdf::IncrementalWriter& writer, font::FontSet& fonts,
          const std::vector<FieldValue>& values, const std::string& fontPath) {
  std::map<std::string, Field> fields;
  Object catalog = reader.catalog();
  if (const Object* af = catalog.get("AcroForm")) {
    Object acro = reader.resolve(*af);
    if (const Object* f = acro.get("Fields")) collect(reader, reader.resolve(*f), "", Field{}, 0, fields);
  }
  font::EmbeddedFont& f = fonts.get(fontPath.empty() ? font::defaultFont(false) : fontPath);
  for (const FieldValue& v : values) {
    auto it = fields.find(v.name);
    if (it == fields.end()) throw SigningError(ErrorCode::FieldNotFound, "no form field named " + v.name);
    Field& field = it->second;
    if (field.type != "Tx") throw SigningError(ErrorCode::InvalidArgument, v.name + " is not a text field");
    Object dict = pdf::current(reader, writer, field.num);
    dict.set("V", pdf::textString(v.value));
    if (const Object* rect = dict.get("Rect")) {
      Object ap = Object::dict();
      ap.set("N", Object::ref(appearance(writer, f, field, reader.resolve(*rect), v.value)));
      dict.set("AP", std::move(ap));
    }
    if (const Object* kids = dict.get("Kids")) {
      Object kidArray = reader.resolve(*kids);
      for (const Object& kid : kidArray.items()) {
        if (!kid.is(Type::Ref)) continue;
        Object widget = pdf::current(reader, writer, kid.asRef().num);
        if (widget.get("T") || !widget.get("Rect")) continue;
        Object ap = Object::dict();
        ap.set("N", Object::ref(appearance(writer, f, field, reader.resolve(*widget.get("Rect")), v.value)));
        widget.set("AP", std::move(ap));
        writer.replace(kid.asRef().num, std::move(widget));
      }
    }
    writer.replace(field.num, std::move(dict));
  }
  clearNeedAppearances(reader, writer);
}

}  // namespace chancery::signing::forms
