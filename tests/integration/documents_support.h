#pragma once
// Shared fixture of the document-flow tests: a real server with the demo organisation (and
// demo documents), logged-in clients per demo user, uploads, and a snapshot of everything a
// refused request must leave unchanged (rows, audit head, blobs, register entries, queues).

#include "test_server.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <string>

namespace chancery::testing {

struct Snapshot {
  std::int64_t documents = 0, versions = 0, entries = 0, audit = 0, blobs = 0, files = 0,
               searchQueue = 0, ocrJobs = 0, assignments = 0, notes = 0;
  bool operator==(const Snapshot&) const = default;
};
std::ostream& operator<<(std::ostream& os, const Snapshot& s);

class DocsTest : public ::testing::TestWithParam<Backend> {
protected:
  void SetUp() override;
  void TearDown() override;
  // Adjusts the configuration before the server starts (override in a suite).
  virtual void configure(app::Config&) {}

  HttpClient& as(const std::string& username);
  std::int64_t userId(const std::string& username);
  std::int64_t unitOf(const std::string& username);
  static std::string sample(const std::string& file);  // bytes of ../shared/pdfs-vi/<file>
  std::int64_t upload(HttpClient& c, const std::string& bytes,
                      const std::string& type = "application/pdf",
                      const std::string& name = "van-ban.pdf");
  // Registers an incoming document as vanthu; `extra` is JSON members appended to the body.
  std::int64_t registerIncoming(const std::string& extra = "",
                                const std::string& file = "01-quyet-dinh-1-trang.pdf");
  // Drafts an outgoing document as chuyenvien (approver lanhdao).
  std::int64_t draft(const std::string& extra = "",
                     const std::string& file = "01-quyet-dinh-1-trang.pdf");
  // POST JSON and expect a status; returns the result.
  HttpResult post(HttpClient& c, const std::string& path, const std::string& json, int expected);
  Poco::JSON::Object::Ptr detail(HttpClient& c, std::int64_t id);
  std::string status(std::int64_t id);
  Snapshot snapshot();
  // Unique text for this test's documents, so lists and duplicates do not collide.
  std::string unique(const std::string& prefix);

  std::unique_ptr<TestServer> server_;
  std::map<std::string, std::unique_ptr<HttpClient>> clients_;
  int counter_ = 0;
};

std::int64_t jsonInt(const Poco::JSON::Object::Ptr& o, const std::string& key);
std::string jsonStr(const Poco::JSON::Object::Ptr& o, const std::string& key);
// Action names of a document detail.
std::vector<std::string> actions(const Poco::JSON::Object::Ptr& detail);
bool hasAction(const Poco::JSON::Object::Ptr& detail, const std::string& action);

}  // namespace chancery::testing
