#include "service/document_signer.h"

#include "service/errors.h"

namespace chancery::service {
namespace {

class UnavailableSigner final : public DocumentSigner {
public:
  explicit UnavailableSigner(std::string reason) : reason_(std::move(reason)) {}

  bool available(std::string* reason) const override {
    if (reason) *reason = reason_;
    return false;
  }
  bool hasServerKey(std::int64_t) const override { return false; }
  bool hasOrganisationKey() const override { return false; }
  std::string signAsLeader(std::string_view, const LeaderSignature&) override { fail(); }
  std::string issueWithSeal(std::string_view, const OrganisationSeal&) override { fail(); }
  PreparedSigning prepareExternal(std::string_view, const LeaderSignature&,
                                  std::string_view) override {
    fail();
  }
  std::string completeExternal(const std::string&, std::string_view) override { fail(); }
  std::vector<VerifiedSignature> verify(std::string_view) override { fail(); }

private:
  [[noreturn]] void fail() const {
    throw Error(ErrorKind::Unavailable, "signing_unavailable", reason_);
  }
  std::string reason_;
};

}  // namespace

std::unique_ptr<DocumentSigner> makeUnavailableSigner(std::string reason) {
  return std::make_unique<UnavailableSigner>(std::move(reason));
}

}  // namespace chancery::service
