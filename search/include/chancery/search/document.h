#pragma once
// One archive document as the server hands it to the index. All strings are UTF-8; the index
// NFC-normalises them itself, so callers need not.

#include "chancery/search/access.h"

#include <string>
#include <vector>

namespace chancery::search {

struct Document {
  std::string id;       // external id (the server's primary key); unique, non-empty, ≤ 200 bytes
  std::string revision; // the server's version stamp (e.g. updated_at), kept for reconciling
  std::string number;   // số, e.g. "30/2020/NĐ-CP" or "123"
  std::string notation; // ký hiệu, e.g. "NĐ-CP", "QĐ-UBND"; may be empty when in number
  std::string type;     // loại văn bản, e.g. "Nghị định"
  std::string title;    // trích yếu
  std::string issuer;   // cơ quan ban hành
  std::string signer;   // người ký
  std::string date;     // ngày ban hành: "YYYY-MM-DD" or "dd/mm/yyyy"; empty when unknown
  std::string urgency;  // độ khẩn: "Khẩn", "Thượng khẩn", "Hỏa tốc" or empty
  std::string status;   // e.g. "draft", "issued", "archived"
  std::string registerName;               // sổ văn bản (register) the document is entered in
  std::vector<std::string> meetingIds;    // meetings the document belongs to
  std::vector<std::string> agendaItemIds; // agenda items it is attached to
  std::string text;                       // full text (extracted or typed)
  Access access;
};

} // namespace chancery::search
