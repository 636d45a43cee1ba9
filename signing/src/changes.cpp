#include "changes.h"

#include <set>

namespace chancery::signing::pdf {
namespace {

class Classifier {
 public:
  Classifier(const Reader& r, std::size_t rev) : r_(r), rev_(rev), last_(r.revisions().size() - 1) {}

  ChangeSummary run() {
    std::set<std::uint32_t> seen;
    for (std::size_t k = rev_ + 1; k <= last_; ++k)
      for (auto& [num, e] : r_.revisions()[k].entries)
        if (num != 0 && seen.insert(num).second) object(num);
    trailingBytes();
    return std::move(out_);
  }

 private:
  void note(ChangeKind kind, const std::string& what) {
    if (kind > out_.kind) out_.kind = kind;
    if (out_.details.size() < 50) out_.details.push_back(what);
  }

  void trailingBytes() {
    std::string_view tail = r_.data().substr(r_.revisions().back().end);
    for (char c : tail)
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\0') {
        note(ChangeKind::Other, std::to_string(tail.size()) + " bytes after the last %%EOF");
        return;
      }
  }

  Object at(const Object& o, std::size_t rev) const { return r_.resolveAt(o, rev); }

  bool isSigField(const Object& o) const {
    if (const Object* ft = o.get("FT")) return ft->isName("Sig");
    // A widget below its field inherits /FT from the parent.
    const Object* parent = o.get("Parent");
    if (!parent) return false;
    Object p = at(*parent, last_);
    const Object* ft = p.get("FT");
    return ft && ft->isName("Sig");
  }

  void object(std::uint32_t num) {
    const std::string id = "object " + std::to_string(num);
    std::optional<Object> before, after;
    try {
      before = r_.objectAt(num, rev_);
      after = r_.object(num);
    } catch (const std::exception& e) {
      note(ChangeKind::Other, id + ": unreadable (" + e.what() + ")");
      return;
    }
    if (!before) {
      return;  // new objects matter only through the existing objects that refer to them
    }
    if (!after) {
      note(ChangeKind::Other, id + ": deleted");
      return;
    }
    if (*before == *after) return;  // rewritten unchanged: harmless
    if (const Object* t = after->get("Type"); t && (t->isName("XRef") || t->isName("ObjStm")))
      return;  // containers: the objects they hold are judged one by one
    classifyChanged(id, *before, *after);
  }

  void classifyChanged(const std::string& id, const Object& before, const Object& after) {
    if (before.is(Type::Array) && after.is(Type::Array)) return arrayChange(id, before, after);
    if (!before.isDict() || !after.isDict() || before.type() != after.type())
      return note(ChangeKind::Other, id + ": replaced");
    const Object* type = after.get("Type");
    const Object* subtype = after.get("Subtype");
    std::set<std::string> changed = changedKeys(before, after);
    auto only = [&changed](std::initializer_list<const char*> allowed) {
      for (auto& k : changed) {
        bool ok = false;
        for (const char* a : allowed) ok = ok || k == a;
        if (!ok) return false;
      }
      return true;
    };
    std::string keys;
    for (auto& k : changed) keys += " /" + k;
    if (type && type->isName("Catalog")) {
      if (only({"AcroForm", "DSS", "Extensions", "Perms"})) {
        // A new or inline AcroForm is judged by its fields: only signature fields may appear.
        const Object* oldForm = before.get("AcroForm");
        const Object* newForm = after.get("AcroForm");
        if (changed.count("AcroForm") && newForm && (!oldForm || !oldForm->is(Type::Ref)))
          acroFormChange(id + " (catalog /AcroForm)", oldForm ? at(*oldForm, rev_) : Object::dict(),
                         at(*newForm, last_));
        return note(ChangeKind::SignaturesOrDss, id + " (catalog):" + keys);
      }
      return note(ChangeKind::Other, id + " (catalog):" + keys);
    }
    if (type && (type->isName("DSS") || type->isName("VRI")))
      return note(ChangeKind::SignaturesOrDss, id + " (DSS)");
    if (after.get("Fields")) return acroFormChange(id, before, after);
    if (type && type->isName("Page")) {
      if (only({"Annots"}))
        return arrayChange(id + " (page /Annots)", at(*orNull(before.get("Annots")), rev_),
                           at(*orNull(after.get("Annots")), last_));
      return note(ChangeKind::Other, id + " (page):" + keys);
    }
    if (after.get("FT") || (subtype && subtype->isName("Widget"))) return fieldChange(id, before, after, changed, keys);
    if (subtype && !after.is(Type::Stream) && (type == nullptr || type->isName("Annot")))
      return note(ChangeKind::Annotations, id + " (annotation /" + subtype->text() + "):" + keys);
    note(ChangeKind::Other, id + ":" + keys);
  }

