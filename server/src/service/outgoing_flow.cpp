// FlowService: the outgoing flow — submit, return, approve, sign (with a server-held key or in
// two phases with a USB token), issue (number, date, organisation seal) and verification.
#include "service/calendar.h"
#include "service/document_common.h"
#include "service/errors.h"
#include "service/flows.h"
#include "service/pdf_tools.h"
#include "service/registers.h"
#include "store/flow_store.h"
#include "util/crypto.h"
#include "util/json_writer.h"
#include "util/text.h"

#include <algorithm>
#include <set>

namespace chancery::service {
namespace {

constexpr std::int64_t kSigningSessionMillis = 10 * 60 * 1000;

void addNote(store::Connection& c, const Principal& actor, std::int64_t id, const std::string& kind,
             const std::string& text) {
  if (text.empty()) return;
  store::notes::insert(c, {0, id, kind, std::nullopt, actor.userId, text, store::nowMillis()});
}

std::string upper(std::string s) {
  // Vietnamese upper case for the position line would need ICU; positions are entered in the
  // case they should print, so only ASCII letters are raised here.
  for (char& ch : s)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  return s;
}

void requireSigner(DocumentSigner& signer) {
  std::string why;
  if (!signer.available(&why)) throw Error(ErrorKind::Unavailable, "signing_unavailable", why);
}

LeaderSignature leaderSignature(const Principal& actor, const store::DocumentRecord& d,
                                const pdf::PdfInfo& info) {
  LeaderSignature s;
  s.userId = actor.userId;
  s.username = actor.username;
  s.fullName = d.signerName.empty() ? actor.fullName : d.signerName;
  s.position = d.signerPosition;
  s.reason = "Ký ban hành " + d.docType;
  s.location = d.place;
  // Decree 30 appendix I: the signature block sits at the bottom right of the last page.
  s.box.page = static_cast<int>(info.pages);
  s.box.width = 200;
  s.box.height = 90;
  s.box.x = std::max(0.0, info.lastPageWidth - 72 - s.box.width);
  s.box.y = 110;
  return s;
}

}  // namespace

DocumentDetail FlowService::submit(const Principal& actor, std::int64_t id,
                                   std::optional<std::int64_t> approverId,
                                   const std::string& noteIn) {
  std::string note = docs::requireText("note", noteIn, 4000, false);
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::Submit, d, actor, docs::relationOf(c, actor, d));
    if (approverId) {
      docs::requireUser(c, "approverId", *approverId, d.unitId);
      auto u = store::users::findById(c, *approverId);
      if (std::find(u->roles.begin(), u->roles.end(), "leader") == u->roles.end())
        throw invalidField("approverId", "the approver must be a leader");
      d.approverId = approverId;
      docs::name(c, id, *approverId, "leader", actor.userId);
    }
    d.status = "in_review";
    store::documents::update(c, d);
    addNote(c, actor, id, "submit", note);
    docs::changed(c, &actor, "document.submit", id);
    return documents_.detail(c, actor, d);
  });
}

DocumentDetail FlowService::sendBack(const Principal& actor, std::int64_t id,
                                     const std::string& commentIn) {
  std::string comment = docs::requireText("comment", commentIn, 4000, true);
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::Return, d, actor, docs::relationOf(c, actor, d));
    d.status = "draft";
    store::documents::update(c, d);
    addNote(c, actor, id, "return", comment);
    docs::changed(c, &actor, "document.return", id);
    return documents_.detail(c, actor, d);
  });
}

DocumentDetail FlowService::approve(const Principal& actor, std::int64_t id,
                                    const std::string& noteIn) {
  std::string note = docs::requireText("note", noteIn, 4000, false);
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::Approve, d, actor, docs::relationOf(c, actor, d));
    d.status = "approved";
    d.approverId = actor.userId;
    // The approving leader signs: the signature block names them unless the drafter set it.
    if (d.signerName.empty()) d.signerName = actor.fullName;
    if (d.signerPosition.empty())
      if (auto u = store::users::findById(c, actor.userId)) d.signerPosition = u->position;
    store::documents::update(c, d);
    addNote(c, actor, id, "approval", note);
    docs::changed(c, &actor, "document.approve", id);
    return documents_.detail(c, actor, d);
  });
}

SigningPreview FlowService::signingPreview(const Principal& actor, std::int64_t id) {
  SigningPreview p;
  store::DocumentRecord d;
  std::optional<store::VersionRecord> v;
  {
    auto lease = db_.acquire();
    d = docs::loadVisible(*lease, actor, id);
    v = store::versions::current(*lease, id);
  }
  if (!v) throw notFound("version");
  p.available = signer_.available(&p.unavailableReason);
  p.serverKey = p.available && signer_.hasServerKey(actor.username);
  p.versionNo = v->versionNo;
  pdf::PdfInfo info =
      pdf::inspect(documents_.files().read(documents_.files().getUnchecked(v->fileId)));
  p.pages = info.pages;
  LeaderSignature s = leaderSignature(actor, d, info);
  p.box = s.box;
  p.position = upper(d.signerPosition.empty() ? std::string() : d.signerPosition);
  p.name = d.signerName.empty() ? actor.fullName : d.signerName;
  p.organisationName = organisationName_.empty() ? d.issuer : organisationName_;
  p.numberPreview = "Số: …/" + d.notation;
  return p;
}

