// Verification: fresh signatures are valid, and every kind of tampering is caught.
#include <gtest/gtest.h>

#include <filesystem>

#include "chancery/signing/error.h"
#include "chancery/signing/signer.h"
#include "chancery/signing/verifier.h"
#include "pdf_writer.h"
#include "test_env.h"

namespace chancery::signing::test {
namespace {

VerifyOptions trusting(bool online = false) {
  VerifyOptions v;
  v.trustAnchorFiles = {Env::get().path("root.pem")};
  v.onlineRevocation = online;
  v.transport = &Env::get().transport;
  return v;
}

std::string signFile(const std::string& file, const std::string& who = "signer1") {
  return signPdf(slurp(sharedDir() + file), Env::get().p12(who), SignOptions{});
}

TEST(Verifier, FreshSignatureIsValidAndCoversTheWholeFile) {
  for (const char* file : {"/pdfs/helloworld.pdf", "/pdfs/debmake-doc.en.pdf"}) {
    std::string pdf = signFile(file);
    VerificationReport r = verifyPdf(pdf, trusting(true));
    ASSERT_EQ(r.signatures.size(), 1u) << toText(r);
    const SignatureReport& s = r.signatures[0];
    EXPECT_TRUE(s.valid()) << toText(r);
    EXPECT_EQ(r.exitCode(), 0);
    EXPECT_EQ(s.level, "B-B");
    EXPECT_EQ(s.signer, "Nguyễn Văn A");
    EXPECT_TRUE(s.coversWholeFile);
    EXPECT_EQ(s.revision, 2u);
    EXPECT_EQ(s.changesAfter, ChangeKind::None);
    EXPECT_EQ(s.revocation, RevocationStatus::Good) << toText(r);
    EXPECT_TRUE(s.signingCertificateBound);
    EXPECT_FALSE(s.claimedTime.empty());
  }
}

TEST(Verifier, FlippedByteInsideTheSignedRangeFails) {
  std::string pdf = signFile("/pdfs/default-testpage.pdf");
  pdf[pdf.size() / 3] ^= 0x01;  // inside the original, well before /Contents
  VerificationReport r = verifyPdf(pdf, trusting());
  ASSERT_EQ(r.signatures.size(), 1u) << toText(r);
  EXPECT_FALSE(r.signatures[0].digestMatches);
  EXPECT_FALSE(r.signatures[0].valid());
  EXPECT_EQ(r.exitCode(), 1);
  spit(Env::get().scratch("flipped.pdf"), pdf);
  EXPECT_EQ(pdfsig(Env::get().scratch("flipped.pdf")).valid, 0);  // the oracle agrees
}

TEST(Verifier, BytesAppendedAfterSigningMakeItModified) {
  std::string pdf = signFile("/pdfs/helloworld.pdf") + "% appended later\n0 0 m\n";
  VerificationReport r = verifyPdf(pdf, trusting());
  ASSERT_EQ(r.signatures.size(), 1u) << toText(r);
  EXPECT_TRUE(r.signatures[0].digestMatches);
  EXPECT_EQ(r.signatures[0].changesAfter, ChangeKind::Other) << toText(r);
  EXPECT_FALSE(r.allValid());
}

// A later incremental update that replaces page 1's content stream: pdfsig still calls the
// signature valid (it covers its revision), ours must say the document was modified.
TEST(Verifier, RewrittenPageContentAfterSigningIsModified) {
  std::string pdf = signFile("/pdfs-vi/01-quyet-dinh-1-trang.pdf");
  pdf::Reader reader(pdf);
  pdf::Object page = reader.page(0).second;
  const pdf::Object* contents = page.get("Contents");
  ASSERT_TRUE(contents && contents->is(pdf::Type::Ref));
  pdf::IncrementalWriter w(reader);
  pdf::Object dict = pdf::Object::dict();
  w.replace(contents->asRef().num, pdf::Object::stream(dict, "BT /F1 24 Tf 100 700 Td (FORGED) Tj ET"));
  std::string tampered = pdf + w.finish(pdf.size()).update;
  VerificationReport r = verifyPdf(tampered, trusting());
  ASSERT_EQ(r.signatures.size(), 1u);
  EXPECT_TRUE(r.signatures[0].digestMatches);
  EXPECT_EQ(r.signatures[0].changesAfter, ChangeKind::Other) << toText(r);
  EXPECT_TRUE(r.signatures[0].modified());
  EXPECT_EQ(r.exitCode(), 1);
  spit(Env::get().scratch("forged.pdf"), tampered);
  EXPECT_EQ(pdfsig(Env::get().scratch("forged.pdf")).valid, 1);
}

// Adding a new (non-signature) form field after signing is not form filling.
TEST(Verifier, NewTextFieldAfterSigningIsModified) {
  std::string pdf = signFile("/pdfs/helloworld.pdf");
  pdf::Reader reader(pdf);
  pdf::IncrementalWriter w(reader);
  auto [pageRef, page] = reader.page(0);
  pdf::Object field = pdf::Object::dict();
  field.set("Type", pdf::Object::name("Annot"));
  field.set("Subtype", pdf::Object::name("Widget"));
  field.set("FT", pdf::Object::name("Tx"));
  field.set("T", pdf::Object::string("extra"));
  field.set("Rect", pdf::Object::array({pdf::Object::integer(0), pdf::Object::integer(0),
                                        pdf::Object::integer(50), pdf::Object::integer(20)}));
  pdf::Ref ref = w.add(std::move(field));
  pdf::Object catalog = reader.catalog();
  std::uint32_t acroNum = catalog.get("AcroForm")->asRef().num;
  pdf::Object acro = reader.resolve(*catalog.get("AcroForm"));
  acro.get("Fields")->push(pdf::Object::ref(ref));
  w.replace(acroNum, std::move(acro));
  page.get("Annots")->push(pdf::Object::ref(ref));
  w.replace(pageRef.num, std::move(page));
  std::string edited = pdf + w.finish(pdf.size()).update;
  VerificationReport r = verifyPdf(edited, trusting());
  ASSERT_EQ(r.signatures.size(), 1u);
  EXPECT_EQ(r.signatures[0].changesAfter, ChangeKind::Other) << toText(r);
}

// Restyling or hiding an earlier signature is a modification, not signature bookkeeping.
TEST(Verifier, ChangingOrRemovingASignedFieldIsModified) {
  std::string pdf = signFile("/pdfs/helloworld.pdf");
  pdf::Reader reader(pdf);
  pdf::Object catalog = reader.catalog();
  pdf::Object acro = reader.resolve(*catalog.get("AcroForm"));
  pdf::Ref fieldRef = acro.get("Fields")->items().at(0).asRef();
  {
    pdf::IncrementalWriter w(reader);
    pdf::Object field = *reader.object(fieldRef.num);
    pdf::Object ap = pdf::Object::dict();
    ap.set("N", pdf::Object::ref(w.add(pdf::Object::stream(pdf::Object::dict(), "0 0 m 10 10 l S"))));
    field.set("AP", std::move(ap));
    w.replace(fieldRef.num, std::move(field));
    VerificationReport r = verifyPdf(pdf + w.finish(pdf.size()).update, trusting());
    EXPECT_EQ(r.signatures.at(0).changesAfter, ChangeKind::Other) << toText(r);
  }
  {
    pdf::IncrementalWriter w(reader);
    auto [pageRef, page] = reader.page(0);
    page.set("Annots", pdf::Object::array());
    w.replace(pageRef.num, std::move(page));
    VerificationReport r = verifyPdf(pdf + w.finish(pdf.size()).update, trusting());
    EXPECT_EQ(r.signatures.at(0).changesAfter, ChangeKind::Other) << toText(r);
  }
}

TEST(Verifier, RevokedSignerFailsWithOnlineRevocation) {
  std::string pdf = signFile("/pdfs/helloworld.pdf", "revoked");
  VerificationReport r = verifyPdf(pdf, trusting(true));
  ASSERT_EQ(r.signatures.size(), 1u);
  EXPECT_EQ(r.signatures[0].revocation, RevocationStatus::Revoked) << toText(r);
  EXPECT_FALSE(r.signatures[0].valid());
  // Without revocation data the same signature is only a warning, not a verdict of good.
  VerificationReport offline = verifyPdf(pdf, trusting(false));
  EXPECT_EQ(offline.signatures[0].revocation, RevocationStatus::NotChecked);
}

TEST(Verifier, ExpiredSignerFails) {
  std::string pdf = signFile("/pdfs/helloworld.pdf", "expired");
  VerificationReport r = verifyPdf(pdf, trusting());
  ASSERT_EQ(r.signatures.size(), 1u);
  EXPECT_TRUE(r.signatures[0].chainTrusted);
  EXPECT_FALSE(r.signatures[0].validAtSigningTime) << toText(r);
  EXPECT_FALSE(r.signatures[0].valid());
}

TEST(Verifier, UnknownRootIsNotTrusted) {
  std::string pdf = signFile("/pdfs/helloworld.pdf");
  VerifyOptions none;
  VerificationReport r = verifyPdf(pdf, none);
  ASSERT_EQ(r.signatures.size(), 1u);
  EXPECT_TRUE(r.signatures[0].signatureValid);
  EXPECT_FALSE(r.signatures[0].chainTrusted);
  EXPECT_EQ(r.exitCode(), 1);
}

TEST(Verifier, SecondSignatureKeepsTheFirstValid) {
  std::string once = signFile("/pdfs/gnuplot.pdf");
  SignOptions o;
  o.fieldName = "ToChuc";
  std::string twice = signPdf(once, Env::get().p12("signer2"), o);
  ASSERT_EQ(0, twice.compare(0, once.size(), once));
  VerificationReport r = verifyPdf(twice, trusting(true));
  ASSERT_EQ(r.signatures.size(), 2u) << toText(r);
  EXPECT_TRUE(r.allValid()) << toText(r);
  EXPECT_EQ(r.signatures[0].changesAfter, ChangeKind::SignaturesOrDss) << toText(r);
  EXPECT_EQ(r.signatures[1].changesAfter, ChangeKind::None);
  spit(Env::get().scratch("twice.pdf"), twice);
  PdfsigResult ps = pdfsig(Env::get().scratch("twice.pdf"));
  EXPECT_EQ(ps.valid, 2) << ps.output;
  EXPECT_EQ(ps.trusted, 2) << ps.output;
}

TEST(Verifier, UpdateRewritesOnlyWhatChanged) {
  for (const std::string& file : corpus()) {
    std::string original = slurp(file);
    std::string pdf = signPdf(original, Env::get().p12("signer1"), SignOptions{});
    pdf::Reader reader(pdf);
    std::size_t last = reader.revisions().size() - 1;
    ASSERT_GE(last, 1u);
    int written = 0;
    for (auto& [num, e] : reader.revisions()[last].entries) {
      ASSERT_NE(e.type, 0) << file << ": free entry " << num << " in the update";
      auto before = reader.objectAt(num, last - 1);
      auto after = reader.objectAt(num, last);
      if (before) {
        EXPECT_FALSE(*before == *after) << file << ": object " << num << " rewritten unchanged";
      }
      ++written;
    }
    // widget, signature, appearance, xref stream maybe, plus page/AcroForm/catalog at most
    EXPECT_LE(written, 8) << file;
    EXPECT_EQ(reader.revisions()[last].xrefStream, pdf::Reader(original).revisions().back().xrefStream) << file;
  }
}

// The scans are linearized: the first-page xref section near the start belongs to the same
// revision as the main one at the end.
TEST(Verifier, LinearizedFileCountsAsOneRevision) {
  std::string original = slurp(sharedDir() + "/pdfs-vi/11-scan-quyet-dinh-1-trang.pdf");
  EXPECT_EQ(pdf::Reader(original).revisions().size(), 1u);
  std::string pdf = signPdf(original, Env::get().p12("signer1"), SignOptions{});
  VerificationReport r = verifyPdf(pdf, trusting());
  ASSERT_EQ(r.signatures.size(), 1u);
  EXPECT_EQ(r.revisions, 2u);
  EXPECT_EQ(r.signatures[0].revision, 2u);
  EXPECT_TRUE(r.signatures[0].valid()) << toText(r);
  ExternalCheck accepted = acceptExternallySigned(original, pdf, trusting());
  EXPECT_TRUE(accepted.accepted) << accepted.reason;
}

// qpdf rewrites a corpus file as PDF 2.0 with object streams; it signs like any other.
TEST(Verifier, SignsAPdf20File) {
  std::string path = Env::get().scratch("v20.pdf");
  int status = 0;
  std::string out = run("qpdf --force-version=2.0 --object-streams=generate " + sharedDir() +
                        "/pdfs-vi/06-quyet-dinh-TTg-PDFA-2b.pdf " + path, &status);
  ASSERT_EQ(status, 0) << out;
  std::string original = slurp(path);
  ASSERT_EQ(original.substr(0, 8), "%PDF-2.0");
  std::string pdf = signPdf(original, Env::get().p12("signer2"), SignOptions{});
  EXPECT_TRUE(verifyPdf(pdf, trusting()).allValid());
  spit(path, pdf);
  PdfsigResult ps = pdfsig(path);
  EXPECT_EQ(ps.valid, 1) << ps.output;
  EXPECT_TRUE(qpdfCheck(path));
}

// Offsets in the xref that miss their object by a few bytes are found again by scanning.
TEST(Verifier, MiscountedXrefOffsetsAreRecovered) {
  std::string original = slurp(sharedDir() + "/pdfs/helloworld.pdf");
  std::size_t entry = original.find("0000000010 00000 n");  // object 1 (the catalog)
  ASSERT_NE(entry, std::string::npos);
  std::string damaged = original;
  damaged.replace(entry, 10, "0000000016");  // points into "1 0 obj  % entry point"
  std::string pdf = signPdf(damaged, Env::get().p12("signer1"), SignOptions{});
  EXPECT_TRUE(verifyPdf(pdf, trusting()).allValid());
  spit(Env::get().scratch("recovered.pdf"), pdf);
  EXPECT_EQ(pdfsig(Env::get().scratch("recovered.pdf")).valid, 1);
}

TEST(Verifier, UnreadableInputsGiveExitCode2AndSigningRefusesThem) {
  std::string good = slurp(sharedDir() + "/pdfs/reference.pdf");
  std::string encryptedPath = Env::get().scratch("encrypted.pdf");
  int status = 0;
  run("qpdf --encrypt user owner 256 -- " + sharedDir() + "/pdfs/helloworld.pdf " + encryptedPath, &status);
  ASSERT_EQ(status, 0);
  struct Case { std::string name, bytes; ErrorCode code; };
  std::vector<Case> cases = {
      {"encrypted", slurp(encryptedPath), ErrorCode::Encrypted},
      {"truncated", good.substr(0, good.size() / 2), ErrorCode::Malformed},
      {"garbage", std::string(5000, 'x'), ErrorCode::NotPdf},
      {"empty", "", ErrorCode::NotPdf},
      {"header only", "%PDF-1.7\n%%EOF\n", ErrorCode::Malformed},
  };
  // A signed file cut in the middle of a later update: the older xref is still findable.
  std::string twice = signPdf(signFile("/pdfs/helloworld.pdf"), Env::get().p12("signer2"), SignOptions{});
  std::string cut = twice.substr(0, twice.size() - 300);
  try {
    signPdf(cut, Env::get().p12("signer1"), SignOptions{});
    ADD_FAILURE() << "a cut-off update was signed";
  } catch (const SigningError& e) {
    EXPECT_EQ(e.code(), ErrorCode::Malformed) << e.what();
  }
  EXPECT_NE(verifyPdf(cut, trusting()).exitCode(), 0);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    VerificationReport r = verifyPdf(c.bytes, trusting());
    EXPECT_EQ(r.exitCode(), 2) << toText(r);
    try {
      signPdf(c.bytes, Env::get().p12("signer1"), SignOptions{});
      ADD_FAILURE() << "signing did not fail";
    } catch (const SigningError& e) {
      EXPECT_EQ(e.code(), c.code) << e.what();
    }
  }
}

TEST(Verifier, ReusableVerifierAndBadAnchors) {
  std::string pdf = signFile("/pdfs/helloworld.pdf");
  Verifier verifier(trusting());
  EXPECT_TRUE(verifier.verify(pdf).allValid());
  std::string dir = Env::get().scratch("anchors");
  std::filesystem::create_directories(dir);
  spit(dir + "/root.pem", Env::get().pem("root"));
  VerifyOptions byDir;
  byDir.trustAnchorDirs = {dir};
  EXPECT_TRUE(verifyPdf(pdf, byDir).allValid());
  EXPECT_EQ(verifier.verify("garbage").exitCode(), 2);
  VerifyOptions missing;
  missing.trustAnchorFiles = {"/nonexistent/root.pem"};
  EXPECT_THROW(Verifier{missing}, SigningError);
  EXPECT_EQ(verifyPdf(pdf, missing).exitCode(), 2);
}

TEST(Verifier, JsonAndTextNameTheVerdict) {
  std::string pdf = signFile("/pdfs/helloworld.pdf");
  VerificationReport r = verifyPdf(pdf, trusting());
  std::string json = toJson(r);
  EXPECT_NE(json.find("\"valid\":true"), std::string::npos) << json;
  EXPECT_NE(json.find("\"level\":\"B-B\""), std::string::npos);
  EXPECT_NE(json.find("\"signer\":\"Nguyễn Văn A\""), std::string::npos);
  EXPECT_NE(json.find("\"changesAfter\":\"none\""), std::string::npos);
  EXPECT_NE(json.find("\"timestampChain\":[]"), std::string::npos);
  EXPECT_NE(toText(r).find("All signatures are valid."), std::string::npos);
  pdf[100] ^= 1;
  EXPECT_NE(toJson(verifyPdf(pdf, trusting())).find("\"valid\":false"), std::string::npos);
}

}  // namespace
}  // namespace chancery::signing::test
