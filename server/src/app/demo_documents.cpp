#include "app/demo_documents.h"

#include "app/demo_keys.h"
#include "app/runtime.h"
#include "service/calendar.h"
#include "service/pdf_table.h"
#include "store/user_store.h"
#include "util/log.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace chancery::app {
namespace {

namespace fs = std::filesystem;
using service::calendar::addDays;
using service::calendar::today;

std::optional<fs::path> samplesDir() {
  if (const char* env = std::getenv("CHANCERY_SAMPLES_DIR"); env && fs::is_directory(env))
    return fs::path(env);
#ifdef CHANCERY_SOURCE_DIR
  // ../shared next to the checkout; from a git worktree, further up.
  for (fs::path dir = CHANCERY_SOURCE_DIR; dir.has_parent_path() && dir != dir.parent_path();
       dir = dir.parent_path())
    if (fs::is_directory(dir / "shared" / "pdfs-vi")) return dir / "shared" / "pdfs-vi";
#endif
  return std::nullopt;
}

// A sample PDF: the named file from the samples, or a generated page with the subject.
std::string samplePdf(const std::string& file, const std::string& subject) {
  if (auto dir = samplesDir()) {
    std::ifstream in(*dir / file, std::ios::binary);
    if (in) {
      std::ostringstream s;
      s << in.rdbuf();
      return s.str();
    }
  }
  service::pdf::TableDocument t;
  t.landscape = false;
  t.heading = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"};
  t.title = subject;
  t.subtitle = "Văn bản mẫu phục vụ trình diễn — không có giá trị pháp lý";
  t.columns = {{"Nội dung", 180}};
  t.rows = {{"Văn bản mẫu do chancery demo tạo ra vì không tìm thấy thư mục ../shared/pdfs-vi."}};
  return service::pdf::renderTable(t);
}

class Demo {
public:
  explicit Demo(Runtime& rt) : rt_(rt), s_(rt.services()) {}

  service::Principal as(const std::string& username) {
    auto lease = rt_.db().acquire();
    auto u = store::users::findByUsername(*lease, username);
    if (!u)
      throw std::runtime_error("demo user " + username +
                               " is missing; load demo.organisation first");
    service::Principal p;
    p.userId = u->id;
    p.username = u->username;
    p.fullName = u->fullName;
    p.unitId = u->unitId;
    for (const auto& r : u->roles)
      if (auto role = service::parseRole(r)) p.roles.push_back(*role);
    p.clientAddr = "demo";
    return p;
  }

  std::int64_t file(const service::Principal& who, const std::string& sample,
                    const std::string& name, const std::string& subject) {
    std::string bytes = samplePdf(sample, subject);
    std::istringstream in(bytes);
    return s_.files
        .upload(who, name, "application/pdf", in, static_cast<std::int64_t>(bytes.size()) + 1)
        .id;
  }

  std::int64_t incoming(const std::string& sample, const std::string& type,
                        const std::string& number, const std::string& notation,
                        const std::string& subject, const std::string& issuer, int daysAgo,
                        const std::string& urgency = "normal",
                        const std::string& secrecy = "none") {
    auto clerk = as("vanthu");
    service::NewIncoming in;
    in.fileId = file(clerk, sample, notation + ".pdf", subject);
    in.fields.docType = type;
    in.fields.number = number;
    in.fields.notation = notation;
    in.fields.subject = subject;
    in.fields.issuer = issuer;
    in.fields.sender = issuer;
    in.fields.issuedDate = addDays(today(), -daysAgo - 2).str();
    in.fields.receivedDate = addDays(today(), -daysAgo).str();
    in.fields.urgency = urgency;
    in.fields.secrecy = secrecy;
    return s_.documents.registerIncoming(clerk, in).doc.id;
  }

  std::int64_t user(const std::string& username) { return as(username).userId; }

  std::int64_t fileFromBytes(const service::Principal& who, const std::string& bytes,
                             const std::string& name) {
    std::istringstream in(bytes);
    return s_.files
        .upload(who, name, "application/pdf", in, static_cast<std::int64_t>(bytes.size()) + 1)
        .id;
  }

  std::filesystem::path keysDir() const {
    const auto& dir = rt_.config().documents.signing.keysDir;
    return dir.empty() ? rt_.config().dataDir / "keys" : dir;
  }

