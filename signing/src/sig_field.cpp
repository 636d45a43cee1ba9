#include "sig_field.h"

#include <algorithm>
#include <set>

#include "chancery/signing/error.h"

namespace chancery::signing::pdf {
namespace {

// Appends `item` to the array stored at `key` of `holder`, rewriting whichever object really
// holds the array (an indirect array is rewritten on its own, leaving `holder` untouched).
// Returns true when `holder` itself changed.
bool appendToArray(const Reader& reader, IncrementalWriter& writer, Object& holder,
                   const char* key, Object item) {
  Object* slot = holder.get(key);
  if (slot && slot->is(Type::Ref)) {
    std::uint32_t num = slot->asRef().num;
    Object arr = current(reader, writer, num);
    if (arr.is(Type::Array)) {
      arr.push(std::move(item));
      writer.replace(num, std::move(arr));
      return false;
    }
    // A dangling or non-array reference: replace it with a direct array.
  }
  if (slot && slot->is(Type::Array)) {
    slot->push(std::move(item));
  } else {
    holder.set(key, Object::array({std::move(item)}));
  }
  return true;
}

void collectNames(const Reader& reader, const Object& fields, const std::string& prefix,
                  std::set<std::string>& names, int depth) {
  if (depth > 16) return;
  for (const Object& f : fields.items()) {
    Object field = reader.resolve(f);
    const Object* t = field.get("T");
    std::string name = prefix;
    if (t && t->is(Type::String)) name += (prefix.empty() ? "" : ".") + textToUtf8(t->text());
    names.insert(name);
    if (const Object* kids = field.get("Kids")) collectNames(reader, reader.resolve(*kids), name, names, depth + 1);
  }
}
}  // namespace

Object current(const Reader& reader, IncrementalWriter& writer, std::uint32_t num) {
  if (Object* pending = writer.find(num)) return *pending;
  auto o = reader.object(num);
  return o ? std::move(*o) : Object::null();
}

namespace {
// An inheritable page attribute (ISO 32000 7.7.3.4), or null.
Object inherited(const Reader& reader, Object node, const char* key) {
  for (int depth = 0; depth < 32 && node.isDict(); ++depth) {
    if (const Object* v = node.get(key)) return reader.resolve(*v);
    const Object* parent = node.get("Parent");
    if (!parent) break;
    node = reader.resolve(*parent);
  }
  return Object::null();
}
}  // namespace

PageBox pageBox(const Reader& reader, std::size_t pageIndex) {
  PageBox box;
  Object page = reader.page(pageIndex).second;
  // The visible area is the CropBox, which defaults to the MediaBox.
  Object rect = inherited(reader, page, "CropBox");
  if (!rect.is(Type::Array) || rect.items().size() != 4) rect = inherited(reader, page, "MediaBox");
  if (rect.is(Type::Array) && rect.items().size() == 4) {
    double v[4];
    for (std::size_t i = 0; i < 4; ++i) v[i] = reader.resolve(rect.items()[i]).asReal();
    box = {std::min(v[0], v[2]), std::min(v[1], v[3]), std::max(v[0], v[2]), std::max(v[1], v[3]), 0};
  }
  Object rotate = inherited(reader, page, "Rotate");
  if (rotate.is(Type::Int)) box.rotate = static_cast<int>(((rotate.asInt() % 360) + 360) % 360);
  return box;
}

std::string addSignatureField(const Reader& reader, IncrementalWriter& writer, Ref sig,
                              const FieldSpec& spec) {
  Ref catalogRef = reader.catalogRef();
  Object catalog = current(reader, writer, catalogRef.num);
  if (!catalog.is(Type::Dict)) throw SigningError(ErrorCode::Malformed, "catalog is not a dictionary");
  std::set<std::string> names;
  Object acroForm;
  std::uint32_t acroNum = 0;  // 0: the AcroForm is direct or absent
  if (const Object* af = catalog.get("AcroForm")) {
    if (af->is(Type::Ref)) acroNum = af->asRef().num;
    acroForm = af->is(Type::Ref) ? current(reader, writer, af->asRef().num) : *af;
  }
  if (!acroForm.is(Type::Dict)) {
    acroForm = Object::dict();
    acroNum = 0;
  }
  if (const Object* fields = acroForm.get("Fields"))
    collectNames(reader, reader.resolve(*fields), "", names, 0);
  std::string name = spec.name;
  if (name.empty()) {
    for (int i = 1; name.empty() || names.count(name); ++i) name = "Signature" + std::to_string(i);
  } else if (names.count(name)) {
    throw SigningError(ErrorCode::InvalidArgument, "a field named " + name + " already exists");
  }

  auto [pageRef, pageObj] = reader.page(spec.pageIndex);
  Object widget = Object::dict();
  widget.set("Type", Object::name("Annot"));
  widget.set("Subtype", Object::name("Widget"));
  widget.set("FT", Object::name("Sig"));
  widget.set("T", textString(name));
  widget.set("V", Object::ref(sig));
  widget.set("F", Object::integer(132));  // Print | Locked
  widget.set("Rect", Object::array({Object::real(spec.rect.x), Object::real(spec.rect.y),
                                    Object::real(spec.rect.x + spec.rect.width),
                                    Object::real(spec.rect.y + spec.rect.height)}));
  widget.set("P", Object::ref(pageRef));
  if (spec.appearance) {
    Object ap = Object::dict();
    ap.set("N", Object::ref(*spec.appearance));
    widget.set("AP", std::move(ap));
  }
  Ref widgetRef = writer.add(std::move(widget));

  Object page = current(reader, writer, pageRef.num);
  if (appendToArray(reader, writer, page, "Annots", Object::ref(widgetRef)))
    writer.replace(pageRef.num, std::move(page));

  bool acroChanged = appendToArray(reader, writer, acroForm, "Fields", Object::ref(widgetRef));
  const Object* flags = acroForm.get("SigFlags");
  if (!flags || flags->asInt() != 3) {
    acroForm.set("SigFlags", Object::integer(3));  // SignaturesExist | AppendOnly
    acroChanged = true;
  }
  if (acroChanged) {
    if (acroNum) {
      writer.replace(acroNum, std::move(acroForm));
    } else {
      Ref newAcro = writer.add(std::move(acroForm));
      catalog = current(reader, writer, catalogRef.num);
      catalog.set("AcroForm", Object::ref(newAcro));
      writer.replace(catalogRef.num, std::move(catalog));
    }
  }
  return name;
}

}  // namespace chancery::signing::pdf
