// edXML: reading envelopes and status messages from untrusted bytes. Poco's SAX parser (expat)
// builds a small tree under limits on size, depth, element count and text length; DOCTYPE
// declarations are refused before parsing and again if the parser reports one, so no entity is
// ever expanded (billion laughs) or fetched (XXE). Attachments are decoded from base64 with a
// size cap and never decompressed.
#include "service/edxml.h"
#include "service/errors.h"
#include "util/text.h"

#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/LexicalHandler.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/SAX/SAXParser.h>
#include <memory>
#include <optional>

namespace chancery::service::edxml {
namespace {

struct Node {
  std::string name;  // local name
  std::string text;
  std::vector<std::unique_ptr<Node>> children;
  Node* parent = nullptr;
};

Error invalid(const std::string& path, const std::string& message) {
  return Error(ErrorKind::Unprocessable, "invalid_edxml", message + " at " + path, path);
}

std::size_t base64Cap(std::size_t decoded) {
  std::size_t encoded = (decoded / 3 + 1) * 4;
  return encoded + encoded / 38 + 1024;  // line breaks every 76 characters, and some slack
}

class TreeBuilder : public Poco::XML::DefaultHandler, public Poco::XML::LexicalHandler {
public:
  explicit TreeBuilder(const Limits& limits) : limits_(limits) {}

  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName,
                    const Poco::XML::XMLString& qname, const Poco::XML::Attributes&) override {
    if (++elements_ > limits_.maxElements)
      fail(Error(ErrorKind::Unprocessable, "invalid_edxml", "too many elements"));
    if (depth_ >= limits_.maxDepth) fail(invalid(path(), "elements nested too deeply"));
    auto node = std::make_unique<Node>();
    node->name = localName.empty() ? qname : localName;
    node->parent = current_;
    Node* raw = node.get();
    if (current_)
      current_->children.push_back(std::move(node));
    else
      root_ = std::move(node);
    current_ = raw;
    ++depth_;
  }

  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                  const Poco::XML::XMLString&) override {
    current_ = current_ ? current_->parent : nullptr;
    --depth_;
  }

  void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
    if (!current_ || length <= 0) return;
    bool payload = current_->name == "ContentTransferEncoded";
    std::size_t cap = payload ? base64Cap(limits_.maxAttachmentBytes) : limits_.maxTextBytes;
    if (current_->text.size() + static_cast<std::size_t>(length) > cap)
      fail(payload ? Error(ErrorKind::PayloadTooLarge, "attachment_too_large",
                           "an attachment is larger than " +
                               std::to_string(limits_.maxAttachmentBytes) + " bytes at " + path(),
                           path())
                   : invalid(path(), "text longer than " + std::to_string(limits_.maxTextBytes) +
                                         " bytes"));
    current_->text.append(ch + start, static_cast<std::size_t>(length));
  }

  // LexicalHandler: a DTD would allow entity definitions; refuse it outright.
  void startDTD(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                const Poco::XML::XMLString&) override {
    fail(Error(ErrorKind::BadRequest, "invalid_xml", "DOCTYPE declarations are not accepted"));
  }
  void endDTD() override {}
  void startEntity(const Poco::XML::XMLString&) override {}
  void endEntity(const Poco::XML::XMLString&) override {}
  void startCDATA() override {}
  void endCDATA() override {}
  void comment(const Poco::XML::XMLChar[], int, int) override {}
  void skippedEntity(const Poco::XML::XMLString& name) override {
    fail(
        Error(ErrorKind::BadRequest, "invalid_xml", "entity references are not accepted: " + name));
  }

  std::unique_ptr<Node> take() { return std::move(root_); }
  const std::optional<Error>& pending() const { return pending_; }

private:
  // Remembers the domain error and stops the parser; the caller rethrows it.
  [[noreturn]] void fail(Error e) {
    pending_ = std::move(e);
    throw Poco::XML::SAXException("stopped");
  }
  std::string path() const {
    std::string p;
    for (const Node* n = current_; n; n = n->parent)
      p = "/" + n->name + p;
    return p;
  }

  const Limits& limits_;
  std::unique_ptr<Node> root_;
  Node* current_ = nullptr;
  std::size_t depth_ = 0, elements_ = 0;
  std::optional<Error> pending_;
};

