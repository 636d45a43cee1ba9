#include "indexer.h"

#include "chancery/search/error.h"
#include "dates.h"
#include "docdata.h"
#include "schema.h"
#include "text.h"
#include "tokenizer.h"

namespace chancery::search::detail {
namespace {

constexpr std::size_t kMaxIdBytes = 200;
constexpr std::size_t kMaxTermBytes = 240;
// A title word counts as this many body occurrences: the trích yếu says what a document is
// about far better than any sentence of its text.
constexpr Xapian::termcount kTitleWdf = 3;
// Positions left empty between fields so that a phrase never spans two of them.
constexpr Xapian::termpos kFieldGap = 100;

class TermWriter {
public:
  explicit TermWriter(Xapian::Document &doc) : doc_(doc) {}

  // Adds the words of `text` as free text, and under `fieldPrefix` when it is not empty.
  void words(std::string_view nfcText, Xapian::termcount wdf, std::string_view fieldPrefix) {
    Tokenizer tokenizer(nfcText);
    while (tokenizer.next(token_)) {
      ++pos_;
      if (token_.exact.size() > kMaxWordBytes) continue;
      doc_.add_posting(token_.folded, pos_, wdf);
      if (token_.hasDiacritics()) {
        term_.assign(prefix::kExact).append(token_.exact);
        doc_.add_posting(term_, pos_, wdf);
      }
      if (!fieldPrefix.empty()) {
        term_.assign(fieldPrefix).append(token_.folded);
        doc_.add_posting(term_, pos_);
      }
    }
    pos_ += kFieldGap;
  }

private:
  Xapian::Document &doc_;
  Xapian::termpos pos_ = 0;
  Token token_;
  std::string term_;
};

void addKey(Xapian::Document &doc, std::string_view prefix, std::string_view value) {
  const std::string key = keyText(value);
  if (!key.empty()) doc.add_boolean_term(boundedTerm(prefix, key));
}

void addIds(Xapian::Document &doc, std::string_view prefix, const std::vector<std::string> &ids) {
  for (const std::string &id : ids) {
    if (!id.empty()) doc.add_boolean_term(boundedTerm(prefix, id));
  }
}

void addAccessTerms(Xapian::Document &doc, const Access &access) {
  if (access.isPublic) doc.add_boolean_term(std::string(prefix::kPublic));
  addIds(doc, prefix::kUser, access.users);
  addIds(doc, prefix::kUnit, access.units);
  addIds(doc, prefix::kRole, access.roles);
  doc.add_boolean_term(std::string(prefix::kSecrecy) +
                       std::to_string(static_cast<int>(access.secrecy)));
}

// Parts after the last all-digit segment: "30/2020/nd-cp" → "nd-cp", "123/qd-ubnd" → "qd-ubnd".
std::string notationOf(const std::string &code) {
  std::size_t start = std::string::npos;
  std::size_t segment = 0;
  for (std::size_t i = 0; i <= code.size(); ++i) {
    if (i < code.size() && code[i] != '/') continue;
    const std::string_view part(code.data() + segment, i - segment);
    if (!part.empty() && part.find_first_not_of("0123456789") == std::string_view::npos)
      start = i + 1;
    segment = i + 1;
  }
  return start == std::string::npos || start >= code.size() ? std::string() : code.substr(start);
}

void pushUnique(std::vector<std::string> &list, std::string value) {
  if (value.empty()) return;
  for (const std::string &existing : list) {
    if (existing == value) return;
  }
  list.push_back(std::move(value));
}

} // namespace

std::string boundedTerm(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (value.size() + prefix.size() > kMaxTermBytes) {
    std::size_t cut = kMaxTermBytes - prefix.size();
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
      --cut;
    value = value.substr(0, cut);
  }
  term += value;
  return term;
}

CodeTerms codeTerms(std::string_view number, std::string_view notation) {
  CodeTerms out;
  const std::string n = normalizeCode(number);
  std::string k = normalizeCode(notation);
  if (!n.empty()) {
    pushUnique(out.numbers, n);
    pushUnique(out.numbers, n.substr(0, n.find_first_not_of("0123456789")));
    if (!k.empty() && !n.ends_with(k)) pushUnique(out.numbers, n + "/" + k);
  }
  if (k.empty()) k = notationOf(n);
  pushUnique(out.notations, k);
  return out;
}

bool isSpellingWord(const std::string &term) {
  const auto first = static_cast<unsigned char>(term[0]);
  const bool prefixed = first >= 'A' && first <= 'Z';
  const bool number = first >= '0' && first <= '9';
  return term.size() > 1 && !prefixed && !number;
}

bool feedsSpelling(const Document &doc) {
  return doc.access.isPublic && doc.access.secrecy == Secrecy::None;
}

bool feedsSpelling(const Xapian::Database &db, Xapian::docid id) {
  const std::string publicTerm(prefix::kPublic);
  const std::string openTerm = std::string(prefix::kSecrecy) + "0";
  Xapian::TermIterator it = db.termlist_begin(id);
  it.skip_to(publicTerm);
  if (it == db.termlist_end(id) || *it != publicTerm) return false;
  it.skip_to(openTerm);
  return it != db.termlist_end(id) && *it == openTerm;
}

BuiltDocument buildDocument(const Document &input) {
  if (input.id.empty() || input.id.size() > kMaxIdBytes)
    throw SearchError(SearchError::Code::BadDocument, "document id must be 1–200 bytes");
  StoredDoc stored{
      input.id,          toNfc(input.title),  toNfc(input.number), toNfc(input.notation),
      toNfc(input.type), toNfc(input.issuer), toNfc(input.signer), "",
      toNfc(input.text)};
  const std::string dateKey = documentDateKey(input.date);
  stored.date = isoFromKey(dateKey);

  BuiltDocument out;
  Xapian::Document &doc = out.doc;
  TermWriter writer(doc);
  writer.words(stored.title, kTitleWdf, prefix::kTitle);
  writer.words(stored.type, 1, prefix::kType);
  writer.words(stored.number, 1, {});
  writer.words(stored.notation, 1, {});
  writer.words(stored.issuer, 1, prefix::kIssuer);
  writer.words(stored.signer, 1, prefix::kSigner);
  writer.words(stored.text, 1, {});

  const CodeTerms codes = codeTerms(stored.number, stored.notation);
  for (const std::string &n : codes.numbers)
    doc.add_term(boundedTerm(prefix::kNumber, n));
  for (const std::string &k : codes.notations)
    doc.add_term(boundedTerm(prefix::kNotation, k));

  if (!dateKey.empty()) {
    doc.add_value(slot::kDate, dateKey);
    doc.add_value(slot::kYear, dateKey.substr(0, 4));
    doc.add_boolean_term(std::string(prefix::kYear) + dateKey.substr(0, 4));
  }
  if (!stored.type.empty()) doc.add_value(slot::kType, stored.type);
  if (!stored.issuer.empty()) doc.add_value(slot::kIssuer, stored.issuer);
  if (!stored.signer.empty()) doc.add_value(slot::kSigner, stored.signer);
  if (!input.revision.empty()) doc.add_value(slot::kRevision, input.revision);

  addKey(doc, prefix::kTypeKey, stored.type);
  addKey(doc, prefix::kIssuerKey, stored.issuer);
  addKey(doc, prefix::kSignerKey, stored.signer);
  addKey(doc, prefix::kUrgency, input.urgency);
  addKey(doc, prefix::kStatus, input.status);
  addKey(doc, prefix::kRegister, input.registerName);
  addIds(doc, prefix::kMeeting, input.meetingIds);
  addIds(doc, prefix::kAgenda, input.agendaItemIds);
  addAccessTerms(doc, input.access);

  out.idTerm = std::string(prefix::kId) + input.id;
  doc.add_boolean_term(out.idTerm);
  if (feedsSpelling(input)) {
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
      if (isSpellingWord(*it)) out.spellingWords.push_back(*it);
    }
  }
  doc.set_data(encodeDocData(stored));
  return out;
}

} // namespace chancery::search::detail
