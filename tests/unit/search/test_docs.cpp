#include "test_docs.h"

#include <algorithm>
#include <random>

namespace chancery::search::testing {

TempDir::TempDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          ("chancery-search-" + std::to_string(random()) + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

namespace {

Document publicDoc(std::string id, std::string type, std::string number, std::string notation,
                   std::string title, std::string issuer, std::string signer, std::string date,
                   std::string text) {
  Document d;
  d.id = std::move(id);
  d.type = std::move(type);
  d.number = std::move(number);
  d.notation = std::move(notation);
  d.title = std::move(title);
  d.issuer = std::move(issuer);
  d.signer = std::move(signer);
  d.date = std::move(date);
  d.text = std::move(text);
  d.access.isPublic = true;
  d.revision = "r1";
  return d;
}

} // namespace

std::vector<Document> sampleDocuments() {
  std::vector<Document> docs;
  docs.push_back(publicDoc(
      "nd-30", "Nghị định", "30/2020/NĐ-CP", "", "Về công tác văn thư", "Chính phủ",
      "Nguyễn Xuân Phúc", "2020-03-05",
      "Nghị định này quy định về công tác văn thư và quản lý nhà nước về công tác văn thư. "
      "Văn bản hành chính phải được trình bày theo thể thức quy định tại Phụ lục I."));
  docs.push_back(
      publicDoc("qd-123", "Quyết định", "123", "QĐ-UBND",
                "Quyết định phê duyệt danh mục hồ sơ lưu trữ năm 2021",
                "Ủy ban nhân dân tỉnh Bắc An", "Trần Thị B", "15/01/2021",
                "Điều 1. Phê duyệt danh mục hồ sơ lưu trữ của các cơ quan, tổ chức thuộc tỉnh. "
                "Điều 2. Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này."));
  Document meeting = publicDoc(
      "cv-45", "Công văn", "45", "CV-VP", "Về việc tổ chức kỳ họp thứ năm Hội đồng nhân dân",
      "Văn phòng Hội đồng nhân dân tỉnh", "Lê Văn C", "2022-06-10",
      "Văn phòng đề nghị các đại biểu nghiên cứu tài liệu trước kỳ họp. Lưu trữ tài liệu hồ "
      "sơ kỳ họp theo quy định.");
  meeting.meetingIds = {"m-5"};
  meeting.agendaItemIds = {"a-5-1"};
  meeting.urgency = "Khẩn";
  meeting.status = "issued";
  meeting.registerName = "Sổ công văn đi";
  docs.push_back(meeting);
  // Minimal pairs for diacritic ranking: bản / bạn / ban.
  docs.push_back(publicDoc("tb-ban", "Thông báo", "7", "TB-VP", "Thông báo về bản sao văn bản",
                           "Văn phòng", "Phạm Văn D", "2019-05-01",
                           "Bản sao được cấp từ sổ gốc có giá trị sử dụng thay cho bản chính."));
  docs.push_back(publicDoc("tb-ban2", "Thông báo", "8", "TB-VP", "Thông báo gửi các bạn đoàn viên",
                           "Văn phòng", "Phạm Văn D", "2019-06-01",
                           "Các bạn đoàn viên tham gia sinh hoạt theo lịch."));
  docs.push_back(publicDoc("tb-ban3", "Thông báo", "9", "TB-VP", "Thông báo của ban tổ chức",
                           "Văn phòng", "Phạm Văn D", "2019-07-01",
                           "Ban tổ chức thông báo lịch sinh hoạt."));

  Document unit =
      publicDoc("dt-unit", "Kế hoạch", "12", "KH-STC", "Dự toán ngân sách năm 2023", "Sở Tài chính",
                "Ngô Văn E", "2022-11-20", "Dự toán thu chi ngân sách địa phương năm 2023.");
  unit.access = Access{false, {"unit-tc"}, {}, {}, Secrecy::None};
  docs.push_back(unit);
  Document user =
      publicDoc("to-user", "Tờ trình", "3", "TTr-VP", "Tờ trình về nhân sự", "Văn phòng",
                "Đỗ Văn G", "2023-01-09", "Đề xuất điều động cán bộ phụ trách hồ sơ.");
  user.access = Access{false, {}, {"u-42"}, {}, Secrecy::None};
  docs.push_back(user);
  Document role = publicDoc("bb-role", "Biên bản", "1", "BB-HĐND", "Biên bản họp kín",
                            "Thường trực Hội đồng nhân dân", "Vũ Văn H", "2023-02-02",
                            "Nội dung thảo luận về kỳ họp bất thường.");
  role.access = Access{false, {}, {}, {"council-member"}, Secrecy::None};
  docs.push_back(role);
  Document secret =
      publicDoc("bc-mat", "Báo cáo", "5", "BC-CA", "Báo cáo tình hình an ninh khu vực biên giới",
                "Công an tỉnh", "Hoàng Văn K", "2023-03-03",
                "Kế hoạch hoptacbimat với lực lượng biên phòng. Quyết định tăng cường tuần tra.");
  secret.access = Access{false, {"unit-an-ninh"}, {"u-42"}, {}, Secrecy::Confidential};
  docs.push_back(secret);
  return docs;
}

void SampleIndexTest::SetUp() {
  index_.emplace(dir_.path(), Index::Mode::Writable);
  for (const Document &doc : sampleDocuments())
    index_->upsert(doc);
  index_->commit();
}

bool SampleIndexTest::has(const SearchResults &results, const std::string &id) {
  const auto list = ids(results);
  return std::find(list.begin(), list.end(), id) != list.end();
}

Principal anyone() {
  return Principal{"u-1", {"unit-x"}, {}, Secrecy::None};
}

std::vector<std::string> ids(const SearchResults &results) {
  std::vector<std::string> out;
  for (const Hit &hit : results.hits)
    out.push_back(hit.id);
  return out;
}

SearchResults find(const Index &index, const std::string &query, const Principal &who,
                   SearchRequest request) {
  request.query = query;
  return index.search(request, who);
}

} // namespace chancery::search::testing
