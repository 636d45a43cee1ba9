// Deadline reminders by e-mail through a local SMTP sink, on both backends: who gets which
// mail, nothing twice, a failed send retried, secret documents described without contents,
// and the scheduler mailing on its own.
#include "documents_support.h"
#include "service/calendar.h"
#include "smtp_sink.h"

using namespace chancery;
using namespace chancery::testing;
using service::calendar::addDays;
using service::calendar::today;

class Reminders : public DocsTest {
protected:
  void configure(app::Config& c) override {
    sink_ = std::make_unique<SmtpSink>();
    c.mail.host = "127.0.0.1";
    c.mail.port = sink_->port();
    c.mail.from = "vanban@bacan.example.vn";
    c.documents.reminders.daysBefore = 2;
    c.documents.reminders.baseUrl = "https://vanban.bacan.example.vn";
  }
  // An incoming document assigned to chuyenvien (lead) and thuky (support) due in `days`.
  std::int64_t assigned(int days, const std::string& extra = "") {
    auto id = registerIncoming(extra);
    // Presenting names the leader, who may then direct even a secret document.
    post(as("vanthu"), "/api/v1/documents/" + std::to_string(id) + "/present",
         R"({"leaderId":)" + std::to_string(userId("lanhdao")) + "}", 200);
    post(as("lanhdao"), "/api/v1/documents/" + std::to_string(id) + "/assign",
         R"({"leadUserId":)" + std::to_string(userId("chuyenvien")) + R"(,"supportUserIds":[)" +
             std::to_string(userId("thuky")) + R"(],"deadline":")" + addDays(today(), days).str() +
             "\"}",
         200);
    return id;
  }
  std::vector<SinkMessage> about(const std::string& marker) {
    std::vector<SinkMessage> out;
    for (auto& m : sink_->messages())
      if (m.body.find(marker) != std::string::npos || m.subject.find(marker) != std::string::npos)
        out.push_back(m);
    return out;
  }
  static std::string link(std::int64_t id) { return "/documents/" + std::to_string(id) + "\n"; }
  std::unique_ptr<SmtpSink> sink_;
};

TEST_P(Reminders, NearAndOverdueItemsAreMailedOnceToTheirHandlers) {
  auto near = assigned(1);
  auto overdue = assigned(-2);
  auto later = assigned(10);
  auto secret =
      assigned(-1, R"(,"secrecy":"confidential","subject":"Nội dung tuyệt đối không lộ")");
  auto& reminders = server_->runtime().services().reminders;
  auto run = reminders.runOnce(today());
  EXPECT_EQ(run.failed, 0);
  ASSERT_TRUE(sink_->waitFor(1, std::chrono::seconds(5)));

  auto nearMails = about(link(near));
  ASSERT_EQ(nearMails.size(), 2u) << "lead and co-handler";
  std::set<std::string> to;
  for (const auto& m : nearMails) {
    to.insert(m.to.at(0));
    EXPECT_NE(m.subject.find("Sắp đến hạn"), std::string::npos) << m.subject;
    EXPECT_NE(m.body.find("https://vanban.bacan.example.vn/documents/" + std::to_string(near)),
              std::string::npos);
    EXPECT_EQ(m.from, "vanban@bacan.example.vn");
  }
  EXPECT_EQ(to, (std::set<std::string>{"chuyenvien@demo.chancery.invalid",
                                       "thuky@demo.chancery.invalid"}));
  auto lead = about(link(overdue));
  ASSERT_EQ(lead.size(), 2u);
  EXPECT_NE(lead[0].subject.find("Quá hạn"), std::string::npos);
  EXPECT_NE(lead[0].body.find("đã quá hạn 2 ngày"), std::string::npos) << lead[0].body;
  EXPECT_TRUE(about(link(later)).empty());
  // Secret: mailed, but neither subject nor number leaves the server.
  for (const auto& m : sink_->messages()) {
    EXPECT_EQ(m.body.find("tuyệt đối không lộ"), std::string::npos);
  }
  EXPECT_EQ(about(link(secret)).size(), 2u);

  // The same day again: nothing new. The next day: overdue items again, near ones not.
  auto count = sink_->messages().size();
  reminders.runOnce(today());
  EXPECT_EQ(sink_->messages().size(), count);
  sink_->clear();
  reminders.runOnce(addDays(today(), 1));
  EXPECT_EQ(about(link(overdue)).size(), 2u);
  EXPECT_TRUE(about(link(near)).empty());

  // Finishing the work ends the reminders.
  post(as("chuyenvien"), "/api/v1/documents/" + std::to_string(overdue) + "/complete",
       R"({"result":"Xong"})", 200);
  sink_->clear();
  reminders.runOnce(addDays(today(), 2));
  EXPECT_TRUE(about(link(overdue)).empty());
}

TEST_P(Reminders, AFailedSendIsRetriedOnTheNextRun) {
  auto id = assigned(0);
  auto& reminders = server_->runtime().services().reminders;
  sink_->refuseNext(1000);
  auto first = reminders.runOnce(today());
  EXPECT_GT(first.failed, 0);
  sink_->refuseNext(0);
  auto second = reminders.runOnce(today());
  EXPECT_EQ(second.failed, 0);
  EXPECT_GE(second.near, 2);
  EXPECT_EQ(about(link(id)).size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Reminders, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         BackendNamer());

class ReminderScheduler : public Reminders {
protected:
  void configure(app::Config& c) override {
    Reminders::configure(c);
    c.documents.reminders.enabled = true;
    c.documents.reminders.intervalSeconds = 1;
  }
};

TEST_P(ReminderScheduler, MailsWithoutBeingAsked) {
  // The demo data holds an overdue document assigned to chuyenvien and thuky.
  EXPECT_TRUE(sink_->waitFor(2, std::chrono::seconds(15)));
  auto m = sink_->messages();
  ASSERT_FALSE(m.empty());
  EXPECT_NE(m[0].subject.find("[Chancery]"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReminderScheduler,
                         ::testing::Values(Backend::Sqlite, Backend::Mysql), BackendNamer());