void checkBytes(std::string_view& xml, const Limits& limits) {
  if (xml.size() > limits.maxBytes)
    throw Error(ErrorKind::PayloadTooLarge, "envelope_too_large",
                "the envelope exceeds " + std::to_string(limits.maxBytes) + " bytes");
  auto unsupported = [](const std::string& what) {
    return Error(ErrorKind::UnsupportedMediaType, "unsupported_encoding",
                 "edXML must be UTF-8; this is " + what, "encoding");
  };
  if (xml.size() >= 2 &&
      ((xml[0] == '\xFE' && xml[1] == '\xFF') || (xml[0] == '\xFF' && xml[1] == '\xFE')))
    throw unsupported("UTF-16 (byte order mark)");
  if (xml.size() >= 2 && (xml[0] == '\0' || xml[1] == '\0')) throw unsupported("UTF-16 or UTF-32");
  if (util::startsWith(xml, "\xEF\xBB\xBF")) xml.remove_prefix(3);
  if (util::startsWith(xml, "<?xml")) {
    auto end = xml.find("?>");
    std::string decl = util::toLowerAscii(xml.substr(0, end == std::string_view::npos ? 200 : end));
    auto pos = decl.find("encoding");
    if (pos != std::string::npos) {
      auto q = decl.find_first_of("\"'", pos);
      auto q2 = q == std::string::npos ? q : decl.find(decl[q], q + 1);
      std::string enc = q2 == std::string::npos ? "" : decl.substr(q + 1, q2 - q - 1);
      if (enc != "utf-8" && enc != "utf8")
        throw unsupported("declared as " + (enc.empty() ? "?" : enc));
    }
  }
  if (!util::isValidUtf8(xml))
    throw Error(ErrorKind::BadRequest, "invalid_utf8", "the envelope is not valid UTF-8", "body");
  if (xml.find("<!DOCTYPE") != std::string_view::npos ||
      xml.find("<!ENTITY") != std::string_view::npos)
    throw Error(ErrorKind::BadRequest, "invalid_xml",
                "DOCTYPE and ENTITY declarations are not accepted");
}

std::unique_ptr<Node> parseTree(std::string_view xml, const Limits& limits) {
  checkBytes(xml, limits);
  TreeBuilder builder(limits);
  Poco::XML::SAXParser parser;
  parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
  parser.setContentHandler(&builder);
  parser.setProperty(Poco::XML::XMLReader::PROPERTY_LEXICAL_HANDLER,
                     static_cast<Poco::XML::LexicalHandler*>(&builder));
  try {
    parser.parseMemoryNP(xml.data(), xml.size());
  } catch (const Poco::XML::SAXParseException& e) {
    if (builder.pending()) throw *builder.pending();
    throw Error(ErrorKind::BadRequest, "invalid_xml",
                "malformed XML at line " + std::to_string(e.getLineNumber()) + ", column " +
                    std::to_string(e.getColumnNumber()) + ": " + e.message());
  } catch (const Poco::Exception& e) {
    if (builder.pending()) throw *builder.pending();
    throw Error(ErrorKind::BadRequest, "invalid_xml", "malformed XML: " + e.message());
  }
  auto root = builder.take();
  if (!root) throw Error(ErrorKind::BadRequest, "invalid_xml", "no root element");
  if (root->name != "edXML") throw invalid("/" + root->name, "the root element must be edXML");
  return root;
}