  std::string organisation() const {
    const auto& name = rt_.config().documents.organisationName;
    return name.empty() ? "Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc An" : name;
  }

  Runtime& rt_;
  service::Services& s_;
};

}  // namespace

std::string demoDocuments(Runtime& rt) {
  Demo d(rt);
  auto clerk = d.as("vanthu");
  auto leader = d.as("lanhdao");
  auto specialist = d.as("chuyenvien");
  auto secretary = d.as("thuky");
  const std::string province = "UBND tỉnh Bắc An";
  int incoming = 0, outgoing = 0;

  // Incoming documents, one per state of their handling, registered in the order they came in
  // (số đến follow the order of receipt).
  auto overdue =
      d.incoming("12-scan-cong-van-2-trang.pdf", "cong_van", "87", "SGDĐT-VP",
                 "V/v rà soát số liệu trường lớp (bản quét)", "Sở Giáo dục và Đào tạo", 12);
  d.s_.flows.assign(leader, overdue,
                    {"Khẩn trương rà soát, báo cáo.",
                     specialist.userId,
                     {secretary.userId},
                     addDays(today(), -3).str()});
  d.s_.flows.progress(secretary, overdue, "Đã nhận số liệu của 3/5 huyện.");
  auto done = d.incoming("02-nghi-quyet-HDTP-6-trang.pdf", "nghi_quyet", "02", "2019/NQ-HĐTP",
                         "Hướng dẫn áp dụng một số quy định của Bộ luật Hình sự",
                         "Hội đồng Thẩm phán TANDTC", 9);
  d.s_.flows.assign(
      leader, done,
      {"Sao gửi các đại biểu nghiên cứu.", secretary.userId, {}, addDays(today(), 3).str()});
  d.s_.flows.complete(secretary, done, "Đã sao gửi đại biểu và lưu hồ sơ.", std::nullopt);
  auto inProgress = d.incoming(
      "10-thong-tu-BYT-5-trang-noto-serif.pdf", "thong_tu", "25", "2019/TT-BYT",
      "Quy định truy xuất nguồn gốc sản phẩm thực phẩm thuộc lĩnh vực y tế", "Bộ Y tế", 6);
  d.s_.flows.assign(leader, inProgress,
                    {"Nghiên cứu, đề xuất văn bản triển khai.",
                     specialist.userId,
                     {},
                     addDays(today(), 2).str()});
  d.s_.flows.progress(specialist, inProgress, "Đã xin ý kiến các phòng chuyên môn; đang tổng hợp.");
  auto assigned =
      d.incoming("01-quyet-dinh-1-trang.pdf", "quyet_dinh", "1024", "QĐ-UBND",
                 "Về việc phê duyệt kế hoạch cải cách hành chính năm 2026", province, 2);
  d.s_.flows.assign(leader, assigned,
                    {"Giao chuyên viên Minh chủ trì, phối hợp với thư ký kỳ họp tham mưu.",
                     specialist.userId,
                     {secretary.userId},
                     addDays(today(), 5).str()});
  auto presented = d.incoming("08-giay-moi-A5-ngang.pdf", "giay_moi", "36", "GM-SNV",
                              "Mời dự hội nghị tập huấn công tác văn thư, lưu trữ",
                              "Sở Nội vụ tỉnh Bắc An", 1, "urgent");
  d.s_.flows.present(clerk, presented, leader.userId,
                     "Kính trình Chánh Văn phòng cho ý kiến chỉ đạo.");
  auto secret = d.incoming("06-quyet-dinh-TTg-PDFA-2b.pdf", "quyet_dinh", "10", "2021/QĐ-TTg",
                           "Văn bản mật (trình diễn): chỉ người có tên mới đọc được",
                           "Thủ tướng Chính phủ", 1, "very_urgent", "confidential");
  d.s_.flows.present(clerk, secret, leader.userId, "");
  d.incoming("04-cong-van-co-bang.pdf", "cong_van", "215", "UBND-VX",
             "V/v báo cáo tình hình thực hiện chương trình giáo dục năm học 2025–2026", province,
             0);
  incoming = 7;  // the last one stays registered, waiting to be presented

  // Outgoing: one through draft, approval, the leader's signature and electronic issue with
  // number, date and seal; one under review; one approved, awaiting the leader's signature;
  // one issued on paper with number and date.
  auto draftBytes = [&](const std::string& bytes, const std::string& type,
                        const std::string& subject) {
    service::NewOutgoing n;
    n.fileId = d.fileFromBytes(specialist, bytes, "du-thao.pdf");
    n.fields.docType = type;
    n.fields.subject = subject;
    n.fields.recipients = "- Thường trực HĐND tỉnh;\n- Các Ban HĐND tỉnh;\n- Lưu: VT.";
    n.fields.place = "Bắc An";
    n.approverId = leader.userId;
    ++outgoing;
    return d.s_.documents.createDraft(specialist, n).doc.id;
  };
  auto draft = [&](const std::string& sample, const std::string& type, const std::string& subject) {
    return draftBytes(samplePdf(sample, subject), type, subject);
  };
  const std::string office = "VĂN PHÒNG ĐOÀN ĐBQH VÀ HĐND TỈNH BẮC AN";
  ensureDemoKeys(d.keysDir(), "lanhdao", leader.fullName, d.organisation());
  auto sealed = draftBytes(
      demoDecisionPdf(office, "Về việc thành lập Tổ giúp việc kỳ họp thứ mười hai HĐND tỉnh khóa X",
                      "Điều 1. Thành lập Tổ giúp việc kỳ họp thứ mười hai Hội đồng nhân dân tỉnh "
                      "khóa X gồm các ông, bà có tên trong danh sách kèm theo.\n\nĐiều 2. Tổ giúp "
                      "việc có nhiệm vụ chuẩn bị tài liệu, phục vụ kỳ họp và tự giải thể sau khi "
                      "hoàn thành nhiệm vụ.\n\nĐiều 3. Quyết định này có hiệu lực kể từ ngày ký."),
      "quyet_dinh", "Về việc thành lập Tổ giúp việc kỳ họp thứ mười hai HĐND tỉnh khóa X");
  d.s_.flows.submit(specialist, sealed, std::nullopt, "Kính trình Chánh Văn phòng.");
  d.s_.flows.approve(leader, sealed, "Đồng ý.");
  d.s_.flows.sign(leader, sealed);
  service::IssueRequest electronic;
  electronic.recipientUnitIds = {*d.as("chutoa").unitId};
  d.s_.flows.issue(clerk, sealed, electronic);
  auto inReview = draft("09-ke-hoach-tagged-nhieu-bang.pdf", "ke_hoach",
                        "Kế hoạch tổ chức kỳ họp thứ mười hai HĐND tỉnh khóa X");
  d.s_.flows.submit(specialist, inReview, std::nullopt, "Kính trình lãnh đạo xem xét.");
  d.s_.flows.comment(leader, inReview, "Bổ sung phân công chuẩn bị tài liệu cho các tổ đại biểu.");
  auto approved =
      draft("05-bao-cao-co-hinh-anh.pdf", "bao_cao", "Báo cáo kết quả giám sát chuyên đề năm 2026");
  d.s_.flows.submit(specialist, approved, std::nullopt, "");
  d.s_.flows.approve(leader, approved, "Đồng ý ban hành.");
  auto paper = draft("07-phieu-yeu-cau-bieu-mau-dien.pdf", "thong_bao",
                     "Thông báo lịch tiếp công dân của Thường trực HĐND tỉnh tháng 12");
  d.s_.flows.submit(specialist, paper, std::nullopt, "");
  d.s_.flows.approve(leader, paper, "");
  service::IssueRequest issue;
  issue.form = "paper";
  issue.recipientUnitIds = {*d.as("chutoa").unitId};
  d.s_.flows.issue(clerk, paper, issue);

  service::RecordFields record;
  record.code = "01.VP/" + std::to_string(today().year);
  record.title = "Hồ sơ chuẩn bị kỳ họp thứ mười hai HĐND tỉnh";
  record.retentionYears = 0;
  auto r = d.s_.records.create(clerk, record);
  d.s_.records.addDocument(clerk, r.record.id, inReview);
  d.s_.records.addDocument(clerk, r.record.id, done);
  d.s_.records.addDocument(clerk, r.record.id, paper);
  return std::to_string(incoming) + " incoming and " + std::to_string(outgoing) +
         " outgoing documents";
}

}  // namespace chancery::app
