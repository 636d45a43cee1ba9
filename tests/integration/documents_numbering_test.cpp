// Registers and numbering on both backends: numbers given by parallel HTTP requests are unique
// and consecutive, secret documents have their own series, numbers restart with the year, an
// explicit number cannot be taken twice, and registering the same document twice warns.
#include "documents_support.h"
#include "service/calendar.h"
#include "store/register_store.h"

#include <algorithm>
#include <thread>

using namespace chancery;
using namespace chancery::testing;

class Numbering : public DocsTest {
protected:
  std::int64_t lastNumber(std::int64_t registerId, std::int64_t year) {
    auto lease = server_->runtime().db().acquire();
    return store::registers::lastNumber(*lease, registerId, year).value_or(0);
  }
  // Every number of the register and year, in order.
  std::vector<std::int64_t> numbers(std::int64_t registerId, std::int64_t year) {
    auto lease = server_->runtime().db().acquire();
    std::vector<std::int64_t> out;
    for (const auto& r : lease->query("SELECT number FROM register_entries WHERE register_id = ? "
                                      "AND year = ? ORDER BY number",
                                      {registerId, year}))
      out.push_back(r.getInt("number"));
    return out;
  }
  std::int64_t registerOf(std::int64_t documentId) {
    auto lease = server_->runtime().db().acquire();
    return lease->queryOne("SELECT register_id FROM documents WHERE id = ?", {documentId})
        ->getInt("register_id");
  }
  static void expectGapFree(const std::vector<std::int64_t>& all) {
    for (std::size_t i = 0; i < all.size(); ++i) {
      EXPECT_EQ(all[i], static_cast<std::int64_t>(i + 1)) << "gap or duplicate";
    }
  }
};

TEST_P(Numbering, ParallelRegistrationsGetUniqueConsecutiveNumbers) {
  constexpr int kThreads = 12, kPerThread = 3;
  auto first = registerIncoming();
  auto reg = registerOf(first);
  int year = service::calendar::today().year;
  auto start = lastNumber(reg, year);
  // Files and sessions first, so that the requests below race only for numbers.
  std::vector<std::unique_ptr<HttpClient>> clients;
  std::vector<std::vector<std::int64_t>> files(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    clients.push_back(std::make_unique<HttpClient>(server_->client()));
    ASSERT_EQ(clients.back()->login("vanthu").status, 200);
    for (int i = 0; i < kPerThread; ++i)
      files[t].push_back(upload(*clients.back(), sample("01-quyet-dinh-1-trang.pdf")));
  }
  std::vector<std::vector<std::int64_t>> got(kThreads);
  std::vector<std::vector<std::string>> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string body = R"({"fileId":)" + std::to_string(files[t][i]) +
                           R"(,"type":"cong_van","subject":"Song song )" + std::to_string(t) + "-" +
                           std::to_string(i) + R"(","issuer":"Sở )" + std::to_string(t) +
                           R"(","number":")" + std::to_string(i) + "\"}";
        auto r = clients[t]->postJson("/api/v1/documents/incoming", body);
        if (r.status != 201)
          failures[t].push_back(std::to_string(r.status) + " " + r.body);
        else
          got[t].push_back(r.json()->getObject("register")->getValue<Poco::Int64>("number"));
      }
    });
  for (auto& th : threads)
    th.join();
  std::vector<std::int64_t> all;
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_TRUE(failures[t].empty()) << failures[t].front();
    all.insert(all.end(), got[t].begin(), got[t].end());
  }
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kThreads * kPerThread));
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i], start + 1 + static_cast<std::int64_t>(i));
  }
  EXPECT_EQ(lastNumber(reg, year), start + kThreads * kPerThread);
  expectGapFree(numbers(reg, year));
}

TEST_P(Numbering, ParallelIssuesGetUniqueConsecutiveOutgoingNumbers) {
  constexpr int kDocs = 10;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < kDocs; ++i) {
    auto id = draft();
    post(as("chuyenvien"), "/api/v1/documents/" + std::to_string(id) + "/submit", "{}", 200);
    post(as("lanhdao"), "/api/v1/documents/" + std::to_string(id) + "/approve", "{}", 200);
    ids.push_back(id);
  }
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kDocs; ++i) {
    clients.push_back(std::make_unique<HttpClient>(server_->client()));
    ASSERT_EQ(clients.back()->login("vanthu").status, 200);
  }
  std::vector<std::int64_t> got(kDocs, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kDocs; ++i)
    threads.emplace_back([&, i] {
      auto r = clients[i]->postJson("/api/v1/documents/" + std::to_string(ids[i]) + "/issue",
                                    R"({"form":"paper"})");
      if (r.status == 200)
        got[i] = std::stoll(r.json()->getObject("document")->getValue<std::string>("number"));
    });
  for (auto& th : threads)
    th.join();
  auto reg = registerOf(ids[0]);
  auto all = numbers(reg, service::calendar::today().year);
  expectGapFree(all);
  std::sort(got.begin(), got.end());
  EXPECT_GT(got.front(), 0) << "an issue request failed";
  for (int i = 1; i < kDocs; ++i) {
    EXPECT_EQ(got[i], got[i - 1] + 1);
  }
}