// Navigation with paths for error messages.
class Cursor {
public:
  Cursor(const Node* n, std::string path) : n_(n), path_(std::move(path)) {}
  const std::string& path() const { return path_; }
  std::optional<Cursor> opt(const std::string& name) const {
    for (const auto& c : n_->children)
      if (c->name == name) return Cursor(c.get(), path_ + "/" + name);
    return std::nullopt;
  }
  Cursor need(const std::string& name) const {
    auto c = opt(name);
    if (!c) throw invalid(path_ + "/" + name, "missing element " + name);
    return *c;
  }
  std::vector<Cursor> all(const std::string& name) const {
    std::vector<Cursor> out;
    for (const auto& c : n_->children)
      if (c->name == name) out.emplace_back(c.get(), path_ + "/" + name);
    return out;
  }
  std::string text() const { return std::string(util::trim(n_->text)); }
  const std::string& rawText() const { return n_->text; }
  // Text of a child; required ones must be present and non-empty.
  std::string str(const std::string& name, bool required, std::size_t maxBytes = 4000) const {
    auto c = required ? std::optional(need(name)) : opt(name);
    if (!c) return "";
    std::string t = c->text();
    if (required && t.empty()) throw invalid(c->path(), name + " is empty");
    if (t.size() > maxBytes)
      throw invalid(c->path(), name + " is longer than " + std::to_string(maxBytes) + " bytes");
    return t;
  }
  std::optional<std::int64_t> integer(const std::string& name, std::int64_t min,
                                      std::int64_t max) const {
    auto c = opt(name);
    if (!c || c->text().empty()) return std::nullopt;
    auto v = util::parseInt(c->text());
    if (!v || *v < min || *v > max)
      throw invalid(c->path(), name + " must be a number from " + std::to_string(min) + " to " +
                                   std::to_string(max));
    return v;
  }
  std::string date(const std::string& name, bool required) const {
    std::string t = str(name, required, 40);
    if (t.empty()) return "";
    auto d = fromEdxmlDate(t);
    if (!d) throw invalid(path_ + "/" + name, name + " must be a date YYYY/MM/DD");
    return *d;
  }

private:
  const Node* n_;
  std::string path_;
};

Organ organ(const Cursor& c, bool requireName) {
  Organ o;
  o.organId = c.str("OrganId", true, 191);
  o.organName = c.str("OrganName", requireName, 255);
  o.organAdd = c.str("OrganAdd", false, 255);
  o.email = c.str("Email", false, 255);
  o.telephone = c.str("Telephone", false, 64);
  return o;
}

std::string decodeBase64(const Cursor& c, std::size_t maxBytes) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0, pad = 0;
  std::size_t symbols = 0;
  for (char ch : c.rawText()) {
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') continue;
    ++symbols;
    if (ch == '=') {
      ++pad;
      continue;
    }
    auto v = kAlphabet.find(ch);
    if (v == std::string_view::npos || pad > 0) throw invalid(c.path(), "not valid base64");
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
      if (out.size() > maxBytes)
        throw Error(ErrorKind::PayloadTooLarge, "attachment_too_large",
                    "an attachment is larger than " + std::to_string(maxBytes) + " bytes at " +
                        c.path(),
                    c.path());
    }
  }
  if (symbols % 4 != 0 || pad > 2) throw invalid(c.path(), "not valid base64 (length)");
  return out;
}

}  // namespace

