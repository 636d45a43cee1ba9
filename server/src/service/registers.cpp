#include "service/registers.h"

#include "service/audit.h"
#include "service/document_common.h"
#include "service/errors.h"
#include "service/pdf_table.h"
#include "store/flow_store.h"
#include "store/user_store.h"
#include "util/json_writer.h"

namespace chancery::service {
namespace {

constexpr std::int64_t kMaxPeriodDays = 366 * 5;

std::string registerName(Direction kind, bool secret, const std::string& unitName) {
  std::string n = kind == Direction::Incoming ? "Sổ đăng ký văn bản đến" : "Sổ đăng ký văn bản đi";
  if (secret) n += " (mật)";
  return n + " — " + unitName;
}

std::string shortDate(const std::optional<std::string>& iso) {
  if (!iso) return "";
  auto d = calendar::parse(*iso);
  return d ? calendar::vietnameseShort(*d) : *iso;
}

// RFC 4180 quoting, and a leading apostrophe on text that a spreadsheet would run as a formula.
std::string csvCell(const std::string& s) {
  std::string v = s;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char ch : v) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::vector<std::string> headerFor(const std::string& kind) {
  if (kind == "incoming")
    return {"Ngày đến",
            "Số đến",
            "Tác giả (nơi gửi)",
            "Số, ký hiệu",
            "Ngày tháng",
            "Tên loại và trích yếu nội dung",
            "Đơn vị hoặc người nhận",
            "Ký nhận",
            "Ghi chú"};
  return {"Số, ký hiệu văn bản",
          "Ngày tháng văn bản",
          "Tên loại và trích yếu nội dung",
          "Người ký",
          "Nơi nhận văn bản",
          "Đơn vị, người nhận bản lưu",
          "Số lượng bản",
          "Ngày chuyển",
          "Ký nhận",
          "Ghi chú"};
}

std::vector<std::string> cellsFor(const std::string& kind, const RegisterRow& r) {
  const auto& d = r.doc;
  std::string note = d.status == "revoked" ? "Đã thu hồi" : "";
  if (d.secrecy != "none")
    note += (note.empty() ? "" : "; ") + std::string(secrecyLabel(*parseSecrecy(d.secrecy)));
  std::string typeAndSubject = d.docType.empty() ? d.subject : d.docType + ": " + d.subject;
  if (kind == "incoming")
    return {shortDate(r.entry.entryDate),
            std::to_string(r.entry.number),
            d.sender.empty() ? d.issuer : d.sender,
            docs::numberAndNotation(d),
            shortDate(d.issuedDate),
            typeAndSubject,
            r.handler,
            "",
            note};
  return {docs::numberAndNotation(d),
          shortDate(d.issuedDate),
          typeAndSubject,
          d.signerName,
          d.recipients,
          "",
          d.copies ? std::to_string(*d.copies) : "",
          shortDate(r.entry.entryDate),
          "",
          note};
}

}  // namespace

store::RegisterRecord RegisterService::registerFor(store::Connection& c, std::int64_t unitId,
                                                   Direction kind, bool secret) {
  auto unit = store::units::findById(c, unitId);
  if (!unit) throw invalidField("unitId", "no such unit");
  return store::registers::ensure(c, unitId, std::string(directionName(kind)),
                                  secret ? "secret" : "normal",
                                  registerName(kind, secret, unit->name));
}

Numbered RegisterService::enter(store::Connection& c, const Principal& actor, std::int64_t unitId,
                                Direction kind, bool secret, std::int64_t documentId,
                                const calendar::Date& date,
                                std::optional<std::int64_t> explicitNumber) {
  Numbered n;
  n.reg = registerFor(c, unitId, kind, secret);
  n.year = date.year;
  n.date = date.str();
  if (explicitNumber) {
    store::registers::reserveNumber(c, n.reg.id, n.year, 0);  // takes the register lock
    if (store::registers::numberTaken(c, n.reg.id, n.year, *explicitNumber))
      throw conflict("number_taken",
                     "number " + std::to_string(*explicitNumber) + " is already taken in " +
                         n.reg.name + " for " + std::to_string(n.year),
                     "receivedNumber");
    store::registers::reserveNumber(c, n.reg.id, n.year, *explicitNumber);
    n.number = *explicitNumber;
  } else {
    n.number = store::registers::nextNumber(c, n.reg.id, n.year);
  }
  store::registers::insertEntry(
      c, {0, n.reg.id, n.year, n.number, documentId, n.date, actor.userId, store::nowMillis()});
  return n;
}

std::vector<store::RegisterRecord> RegisterService::list(const Principal& actor) {
  if (actor.unitId && actor.hasAny({Role::Clerk, Role::Leader, Role::Specialist})) {
    db_.transact([&](store::Connection& c) {
      for (Direction k : {Direction::Incoming, Direction::Outgoing})
        for (bool secret : {false, true})
          registerFor(c, *actor.unitId, k, secret);
    });
  }
  auto lease = db_.acquire();
  std::vector<store::RegisterRecord> out;
  for (auto& r : store::registers::list(*lease))
    if (actor.has(Role::Admin) || (actor.unitId && *actor.unitId == r.unitId)) out.push_back(r);
  return out;
}

RegisterPeriod RegisterService::period(const Principal& actor, std::int64_t registerId,
                                       const std::optional<std::string>& from,
                                       const std::optional<std::string>& to) {
  calendar::Date today = calendar::today();
  auto f = from ? calendar::parse(*from) : calendar::Date{today.year, 1, 1};
  auto t = to ? calendar::parse(*to) : today;
  if (!f) throw invalidField("from", "from must be a date YYYY-MM-DD");
  if (!t) throw invalidField("to", "to must be a date YYYY-MM-DD");
  if (*t < *f) throw invalidField("to", "to is before from");
  if (calendar::dayNumber(*t) - calendar::dayNumber(*f) > kMaxPeriodDays)
    throw invalidField("to", "the period may span at most five years");
  auto lease = db_.acquire();
  auto& c = *lease;
  auto reg = store::registers::find(c, registerId);
  if (!reg || !(actor.has(Role::Admin) || (actor.unitId && *actor.unitId == reg->unitId)))
    throw notFound("register");
  RegisterPeriod p;
  p.reg = *reg;
  auto unit = store::units::findById(c, reg->unitId);
  p.unitName = unit ? unit->name : "";
  p.from = f->str();
  p.to = t->str();
  auto viewer = docs::viewerOf(actor);
  for (const auto& e : store::registers::entries(c, registerId, p.from, p.to)) {
    if (!store::documents::visible(c, viewer, e.documentId)) continue;
    auto d = store::documents::find(c, e.documentId);
    if (!d) continue;
    RegisterRow row{e, *d, {}};
    for (const auto& a : store::assignments::forDocument(c, d->id))
      if (a.role == "lead" && a.status != "cancelled")
        if (auto u = store::users::findById(c, a.userId)) row.handler = u->fullName;
    p.rows.push_back(std::move(row));
  }
  return p;
}

std::string RegisterService::exportCsv(const RegisterPeriod& p) const {
  std::string out = "\xEF\xBB\xBF";  // BOM: spreadsheets then read the file as UTF-8
  auto header = headerFor(p.reg.kind);
  for (std::size_t i = 0; i < header.size(); ++i)
    out += (i ? "," : "") + csvCell(header[i]);
  out += "\r\n";
  for (const auto& r : p.rows) {
    auto cells = cellsFor(p.reg.kind, r);
    for (std::size_t i = 0; i < cells.size(); ++i)
      out += (i ? "," : "") + csvCell(cells[i]);
    out += "\r\n";
  }
  return out;
}

std::string RegisterService::exportPdf(const RegisterPeriod& p) const {
  pdf::TableDocument t;
  t.heading = {p.unitName};
  t.title = p.reg.kind == "incoming" ? "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" : "SỔ ĐĂNG KÝ VĂN BẢN ĐI";
  if (p.reg.series == "secret") t.title += " MẬT";
  auto f = calendar::parse(p.from), to = calendar::parse(p.to);
  t.subtitle =
      "Từ ngày " + calendar::vietnameseShort(*f) + " đến ngày " + calendar::vietnameseShort(*to);
  t.metadataTitle = p.reg.name;
  auto header = headerFor(p.reg.kind);
  // Millimetres; they add up to the 267 mm between the margins of a landscape A4 page, and
  // dates and số/ký hiệu fit on one line.
  std::vector<double> widths = p.reg.kind == "incoming"
                                   ? std::vector<double>{22, 14, 38, 32, 22, 70, 35, 16, 18}
                                   : std::vector<double>{32, 22, 64, 30, 38, 24, 13, 22, 12, 10};
  for (std::size_t i = 0; i < header.size(); ++i)
    t.columns.push_back({header[i], widths[i]});
  for (const auto& r : p.rows)
    t.rows.push_back(cellsFor(p.reg.kind, r));
  return pdf::renderTable(t);
}

void RegisterService::auditExport(const Principal& actor, const RegisterPeriod& p,
                                  const std::string& format) {
  std::int64_t secret = 0;
  for (const auto& r : p.rows)
    secret += r.doc.secrecy != "none" ? 1 : 0;
  util::JsonWriter w;
  w.beginObject()
      .field("format", format)
      .field("from", p.from)
      .field("to", p.to)
      .field("entries", static_cast<std::int64_t>(p.rows.size()))
      .field("secretEntries", secret)
      .endObject();
  db_.transact([&](store::Connection& c) {
    AuditLog::append(c, &actor, {"register.export", "register", std::to_string(p.reg.id), w.str()});
  });
}

}  // namespace chancery::service
