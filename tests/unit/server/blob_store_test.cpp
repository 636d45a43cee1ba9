// Blobs are stored once per content, durably, and `check` finds missing, corrupt and
// unreferenced blobs.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "service/blob_store.h"
#include "service/check.h"
#include "service/errors.h"
#include "service/files.h"
#include "store/migrations.h"
#include "store/user_store.h"
#include "test_support.h"
#include "util/crypto.h"

using namespace chancery;
using chancery::testing::Backend;

class BlobTest : public ::testing::TestWithParam<Backend> {
protected:
  void SetUp() override {
    tdb_ = std::make_unique<chancery::testing::TestDatabase>(GetParam(), dir_.path());
    db_ = store::Db::open(tdb_->url(), 4);
    store::migrate(*db_);
    blobs_ = std::make_unique<service::BlobStore>(dir_.path() / "blobs");
    files_ = std::make_unique<service::FileService>(*db_, *blobs_);
    store::UserRecord u;
    u.username = "tester";
    u.fullName = "Người thử";
    u.passwordHash = "x";
    actor_.userId = db_->transact([&](store::Connection& c) { return store::users::insert(c, u); });
    actor_.username = "tester";
  }
  store::FileRecord upload(const std::string& bytes, const std::string& type = "application/pdf") {
    std::istringstream in(bytes);
    return files_->upload(actor_, "văn bản.pdf", type, in, 1 << 20);
  }
  chancery::testing::TempDir dir_;
  std::unique_ptr<chancery::testing::TestDatabase> tdb_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<service::BlobStore> blobs_;
  std::unique_ptr<service::FileService> files_;
  service::Principal actor_;
};

TEST_P(BlobTest, IdenticalContentIsStoredOnce) {
  auto a = upload("%PDF-1.4 same bytes");
  auto b = upload("%PDF-1.4 same bytes");
  EXPECT_NE(a.id, b.id);
  EXPECT_EQ(a.sha256, b.sha256);
  EXPECT_EQ(a.sha256, util::sha256Hex("%PDF-1.4 same bytes"));
  EXPECT_EQ(blobs_->listStored().size(), 1u);
  EXPECT_EQ(blobs_->read(a.sha256), "%PDF-1.4 same bytes");
  EXPECT_TRUE(blobs_->staleTemps(0, false).empty());  // no temporary file left behind
  EXPECT_TRUE(service::checkStorage(*db_, *blobs_).ok());
}

TEST_P(BlobTest, RejectsContentThatIsNotItsType) {
  try {
    upload("<html>not a pdf</html>");
    FAIL();
  } catch (const service::Error& e) {
    EXPECT_EQ(e.code(), "content_mismatch");
  }
  EXPECT_TRUE(blobs_->listStored().empty());
  EXPECT_TRUE(blobs_->staleTemps(0, false).empty());
}

TEST_P(BlobTest, RejectsOversizedUploadAndLeavesNothing) {
  std::string big(2 << 20, 'x');
  big.replace(0, 5, "%PDF-");
  std::istringstream in(big);
  EXPECT_THROW(files_->upload(actor_, "big.pdf", "application/pdf", in, 1 << 20), service::Error);
  EXPECT_TRUE(blobs_->listStored().empty());
  EXPECT_TRUE(blobs_->staleTemps(0, false).empty());
}

TEST_P(BlobTest, CheckFindsCorruptAndMissingBlobs) {
  auto a = upload("%PDF-1.4 first");
  auto b = upload("%PDF-1.4 second");
  {
    std::ofstream f(blobs_->pathOf(a.sha256), std::ios::binary | std::ios::trunc);
    f << "%PDF-1.4 tampered";
  }
  std::filesystem::remove(blobs_->pathOf(b.sha256));
  auto r = service::checkStorage(*db_, *blobs_);
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 2u);
  std::string all = r.errors[0] + r.errors[1];
  EXPECT_NE(all.find("corrupt"), std::string::npos);
  EXPECT_NE(all.find("missing"), std::string::npos);
}

TEST_P(BlobTest, CheckWarnsAboutOrphansWithoutFailing) {
  auto staged = blobs_->stage(std::string_view("%PDF-1.4 orphan"));
  blobs_->commit(staged);  // a crash between the blob and its row leaves this
  auto r = service::checkStorage(*db_, *blobs_);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.warnings.size(), 1u);
}

TEST_P(BlobTest, FileNamesAreSanitised) {
  EXPECT_EQ(service::FileService::sanitizeName("../../etc/passwd"), "passwd");
  EXPECT_EQ(service::FileService::sanitizeName("C:\\x\\Quyết định.pdf"), "Quyết định.pdf");
  EXPECT_EQ(service::FileService::sanitizeName(".hidden"), "hidden");
  EXPECT_EQ(service::FileService::sanitizeName("a\x01\x02" "b"), "ab");
  EXPECT_EQ(service::FileService::sanitizeName(""), "file");
  EXPECT_THROW(service::FileService::sanitizeName("\xff\xfe"), service::Error);
}

INSTANTIATE_TEST_SUITE_P(Backends, BlobTest, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         chancery::testing::BackendNamer());