Envelope parseEnvelope(std::string_view xml, const Limits& limits) {
  auto root = parseTree(xml, limits);
  Cursor top(root.get(), "/edXML");
  Cursor header = top.need("edXMLEnvelope").need("edXMLHeader");
  Cursor m = header.need("MessageHeader");
  Envelope e;
  e.from = organ(m.need("From"), true);
  for (const auto& to : m.all("To"))
    e.to.push_back(organ(to, false));
  if (e.to.empty()) m.need("To");
  Cursor code = m.need("Code");
  e.codeNumber = code.str("CodeNumber", false, 64);
  e.codeNotation = code.str("CodeNotation", true, 128);
  Cursor prom = m.need("PromulgationInfo");
  e.place = prom.str("Place", false, 255);
  e.promulgationDate = prom.date("PromulgationDate", true);
  Cursor type = m.need("DocumentType");
  e.type = static_cast<int>(type.integer("Type", 0, 99).value_or(1));
  e.typeDetail = static_cast<int>(type.integer("TypeDetail", 0, 9999).value_or(0));
  e.typeName = type.str("TypeName", true, 64);
  e.subject = m.str("Subject", true, 4000);
  e.content = m.str("Content", false, 100000);
  if (auto s = m.opt("SignerInfo")) {
    e.signerCompetence = s->str("Competence", false, 64);
    e.signerPosition = s->str("Position", false, 255);
    e.signerFullName = s->str("FullName", false, 255);
  }
  e.dueDate = m.date("DueDate", false);
  if (auto places = m.opt("ToPlaces"))
    for (const auto& p : places->all("Place"))
      e.toPlaces.push_back(p.text());
  if (auto other = m.opt("OtherInfo")) {
    e.priority = static_cast<int>(other->integer("Priority", 0, 4).value_or(0));
    e.sphereOfPromulgation = other->str("SphereOfPromulgation", false, 255);
    e.promulgationAmount = other->integer("PromulgationAmount", 1, 100000);
    e.pageAmount = other->integer("PageAmount", 1, 100000);
  }
  e.steeringType = static_cast<int>(m.integer("SteeringType", 0, 9).value_or(0));
  e.documentId = m.str("DocumentId", true, 512);
  if (auto traces = header.opt("TraceHeaderList")) {
    for (const auto& t : traces->all("TraceHeader"))
      e.traces.push_back({t.str("OrganId", false, 191), t.str("Timestamp", false, 40)});
    if (auto b = traces->opt("Bussiness")) {
      e.businessDocType = static_cast<int>(b->integer("BussinessDocType", 0, 9).value_or(0));
      e.businessDocReason = b->str("BussinessDocReason", false, 4000);
    }
  }
  if (auto encoded = top.opt("AttachmentEncoded")) {
    auto list = encoded->all("Attachment");
    if (list.size() > limits.maxAttachments)
      throw invalid(encoded->path(),
                    "more than " + std::to_string(limits.maxAttachments) + " attachments");
    for (const auto& a : list) {
      Attachment att;
      att.contentId = a.str("ContentId", true, 255);
      att.name = a.str("AttachmentName", true, 255);
      att.contentType = util::toLowerAscii(a.str("ContentType", true, 255));
      att.description = a.str("Description", false, 1000);
      att.bytes = decodeBase64(a.need("ContentTransferEncoded"), limits.maxAttachmentBytes);
      if (att.bytes.empty())
        throw invalid(a.path() + "/ContentTransferEncoded", "the attachment is empty");
      e.attachments.push_back(std::move(att));
    }
  }
  return e;
}

StatusMessage parseStatus(std::string_view xml, const Limits& limits) {
  auto root = parseTree(xml, limits);
  Cursor top(root.get(), "/edXML");
  Cursor st = top.need("edXMLEnvelope").need("edXMLHeader").need("Status");
  StatusMessage s;
  Cursor rf = st.need("ResponseFor");
  s.responseForOrganId = rf.str("OrganId", true, 191);
  if (auto code = rf.opt("Code")) {
    s.responseForCodeNumber = code->str("CodeNumber", false, 64);
    s.responseForCodeNotation = code->str("CodeNotation", false, 128);
  }
  s.responseForDate = rf.date("PromulgationDate", false);
  s.responseForDocumentId = rf.str("DocumentId", true, 512);
  s.from = organ(st.need("From"), false);
  s.statusCode = st.str("StatusCode", true, 8);
  if (!findStatus(s.statusCode))
    throw invalid(st.path() + "/StatusCode", "unknown status code " + s.statusCode);
  s.description = st.str("Description", false, 4000);
  s.timestamp = st.str("Timestamp", false, 40);
  if (auto staff = st.opt("StaffInfo")) {
    s.staffDepartment = staff->str("Department", false, 255);
    s.staffName = staff->str("Staff", false, 255);
    s.staffEmail = staff->str("Email", false, 255);
    s.staffMobile = staff->str("Mobile", false, 64);
  }
  return s;
}

}  // namespace chancery::service::edxml
