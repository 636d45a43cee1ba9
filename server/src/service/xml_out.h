#pragma once
// A small XML writer for the documents we produce (edXML envelopes, record exports): UTF-8,
// escaped text and attributes, and elements closed in order. Input text is UTF-8 that the
// services validated; characters XML 1.0 cannot carry are dropped rather than written.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chancery::service {

class XmlOut {
public:
  XmlOut() { out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"; }

  XmlOut& open(std::string_view name,
               const std::vector<std::pair<std::string, std::string>>& attributes = {}) {
    out_ += '<';
    out_ += name;
    for (const auto& [k, v] : attributes) {
      out_ += ' ';
      out_ += k;
      out_ += "=\"";
      escape(v, true);
      out_ += '"';
    }
    out_ += '>';
    stack_.emplace_back(name);
    return *this;
  }
  XmlOut& close() {
    out_ += "</";
    out_ += stack_.back();
    out_ += '>';
    stack_.pop_back();
    return *this;
  }
  XmlOut& text(std::string_view s) {
    escape(s, false);
    return *this;
  }
  // <name>text</name>
  XmlOut& leaf(std::string_view name, std::string_view s) { return open(name).text(s).close(); }
  XmlOut& raw(std::string_view s) {
    out_ += s;
    return *this;
  }
  std::string take() { return std::move(out_); }

private:
  void escape(std::string_view s, bool attribute) {
    for (char ch : s) {
      auto u = static_cast<unsigned char>(ch);
      if (u < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') continue;
      switch (ch) {
      case '&':
        out_ += "&amp;";
        break;
      case '<':
        out_ += "&lt;";
        break;
      case '>':
        out_ += "&gt;";
        break;
      case '"':
        out_ += attribute ? "&quot;" : "\"";
        break;
      case '\r':
        out_ += "&#13;";
        break;
      default:
        out_ += ch;
      }
    }
  }
  std::string out_;
  std::vector<std::string> stack_;
};

}  // namespace chancery::service
