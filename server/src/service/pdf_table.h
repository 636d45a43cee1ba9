#pragma once
// Renders a titled table as a PDF with cairo and pango (Vietnamese shaping, fonts-liberation):
// the printed register books (sổ đăng ký văn bản đến / đi, Decree 30 appendix IV) and the
// cover sheet of a record bundle. Header rows repeat on every page; rows never split.

#include <string>
#include <vector>

namespace chancery::service::pdf {

struct TableColumn {
  std::string title;
  double widthMm = 20;
};

struct TableDocument {
  std::vector<std::string> heading;  // centred lines above the table; the first in bold
  std::string title;                 // e.g. "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
  std::string subtitle;              // e.g. "Từ ngày 01/01/2026 đến ngày 31/01/2026"
  std::vector<TableColumn> columns;
  std::vector<std::vector<std::string>> rows;
  std::string emptyText = "(không có văn bản)";
  bool landscape = true;
  std::string metadataTitle;
};

// Throws std::runtime_error when cairo fails.
std::string renderTable(const TableDocument& doc);

}  // namespace chancery::service::pdf