DocumentDetail FlowService::sign(const Principal& actor, std::int64_t id) {
  store::DocumentRecord d;
  store::VersionRecord v;
  {
    auto lease = db_.acquire();
    d = docs::loadVisible(*lease, actor, id);
    require(Action::Sign, d, actor, docs::relationOf(*lease, actor, d));
    v = *store::versions::current(*lease, id);
  }
  requireSigner(signer_);  // after the state check: a revoked document is a 409, not a 503
  if (!signer_.hasServerKey(actor.username))
    throw conflict("no_server_key",
                   "the server holds no signing key for you; sign with your token");
  std::string pdfBytes = documents_.files().read(documents_.files().getUnchecked(v.fileId));
  std::string signedPdf =
      signer_.signAsLeader(pdfBytes, leaderSignature(actor, d, pdf::inspect(pdfBytes)));
  return storeSigned(actor, id, v.id, signedPdf, "server");
}

StartedSigning FlowService::startTokenSigning(const Principal& actor, std::int64_t id,
                                              const std::string& certificateChainPem) {
  if (certificateChainPem.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
    throw invalidField("certificateChainPem", "a PEM certificate chain, signer first, is required");
  store::DocumentRecord d;
  store::VersionRecord v;
  {
    auto lease = db_.acquire();
    d = docs::loadVisible(*lease, actor, id);
    require(Action::Sign, d, actor, docs::relationOf(*lease, actor, d));
    v = *store::versions::current(*lease, id);
  }
  requireSigner(signer_);
  std::string pdfBytes = documents_.files().read(documents_.files().getUnchecked(v.fileId));
  PreparedSigning prepared = signer_.prepareExternal(
      pdfBytes, leaderSignature(actor, d, pdf::inspect(pdfBytes)), certificateChainPem);
  StartedSigning out{util::randomToken(18), prepared.toBeSigned,
                     store::nowMillis() + kSigningSessionMillis};
  db_.transact([&](store::Connection& c) {
    store::signing_sessions::insert(c, {out.sessionId, id, v.id, actor.userId, prepared.state,
                                        store::nowMillis(), out.expiresAt});
  });
  return out;
}

DocumentDetail FlowService::finishTokenSigning(const Principal& actor, std::int64_t id,
                                               const std::string& sessionId,
                                               const std::string& signature) {
  std::optional<store::SigningSession> s;
  {
    auto lease = db_.acquire();
    auto d = docs::loadVisible(*lease, actor, id);
    require(Action::Sign, d, actor, docs::relationOf(*lease, actor, d));
    s = store::signing_sessions::find(*lease, sessionId);
  }
  requireSigner(signer_);
  if (!s || s->documentId != id || s->userId != actor.userId)
    throw invalidField("sessionId", "no such signing session");
  if (s->expiresAt < store::nowMillis())
    throw conflict("session_expired", "the signing session expired; start again");
  std::string signedPdf = signer_.completeExternal(s->state, signature);
  auto detail = storeSigned(actor, id, s->versionId, signedPdf, "token");
  db_.transact([&](store::Connection& c) { store::signing_sessions::remove(c, sessionId); });
  return detail;
}

DocumentDetail FlowService::storeSigned(const Principal& actor, std::int64_t id,
                                        std::int64_t fromVersionId, const std::string& signedPdf,
                                        const std::string& method) {
  auto& files = documents_.files();
  BlobStore::Staged staged = files.stageAndCommit(signedPdf);
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::Sign, d, actor, docs::relationOf(c, actor, d));
    auto current = store::versions::current(c, id);
    if (!current || current->id != fromVersionId)
      throw conflict("changed_meanwhile", "a newer version was added while signing; sign again");
    store::FileRecord f;
    f.sha256 = staged.sha256();
    f.name = FileService::sanitizeName(current->fileName);
    f.mediaType = "application/pdf";
    f.size = staged.size();
    f.uploadedBy = actor.userId;
    f.createdAt = store::nowMillis();
    f.id = FileService::insertRow(c, f);
    store::VersionRecord v;
    v.documentId = id;
    v.fileId = f.id;
    v.kind = "signed";
    v.immutable = true;
    v.note = "Ký bởi " + actor.fullName;
    v.createdBy = actor.userId;
    v.createdAt = f.createdAt;
    store::versions::append(c, v);
    store::signatures::insert(
        c, {0, id, v.id, "leader", actor.userId, actor.fullName, method, f.createdAt});
    d.status = "signed";
    d.signerName = actor.fullName;
    store::documents::update(c, d);
    docs::name(c, id, actor.userId, "signer", actor.userId);
    util::JsonWriter w;
    w.beginObject()
        .field("versionNo", v.versionNo)
        .field("method", method)
        .field("sha256", f.sha256)
        .endObject();
    docs::changed(c, &actor, "document.sign", id, w.take());
    return documents_.detail(c, actor, d);
  });
}

