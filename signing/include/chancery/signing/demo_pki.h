#pragma once
// A throwaway certificate authority for demo mode: a self-signed root and one signing
// certificate per user, made in-process with OpenSSL. Not for production signatures.
#include <string>
#include <vector>

namespace chancery::signing {

struct DemoUser {
  std::string commonName;    // e.g. "Nguyễn Văn A"
  std::string organisation;  // e.g. "UBND tỉnh Bắc An"
};

struct DemoIdentity {
  std::string commonName;
  std::string certificatePem;
  std::string privateKeyPem;  // unencrypted PKCS#8
  std::string pkcs12;         // key + certificate + root, protected by the password given
};

struct DemoPki {
  std::string rootCertificatePem;  // the trust anchor to configure for verification
  std::string rootPrivateKeyPem;
  std::vector<DemoIdentity> users;
};

// RSA-2048 keys, SHA-256 signatures; users get keyUsage nonRepudiation + digitalSignature.
// Throws SigningError(Crypto, InvalidArgument).
DemoPki makeDemoPki(const std::string& rootName, const std::vector<DemoUser>& users,
                    const std::string& pkcs12Password, int validDays = 365);

}  // namespace chancery::signing