TEST_P(Numbering, SecretDocumentsHaveTheirOwnSeries) {
  auto normal = registerIncoming();
  auto secret = registerIncoming(R"(,"secrecy":"secret")");
  auto normal2 = registerIncoming();
  EXPECT_NE(registerOf(normal), registerOf(secret));
  EXPECT_EQ(registerOf(normal), registerOf(normal2));
  int year = service::calendar::today().year;
  expectGapFree(numbers(registerOf(secret), year));
  auto n1 = detail(as("vanthu"), normal)->getObject("register")->getValue<Poco::Int64>("number");
  auto n2 = detail(as("vanthu"), normal2)->getObject("register")->getValue<Poco::Int64>("number");
  EXPECT_EQ(n2, n1 + 1) << "a secret registration takes no number from the ordinary series";
  EXPECT_EQ(jsonStr(detail(as("vanthu"), secret)->getObject("register"), "series"), "secret");
}

TEST_P(Numbering, NumbersRestartOnTheFirstOfJanuary) {
  auto today = service::calendar::today();
  std::string lastYearEnd = std::to_string(today.year - 1) + "-12-31";
  auto old = registerIncoming(R"(,"receivedDate":")" + lastYearEnd + "\"");
  auto reg = registerOf(old);
  auto prev = numbers(reg, today.year - 1);
  expectGapFree(prev);
  auto d = detail(as("vanthu"), old)->getObject("register");
  EXPECT_EQ(d->getValue<Poco::Int64>("year"), today.year - 1);
  EXPECT_EQ(d->getValue<Poco::Int64>("number"), static_cast<Poco::Int64>(prev.size()));
  auto now = registerIncoming();
  auto n = detail(as("vanthu"), now)->getObject("register");
  EXPECT_EQ(n->getValue<Poco::Int64>("year"), today.year);
  expectGapFree(numbers(reg, today.year));
}

TEST_P(Numbering, AnExplicitNumberCannotBeTakenTwice) {
  auto id = registerIncoming(R"(,"receivedNumber":500)");
  EXPECT_EQ(detail(as("vanthu"), id)->getObject("register")->getValue<Poco::Int64>("number"), 500);
  auto s = snapshot();
  auto fid = upload(as("vanthu"), sample("01-quyet-dinh-1-trang.pdf"));
  s = snapshot();
  auto r = as("vanthu").postJson(
      "/api/v1/documents/incoming",
      R"({"fileId":)" + std::to_string(fid) +
          R"(,"type":"cong_van","subject":"Lần hai","issuer":"Sở X","receivedNumber":500})");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.errorCode(), "number_taken");
  EXPECT_EQ(r.json()->getObject("error")->getValue<std::string>("field"), "receivedNumber");
  EXPECT_EQ(snapshot(), s);
  // The next automatic number follows the explicit one.
  auto next = registerIncoming();
  EXPECT_EQ(detail(as("vanthu"), next)->getObject("register")->getValue<Poco::Int64>("number"),
            501);
}

TEST_P(Numbering, RegisteringTheSameDocumentTwiceWarnsUnlessOverridden) {
  std::string same = R"(,"number":"77","notation":"UBND-KT")";
  auto first = registerIncoming(same);
  ASSERT_GT(first, 0);
  auto& clerk = as("vanthu");
  auto fid = upload(clerk, sample("01-quyet-dinh-1-trang.pdf"));
  std::string body =
      R"({"fileId":)" + std::to_string(fid) +
      R"(,"type":"cong_van","subject":"Bản gửi lại","issuer":"Sở Tài chính tỉnh Bắc An")" + same;
  auto s = snapshot();
  auto dup = clerk.postJson("/api/v1/documents/incoming", body + "}");
  EXPECT_EQ(dup.status, 409) << dup.body;
  EXPECT_EQ(dup.errorCode(), "duplicate_document");
  EXPECT_EQ(dup.json()->getObject("error")->getValue<std::string>("field"), "allowDuplicate");
  EXPECT_NE(dup.body.find("document " + std::to_string(first)), std::string::npos);
  EXPECT_EQ(snapshot(), s);
  // Another issuer with the same số and ký hiệu is a different document.
  auto other =
      clerk.postJson("/api/v1/documents/incoming",
                     R"({"fileId":)" + std::to_string(fid) +
                         R"(,"type":"cong_van","subject":"Khác","issuer":"Sở Y tế")" + same + "}");
  EXPECT_EQ(other.status, 201) << other.body;
  auto forced = clerk.postJson("/api/v1/documents/incoming", body + R"(,"allowDuplicate":true})");
  EXPECT_EQ(forced.status, 201) << forced.body;
}

TEST_P(Numbering, RegistersListAndEntriesForAPeriod) {
  auto id = registerIncoming();
  auto& clerk = as("vanthu");
  auto regs = clerk.get("/api/v1/registers").json()->getArray("items");
  EXPECT_EQ(regs->size(), 4u);  // incoming and outgoing, each with a secret series
  auto reg = registerOf(id);
  auto entries = clerk.get("/api/v1/registers/" + std::to_string(reg) + "/entries")
                     .json()
                     ->getArray("entries");
  bool found = false;
  for (std::size_t i = 0; i < entries->size(); ++i)
    found = found || jsonInt(entries->getObject(static_cast<unsigned>(i))->getObject("document"),
                             "id") == id;
  EXPECT_TRUE(found);
  EXPECT_EQ(as("daibieu1").get("/api/v1/registers/" + std::to_string(reg) + "/entries").status,
            403);
  EXPECT_EQ(as("chutoa").get("/api/v1/registers/" + std::to_string(reg) + "/entries").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, Numbering, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         BackendNamer());
