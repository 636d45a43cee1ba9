#pragma once
// THE index schema of chancery::search — every term prefix, value slot and the schema version
// live here and nowhere else (docs/search-schema.md mirrors this comment for readers of the
// API). Change anything that alters what is stored and bump kSchemaVersion: an index with
// another version refuses searches until Index::rebuild() has run.
//
// Terms (all values NFC; "folded" = lower case, combining marks removed, đ → d):
//   ""          folded word of title, metadata and text, with positions          (free text)
//   XE          exact word (lower case, marks kept), with positions — only for
//               words whose exact form differs from the folded one             (free text)
//   Q           external id, exactly as given                                 id:
//   S           folded title (trích yếu) word, with positions                 trichyeu: title:
//   XT          folded type word, with positions                              loai: type:
//   XI          folded issuer word, with positions                            coquan: issuer:
//   XG          folded signer word, with positions                            nguoiky: signer:
//   XN          normalised number: whole code ("30/2020/nd-cp"), number with
//               notation ("123/qd-ubnd") and leading number ("30"), wdf 1     so: number:
//   XK          normalised notation ("nd-cp", "qd-ubnd")                      kyhieu: notation:
//   XY          year of the date ("2020")                                     (Filters::years)
//   XFTYPE:     key of the whole type ("nghi dinh")                           (Filters::types)
//   XFISSUER:   key of the whole issuer                                       (Filters::issuers)
//   XFSIGNER:   key of the whole signer                                       (Filters::signers)
//   XURGENCY:   key of độ khẩn                                                dokhan: urgency:
//   XSTATUS:    key of the status                                             trangthai: status:
//   XREGISTER:  key of the register (sổ văn bản)                              sovanban: register:
//   XMEETING:   meeting id, exactly as given                                  cuochop: meeting:
//   XAGENDA:    agenda item id, exactly as given                              noidunghop: agenda:
//   XAPUBLIC    the document is public                                        (access filter)
//   XAUSER:     a user who may see it                                         (access filter)
//   XAUNIT:     a unit that may see it                                        (access filter)
//   XAROLE:     a role that may see it                                        (access filter)
//   XSECRECY:   độ mật level 0–3                                              domat: secrecy:
// "Key" = folded, lower case, inner whitespace collapsed (text.h keyText). Every multi-letter
// prefix starts with X, as Xapian recommends; values are lower case, so no term is ambiguous.
//
// Value slots:
//   0  date "YYYYMMDD" (ranges: ngay: date: and bare a..b; sorting)
//   1  type as given     (facet)
//   2  issuer as given   (facet)
//   3  year "YYYY"       (facet)
//   4  signer as given   (facet)
//   5  revision          (Index::listIds)
//
// Document data: docdata.h (a versioned, length-prefixed record holding the display fields and
// the text for snippets). Spelling table: folded words of public documents only, so that a
// suggestion cannot reveal a word that appears only in restricted documents.
// Metadata: "chancery:schema" holds kSchemaVersion as decimal.

#include <cstdint>
#include <optional>
#include <string_view>

namespace chancery::search::detail {

inline constexpr int kSchemaVersion = 1;
inline constexpr std::string_view kSchemaKey = "chancery:schema";

namespace prefix {
inline constexpr std::string_view kExact = "XE";
inline constexpr std::string_view kId = "Q";
inline constexpr std::string_view kTitle = "S";
inline constexpr std::string_view kType = "XT";
inline constexpr std::string_view kIssuer = "XI";
inline constexpr std::string_view kSigner = "XG";
inline constexpr std::string_view kNumber = "XN";
inline constexpr std::string_view kNotation = "XK";
inline constexpr std::string_view kYear = "XY";
inline constexpr std::string_view kTypeKey = "XFTYPE:";
inline constexpr std::string_view kIssuerKey = "XFISSUER:";
inline constexpr std::string_view kSignerKey = "XFSIGNER:";
inline constexpr std::string_view kUrgency = "XURGENCY:";
inline constexpr std::string_view kStatus = "XSTATUS:";
inline constexpr std::string_view kRegister = "XREGISTER:";
inline constexpr std::string_view kMeeting = "XMEETING:";
inline constexpr std::string_view kAgenda = "XAGENDA:";
inline constexpr std::string_view kPublic = "XAPUBLIC";
inline constexpr std::string_view kUser = "XAUSER:";
inline constexpr std::string_view kUnit = "XAUNIT:";
inline constexpr std::string_view kRole = "XAROLE:";
inline constexpr std::string_view kSecrecy = "XSECRECY:";
} // namespace prefix

namespace slot {
inline constexpr unsigned kDate = 0;
inline constexpr unsigned kType = 1;
inline constexpr unsigned kIssuer = 2;
inline constexpr unsigned kYear = 3;
inline constexpr unsigned kSigner = 4;
inline constexpr unsigned kRevision = 5;
} // namespace slot

// How the query parser reads the value after "name:".
enum class FieldKind {
  Text,    // words/phrase against a positional prefix
  Code,    // a number or notation, normalised (normalizeCode) against XN and XK
  Key,     // a whole value reduced with keyText()
  Id,      // an opaque id, matched exactly
  Date,    // a date or a date range on slot 0
  Year,    // a year or a year range on slot 0
  Secrecy, // a secrecy level name or digit
};

struct QueryField {
  std::string_view name; // canonical (English) name
  std::string_view prefix;
  FieldKind kind;
};

// The schema version stored in the "chancery:schema" metadata; 0 when absent or garbled.
int schemaFromMetadata(std::string_view value);

// Looks up a query field by any of its Vietnamese or English names; `name` is compared folded
// and lower-cased, so "Số", "so" and "SO" are the same field.
std::optional<QueryField> findQueryField(std::string_view name);

// "30/2020/NĐ-CP", "30/2020/nd-cp", "30 / 2020 / ND – CP" → "30/2020/nd-cp": folded, lower
// case, spaces dropped, dash-like characters → "-", backslash → "/".
std::string normalizeCode(std::string_view code);

} // namespace chancery::search::detail
