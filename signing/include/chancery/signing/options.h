#pragma once
// What a signature should look like and contain. Mirrors the options of `chancery sign`.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace chancery::signing {

enum class Level { BB, BT, BLT };  // PAdES baseline B-B, B-T, B-LT
const char* levelName(Level level) noexcept;  // "B-B", "B-T", "B-LT"
// Parses "B-B", "B-T", "B-LT". Throws SigningError(InvalidArgument).
Level parseLevel(const std::string& text);

enum class SubFilter { EtsiCadesDetached, AdbePkcs7Detached };

// Where the private key lives. Fill exactly one of pkcs12 / pkcs11Uri.
struct KeySource {
  std::string pkcs12;    // PKCS#12 bytes (not a path)
  std::string password;  // PKCS#12 password
  std::string pkcs11Uri;     // RFC 7512 URI of the private key, e.g. "pkcs11:token=t;object=k"
  std::string pkcs11Module;  // PKCS#11 module path; default /usr/lib/softhsm/libsofthsm2.so
  std::string pin;           // user PIN of the token
  // PEM certificates, signer first. Needed for PKCS#11 unless the token holds the certificate
  // under the same URI; added to what a PKCS#12 carries otherwise.
  std::string certificateChainPem;
};

struct Rect {
  double x = 0, y = 0, width = 0, height = 0;  // PDF user space points, origin bottom left
};

enum class AppearanceKind {
  Invisible,
  SignerImage,       // chức vụ, the handwritten signature image, full name (Decree 30 app. I)
  Seal,              // the organisation's seal image at real size
  OrganisationText,  // text-only organisation signature at the top right of the page
};

struct Appearance {
  AppearanceKind kind = AppearanceKind::Invisible;
  int page = 1;                // 1-based
  std::optional<Rect> rect;    // default: SignerImage/Seal need one; OrganisationText top right
  std::string imagePng;        // PNG bytes: the signature image (SignerImage) or the seal (Seal)
  double sealDiameterMm = 0;   // Seal: real size; 0 = from the PNG's pHYs, else 36 mm
  // Seal without `rect`: placed over the left third of the image of this earlier signature
  // field (Decree 30: the seal covers about a third of the signature, on its left).
  std::string sealOverField;
  std::string position;        // SignerImage: chức vụ, e.g. "CHỦ TỊCH"
  std::string name;            // SignerImage: full name; OrganisationText: organisation name
  std::string documentNumber;  // OrganisationText: "Số: 12/QĐ-UBND"
  std::string fontPath;        // TrueType font with Vietnamese glyphs; default Liberation Serif 2
  std::string boldFontPath;    // default Liberation Serif 2 Bold
  double fontSize = 0;         // 0: 10 pt for OrganisationText, 13 pt for SignerImage
};

// A text form field filled in the same incremental update as the signature.
struct FieldValue {
  std::string name;   // fully qualified field name, e.g. "so_ky_hieu"
  std::string value;  // UTF-8
};

struct SignOptions {
  Level level = Level::BB;
  SubFilter subFilter = SubFilter::EtsiCadesDetached;
  std::string tsaUrl;        // required for B-T and B-LT
  std::string fieldName;     // default "Signature<N>"
  std::string reason, location, contactInfo;
  // Claimed signing time for /M; default now. Rendered in `utcOffsetMinutes` (Vietnam: +07:00).
  std::optional<std::chrono::system_clock::time_point> signingTime;
  int utcOffsetMinutes = 7 * 60;
  Appearance appearance;
  std::vector<FieldValue> fillFields;
  std::size_t reservedBytes = 0;  // /Contents capacity in bytes; 0 = estimated from the chain
  // Allow fetching OCSP/CRL (B-LT) through the transport.
  bool fetchRevocation = true;
};

}  // namespace chancery::signing