DocumentDetail FlowService::issue(const Principal& actor, std::int64_t id, const IssueRequest& r) {
  bool paper = r.form == "paper";
  if (!paper && r.form != "electronic") throw invalidField("form", "form is electronic or paper");
  std::set<std::int64_t> units(r.recipientUnitIds.begin(), r.recipientUnitIds.end());
  std::set<std::int64_t> users(r.recipientUserIds.begin(), r.recipientUserIds.end());
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(paper ? Action::IssuePaper : Action::Issue, d, actor, docs::relationOf(c, actor, d));
    if (!paper) {  // after the state check, before any number is taken
      requireSigner(signer_);
      if (!signer_.hasOrganisationKey())
        throw conflict("no_organisation_key",
                       "the server holds no key for the organisation's signature and seal");
    }
    bool secret = docs::isSecret(d);
    for (auto u : units) {
      if (!store::units::findById(c, u)) throw invalidField("recipientUnitIds", "no such unit");
      if (secret)
        throw invalidField("recipientUnitIds", "secret documents go to named people, not to units");
    }
    for (auto u : users)
      docs::requireUser(c, "recipientUserIds", u, std::nullopt);
    calendar::Date today = calendar::today();
    Numbered n = RegisterService::enter(c, actor, *d.unitId, Direction::Outgoing, secret, id, today,
                                        std::nullopt);
    d.number = std::to_string(n.number);
    d.issuedDate = n.date;
    d.registerId = n.reg.id;
    d.issueForm = paper ? "paper" : "electronic";
    d.status = "issued";
    std::int64_t now = store::nowMillis();
    if (!paper) {
      // Signing happens under the register lock: the number is consumed only if the sealed
      // version is stored, so a failure leaves neither a gap nor a half-issued document.
      auto current = store::versions::current(c, id);
      auto& files = documents_.files();
      std::string signedPdf = files.read(files.getUnchecked(current->fileId));
      OrganisationSeal seal;
      seal.organisationName = organisationName_.empty() ? d.issuer : organisationName_;
      seal.numberAndNotation = docs::numberAndNotation(d);
      seal.dateText = (d.place.empty() ? "" : d.place + ", ") + calendar::vietnameseLong(today);
      seal.location = d.place;
      seal.leaderBox = leaderSignature(actor, d, pdf::inspect(signedPdf)).box;
      std::string sealed = signer_.issueWithSeal(signedPdf, seal);
      BlobStore::Staged staged = files.stageAndCommit(sealed);
      store::FileRecord f;
      f.sha256 = staged.sha256();
      f.name = FileService::sanitizeName(current->fileName);
      f.mediaType = "application/pdf";
      f.size = staged.size();
      f.uploadedBy = actor.userId;
      f.createdAt = now;
      f.id = FileService::insertRow(c, f);
      store::VersionRecord v;
      v.documentId = id;
      v.fileId = f.id;
      v.kind = "issued";
      v.immutable = true;
      v.createdBy = actor.userId;
      v.createdAt = now;
      store::versions::append(c, v);
      store::signatures::insert(
          c, {0, id, v.id, "organisation", actor.userId, seal.organisationName, "server", now});
    }
    store::documents::update(c, d);
    for (auto u : units) {
      store::deliveries::insert(c, {0, id, u, std::nullopt, now, std::nullopt, std::nullopt});
      store::access::insert(c, {id, std::nullopt, u, "recipient", actor.userId, now});
    }
    for (auto u : users) {
      store::deliveries::insert(c, {0, id, std::nullopt, u, now, std::nullopt, std::nullopt});
      docs::name(c, id, u, "recipient", actor.userId);
    }
    util::JsonWriter w;
    w.beginObject()
        .field("number", n.number)
        .field("year", n.year)
        .field("registerId", n.reg.id)
        .field("form", d.issueForm)
        .field("issuedDate", n.date)
        .endObject();
    docs::changed(c, &actor, "document.issue", id, w.take());
    return documents_.detail(c, actor, d);
  });
}

SignatureCheck FlowService::verify(const Principal& actor, std::int64_t id) {
  SignatureCheck out;
  std::optional<store::VersionRecord> v;
  {
    auto lease = db_.acquire();
    docs::loadVisible(*lease, actor, id);
    v = store::versions::current(*lease, id);
  }
  if (!v) throw notFound("version");
  out.versionNo = v->versionNo;
  out.available = signer_.available(&out.reason);
  if (!out.available) return out;
  out.results = signer_.verify(documents_.files().read(documents_.files().getUnchecked(v->fileId)));
  return out;
}

}  // namespace chancery::service
