#include "service/document_types.h"

#include <array>

namespace chancery::service {
namespace {

// Decree 30/2020/NĐ-CP art. 7 (the 29 administrative types) and appendix III (abbreviations).
// Công văn and thư công have no abbreviation: their ký hiệu names the organisation and the
// drafting unit instead. After them, the legal documents (Law on Promulgation of Legal
// Documents 2015) an office receives but does not issue.
constexpr std::array<DocumentType, 38> kTypes{{
    {"nghi_quyet", "Nghị quyết", "NQ", true},
    {"quyet_dinh", "Quyết định", "QĐ", true},
    {"chi_thi", "Chỉ thị", "CT", true},
    {"quy_che", "Quy chế", "QC", true},
    {"quy_dinh", "Quy định", "QyĐ", true},
    {"thong_cao", "Thông cáo", "TC", true},
    {"thong_bao", "Thông báo", "TB", true},
    {"huong_dan", "Hướng dẫn", "HD", true},
    {"chuong_trinh", "Chương trình", "CTr", true},
    {"ke_hoach", "Kế hoạch", "KH", true},
    {"phuong_an", "Phương án", "PA", true},
    {"de_an", "Đề án", "ĐA", true},
    {"du_an", "Dự án", "DA", true},
    {"bao_cao", "Báo cáo", "BC", true},
    {"bien_ban", "Biên bản", "BB", true},
    {"to_trinh", "Tờ trình", "TTr", true},
    {"hop_dong", "Hợp đồng", "HĐ", true},
    {"cong_van", "Công văn", "", true},
    {"cong_dien", "Công điện", "CĐ", true},
    {"ban_ghi_nho", "Bản ghi nhớ", "BGN", true},
    {"ban_thoa_thuan", "Bản thỏa thuận", "BTT", true},
    {"giay_uy_quyen", "Giấy ủy quyền", "GUQ", true},
    {"giay_moi", "Giấy mời", "GM", true},
    {"giay_gioi_thieu", "Giấy giới thiệu", "GGT", true},
    {"giay_nghi_phep", "Giấy nghỉ phép", "GNP", true},
    {"phieu_gui", "Phiếu gửi", "PG", true},
    {"phieu_chuyen", "Phiếu chuyển", "PC", true},
    {"phieu_bao", "Phiếu báo", "PB", true},
    {"thu_cong", "Thư công", "", true},
    {"hien_phap", "Hiến pháp", "", false},
    {"bo_luat", "Bộ luật", "", false},
    {"luat", "Luật", "", false},
    {"phap_lenh", "Pháp lệnh", "", false},
    {"lenh", "Lệnh", "L", false},
    {"nghi_dinh", "Nghị định", "NĐ", false},
    {"thong_tu", "Thông tư", "TT", false},
    {"thong_tu_lien_tich", "Thông tư liên tịch", "TTLT", false},
    {"nghi_quyet_lien_tich", "Nghị quyết liên tịch", "NQLT", false},
}};

constexpr std::array<std::string_view, 4> kUrgency{"normal", "urgent", "very_urgent", "flash"};
constexpr std::array<std::string_view, 4> kUrgencyLabel{"Thường", "Khẩn", "Thượng khẩn", "Hỏa tốc"};
constexpr std::array<std::string_view, 4> kSecrecy{"none", "confidential", "secret", "top_secret"};
constexpr std::array<std::string_view, 4> kSecrecyLabel{"", "Mật", "Tối mật", "Tuyệt mật"};
constexpr std::array<std::string_view, 11> kStatus{
    "draft",     "in_review", "approved",    "signed", "issued", "registered",
    "presented", "assigned",  "in_progress", "done",   "revoked"};

template <class E, std::size_t N>
std::optional<E> parseIn(const std::array<std::string_view, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

}  // namespace

std::span<const DocumentType> documentTypes() {
  return kTypes;
}

const DocumentType* findDocumentType(std::string_view s) {
  for (const auto& t : kTypes)
    if (t.code == s || t.name == s) return &t;
  return nullptr;
}

std::string defaultNotation(const DocumentType& type, std::string_view organisationCode) {
  if (type.abbreviation.empty()) return std::string(organisationCode);
  return std::string(type.abbreviation) + "-" + std::string(organisationCode);
}

std::string_view urgencyName(Urgency u) {
  return kUrgency.at(static_cast<std::size_t>(u));
}
std::optional<Urgency> parseUrgency(std::string_view s) {
  return parseIn<Urgency>(kUrgency, s);
}
std::string_view urgencyLabel(Urgency u) {
  return kUrgencyLabel.at(static_cast<std::size_t>(u));
}
std::string_view secrecyName(Secrecy s) {
  return kSecrecy.at(static_cast<std::size_t>(s));
}
std::optional<Secrecy> parseSecrecy(std::string_view s) {
  return parseIn<Secrecy>(kSecrecy, s);
}
std::string_view secrecyLabel(Secrecy s) {
  return kSecrecyLabel.at(static_cast<std::size_t>(s));
}

std::string_view directionName(Direction d) {
  return d == Direction::Incoming ? "incoming" : "outgoing";
}
std::optional<Direction> parseDirection(std::string_view s) {
  if (s == "incoming") return Direction::Incoming;
  if (s == "outgoing") return Direction::Outgoing;
  return std::nullopt;
}

std::string_view statusName(DocStatus s) {
  return kStatus.at(static_cast<std::size_t>(s));
}
std::optional<DocStatus> parseStatus(std::string_view s) {
  return parseIn<DocStatus>(kStatus, s);
}

}  // namespace chancery::service
