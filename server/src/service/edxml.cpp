// edXML: writing envelopes and status messages, the status code table, dates.
#include "service/edxml.h"

#include "service/calendar.h"
#include "service/xml_out.h"

#include <Poco/Base64Encoder.h>
#include <sstream>

namespace chancery::service::edxml {
namespace {

std::string base64(const std::string& bytes) {
  std::ostringstream s;
  Poco::Base64Encoder enc(s);
  enc.rdbuf()->setLineLength(76);
  enc << bytes;
  enc.close();
  return s.str();
}

void organ(XmlOut& x, std::string_view element, const Organ& o) {
  x.open(element)
      .leaf("edXML:OrganId", o.organId)
      .leaf("edXML:OrganizationInCharge", o.organName)
      .leaf("edXML:OrganName", o.organName)
      .leaf("edXML:OrganAdd", o.organAdd)
      .leaf("edXML:Email", o.email)
      .leaf("edXML:Telephone", o.telephone)
      .close();
}

XmlOut& openRoot(XmlOut& x) {
  std::string ns(kNamespace);
  x.open("edXML", {{"xmlns", ns}});
  x.open("edXML:edXMLEnvelope", {{"xmlns:edXML", ns}});
  return x.open("edXML:edXMLHeader");
}

}  // namespace

const std::vector<StatusCode>& statusCodes() {
  static const std::vector<StatusCode> kCodes = {
      {"01", "Đã đến (đã nhận văn bản)"},
      {"02", "Từ chối tiếp nhận"},
      {"03", "Đã tiếp nhận (đăng ký)"},
      {"04", "Chờ phân công xử lý"},
      {"05", "Đang xử lý"},
      {"06", "Hoàn thành"},
      {"13", "Thu hồi văn bản"},
      {"15", "Đồng ý thu hồi"},
      {"16", "Từ chối thu hồi"},
  };
  return kCodes;
}

const StatusCode* findStatus(std::string_view code) {
  for (const auto& s : statusCodes())
    if (s.code == code) return &s;
  return nullptr;
}

std::string toEdxmlDate(const std::string& isoDate) {
  std::string s = isoDate.substr(0, 10);
  for (char& ch : s)
    if (ch == '-') ch = '/';
  return s;
}

std::optional<std::string> fromEdxmlDate(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  std::string d(s.substr(0, 10));
  if (d[4] == '/' && d[7] == '/') {
    d[4] = '-';
    d[7] = '-';
  }
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  if (!calendar::parse(d)) return std::nullopt;
  return d;
}

std::string writeEnvelope(const Envelope& e) {
  XmlOut x;
  openRoot(x);
  x.open("edXML:MessageHeader");
  organ(x, "edXML:From", e.from);
  for (const auto& t : e.to)
    organ(x, "edXML:To", t);
  x.open("edXML:Code")
      .leaf("edXML:CodeNumber", e.codeNumber)
      .leaf("edXML:CodeNotation", e.codeNotation)
      .close();
  x.open("edXML:PromulgationInfo")
      .leaf("edXML:Place", e.place)
      .leaf("edXML:PromulgationDate",
            e.promulgationDate.empty() ? "" : toEdxmlDate(e.promulgationDate))
      .close();
  x.open("edXML:DocumentType")
      .leaf("edXML:Type", std::to_string(e.type))
      .leaf("edXML:TypeDetail", std::to_string(e.typeDetail))
      .leaf("edXML:TypeName", e.typeName)
      .close();
  x.leaf("edXML:Subject", e.subject).leaf("edXML:Content", e.content);
  x.open("edXML:SignerInfo")
      .leaf("edXML:Competence", e.signerCompetence)
      .leaf("edXML:Position", e.signerPosition)
      .leaf("edXML:FullName", e.signerFullName)
      .close();
  if (!e.dueDate.empty()) x.leaf("edXML:DueDate", toEdxmlDate(e.dueDate));
  x.open("edXML:ToPlaces");
  for (const auto& p : e.toPlaces)
    x.leaf("edXML:Place", p);
  x.close();
  x.open("edXML:OtherInfo")
      .leaf("edXML:Priority", std::to_string(e.priority))
      .leaf("edXML:SphereOfPromulgation", e.sphereOfPromulgation);
  if (e.promulgationAmount)
    x.leaf("edXML:PromulgationAmount", std::to_string(*e.promulgationAmount));
  if (e.pageAmount) x.leaf("edXML:PageAmount", std::to_string(*e.pageAmount));
  x.close();
  x.leaf("edXML:SteeringType", std::to_string(e.steeringType))
      .leaf("edXML:DocumentId", e.documentId);
  x.close();  // MessageHeader
  x.open("edXML:TraceHeaderList");
  for (const auto& t : e.traces)
    x.open("edXML:TraceHeader")
        .leaf("edXML:OrganId", t.organId)
        .leaf("edXML:Timestamp", t.timestamp)
        .close();
  x.open("edXML:Bussiness")
      .leaf("edXML:BussinessDocType", std::to_string(e.businessDocType))
      .leaf("edXML:BussinessDocReason", e.businessDocReason)
      .close();
  x.close();  // TraceHeaderList
  x.close();  // edXMLHeader
  x.open("edXML:edXMLBody").open("edXML:edXMLManifest", {{"version", "1.0"}});
  for (const auto& a : e.attachments)
    x.open("edXML:Reference")
        .leaf("edXML:ContentId", "cid:" + a.contentId)
        .leaf("edXML:AttachmentName", a.name)
        .leaf("edXML:ContentType", a.contentType)
        .leaf("edXML:Description", a.description)
        .close();
  x.close().close();  // edXMLManifest, edXMLBody
  x.close();          // edXMLEnvelope
  if (!e.attachments.empty()) {
    x.open("AttachmentEncoded");
    for (const auto& a : e.attachments)
      x.open("Attachment")
          .leaf("ContentId", a.contentId)
          .leaf("AttachmentName", a.name)
          .leaf("ContentType", a.contentType)
          .leaf("Description", a.description)
          .leaf("ContentTransferEncoded", base64(a.bytes))
          .close();
    x.close();
  }
  x.close();  // edXML
  return x.take();
}

std::string writeStatus(const StatusMessage& s) {
  XmlOut x;
  openRoot(x);
  x.open("edXML:Status");
  x.open("edXML:ResponseFor")
      .leaf("edXML:OrganId", s.responseForOrganId)
      .open("edXML:Code")
      .leaf("edXML:CodeNumber", s.responseForCodeNumber)
      .leaf("edXML:CodeNotation", s.responseForCodeNotation)
      .close()
      .leaf("edXML:PromulgationDate",
            s.responseForDate.empty() ? "" : toEdxmlDate(s.responseForDate))
      .leaf("edXML:DocumentId", s.responseForDocumentId)
      .close();
  organ(x, "edXML:From", s.from);
  x.leaf("edXML:StatusCode", s.statusCode)
      .leaf("edXML:Description", s.description)
      .leaf("edXML:Timestamp", s.timestamp);
  x.open("edXML:StaffInfo")
      .leaf("edXML:Department", s.staffDepartment)
      .leaf("edXML:Staff", s.staffName)
      .leaf("edXML:Email", s.staffEmail)
      .leaf("edXML:Mobile", s.staffMobile)
      .close();
  x.close();                  // Status
  x.close().close().close();  // edXMLHeader, edXMLEnvelope, edXML
  return x.take();
}

}  // namespace chancery::service::edxml