  const Object* orNull(const Object* o) const { return o ? o : &null_; }

  void fieldChange(const std::string& id, const Object& before, const Object& after,
                   const std::set<std::string>& changed, const std::string& keys) {
    bool sig = isSigField(after);
    // A signed signature field is frozen: a new /V or /AP would swap or restyle a signature.
    if (sig && before.get("V")) return note(ChangeKind::Other, id + " (signed signature field):" + keys);
    for (const std::string& k : changed) {
      bool fillable = k == "V" || k == "AP" || k == "AS" || k == "MK";
      if (sig && k == "V" && !before.get("V")) continue;  // an empty signature field signed
      if (sig && (k == "AP" || k == "MK")) continue;
      if (!sig && fillable) continue;
      if (k == "Kids") continue;  // a widget added to the field: judged by the widget
      return note(ChangeKind::Other, id + " (field):" + keys);
    }
    note(sig ? ChangeKind::SignaturesOrDss : ChangeKind::FormFilling, id + " (field):" + keys);
  }

  void acroFormChange(const std::string& id, const Object& before, const Object& after) {
    std::set<std::string> changed = changedKeys(before, after);
    for (const std::string& k : changed) {
      if (k == "Fields") {
        arrayChange(id + " (AcroForm /Fields)", at(*orNull(before.get("Fields")), rev_),
                    at(*orNull(after.get("Fields")), last_));
      } else if (k == "SigFlags") {
        note(ChangeKind::SignaturesOrDss, id + " (AcroForm /SigFlags)");
      } else if (k == "DR" || k == "DA" || k == "NeedAppearances") {
        note(ChangeKind::FormFilling, id + " (AcroForm /" + k + ")");
      } else {
        note(ChangeKind::Other, id + " (AcroForm /" + k + ")");
      }
    }
  }

  // Arrays of references (/Fields, /Annots): judge what was added or removed.
  void arrayChange(const std::string& id, const Object& before, const Object& after) {
    if (!after.is(Type::Array) && !after.is(Type::Null)) return note(ChangeKind::Other, id + ": replaced");
    std::vector<Object> oldItems = before.is(Type::Array) ? before.items() : std::vector<Object>{};
    std::vector<Object> newItems = after.is(Type::Array) ? after.items() : std::vector<Object>{};
    auto contains = [](const std::vector<Object>& v, const Object& o) {
      for (auto& x : v) if (x == o) return true;
      return false;
    };
    for (const Object& o : oldItems) {
      if (contains(newItems, o)) continue;
      Object gone = at(o, rev_);
      // Dropping a signature's field or widget hides the signature: never bookkeeping.
      if (gone.isDict() && isSigField(gone)) note(ChangeKind::Other, id + ": removed a signature field");
      else judgeMember(id + ": removed", gone);
    }
    for (const Object& o : newItems)
      if (!contains(oldItems, o)) judgeMember(id + ": added", at(o, last_));
    if (oldItems.size() == newItems.size()) {
      bool same = true;
      for (std::size_t i = 0; i < oldItems.size(); ++i) same = same && oldItems[i] == newItems[i];
      if (!same && !oldItems.empty()) {
        // Reordered content or references that are not annotations or fields.
        bool refs = true;
        for (auto& o : newItems) refs = refs && o.is(Type::Ref);
        if (!refs) note(ChangeKind::Other, id + ": changed");
      }
    }
  }

  void judgeMember(const std::string& what, const Object& o) {
    if (!o.isDict()) return note(ChangeKind::Other, what + " a non-dictionary");
    const Object* subtype = o.get("Subtype");
    if (isSigField(o)) return note(ChangeKind::SignaturesOrDss, what + " a signature field");
    if (o.get("FT") || (subtype && subtype->isName("Widget")))
      return note(ChangeKind::Other, what + " a form field");
    if (subtype) return note(ChangeKind::Annotations, what + " an annotation /" + subtype->text());
    note(ChangeKind::Other, what + " an unknown object");
  }

  static std::set<std::string> changedKeys(const Object& a, const Object& b) {
    std::set<std::string> out;
    for (const std::string& k : a.keys()) {
      const Object* vb = b.get(k);
      if (!vb || !(*vb == *a.get(k))) out.insert(k);
    }
    for (const std::string& k : b.keys())
      if (!a.get(k)) out.insert(k);
    if (a.is(Type::Stream) && a.rawStream() != b.rawStream()) out.insert("(stream data)");
    return out;
  }

  const Reader& r_;
  std::size_t rev_, last_;
  ChangeSummary out_;
  Object null_;
};
}  // namespace

ChangeSummary classifyChanges(const Reader& reader, std::size_t signedRevision) {
  return Classifier(reader, signedRevision).run();
}

}  // namespace chancery::signing::pdf
