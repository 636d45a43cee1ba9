#include "sig_scan.h"

#include "pdf_filters.h"

namespace chancery::signing::pdf {
namespace {

void checkByteRange(std::string_view data, FoundSignature& s) {
  const Object* br = s.dict.get("ByteRange");
  if (!br || !br->is(Type::Array) || br->items().size() != 4) return;
  for (std::size_t i = 0; i < 4; ++i) {
    if (!br->items()[i].is(Type::Int)) return;
    s.byteRange[i] = br->items()[i].asInt();
  }
  auto [a, b, c, d] = s.byteRange;
  auto size = static_cast<std::int64_t>(data.size());
  s.byteRangeOk = a == 0 && b > 0 && c > b + 1 && d >= 0 && c + d <= size &&
                  data[static_cast<std::size_t>(b)] == '<' &&
                  data[static_cast<std::size_t>(c - 1)] == '>';
}

void walk(const Reader& reader, const Object& fields, const std::string& prefix, int depth,
          std::vector<FoundSignature>& out) {
  if (depth > 16 || !fields.is(Type::Array)) return;
  for (const Object& ref : fields.items()) {
    Object field = reader.resolve(ref);
    if (!field.isDict()) continue;
    std::string name = prefix;
    if (const Object* t = field.get("T"); t && t->is(Type::String))
      name += (prefix.empty() ? "" : ".") + textToUtf8(t->text());
    if (const Object* kids = field.get("Kids")) {
      walk(reader, reader.resolve(*kids), name, depth + 1, out);
    }
    const Object* ft = field.get("FT");
    const Object* v = field.get("V");
    if (!ft || !ft->isName("Sig") || !v) continue;
    FoundSignature s;
    s.fieldName = name;
    if (v->is(Type::Ref)) s.dictNum = v->asRef().num;
    s.dict = reader.resolve(*v);
    if (!s.dict.isDict()) continue;
    if (const Object* c = s.dict.get("Contents"); c && c->is(Type::String)) s.contents = c->text();
    checkByteRange(reader.data(), s);
    out.push_back(std::move(s));
  }
}

void collectStreams(const Reader& reader, const Object& dss, const char* key,
                    std::vector<std::string>& out) {
  const Object* arr = dss.get(key);
  if (!arr) return;
  Object items = reader.resolve(*arr);
  for (const Object& ref : items.items()) {
    Object s = reader.resolve(ref);
    if (s.is(Type::Stream)) out.push_back(decodeStream(s));
  }
}
}  // namespace

std::vector<FoundSignature> findSignatures(const Reader& reader) {
  std::vector<FoundSignature> out;
  Object catalog = reader.catalog();
  const Object* af = catalog.get("AcroForm");
  if (!af) return out;
  Object acroForm = reader.resolve(*af);
  if (const Object* fields = acroForm.get("Fields")) walk(reader, reader.resolve(*fields), "", 0, out);
  return out;
}

DssData readDss(const Reader& reader) {
  DssData d;
  Object catalog = reader.catalog();
  const Object* ref = catalog.get("DSS");
  if (!ref) return d;
  Object dss = reader.resolve(*ref);
  if (!dss.isDict()) return d;
  d.present = true;
  collectStreams(reader, dss, "Certs", d.certs);
  collectStreams(reader, dss, "OCSPs", d.ocsps);
  collectStreams(reader, dss, "CRLs", d.crls);
  return d;
}

}  // namespace chancery::signing::pdf
