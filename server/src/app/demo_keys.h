#pragma once
// Demo signing keys: a throwaway certificate authority (chancery::signing::makeDemoPki) with
// one key for the demo leader and one for the organisation's seal, their images, and the root
// as trust anchor, written into the keys directory the LibrarySigner reads. Not for real use.

#include <filesystem>
#include <string>

namespace chancery::app {

// Writes DIR/lanhdao.{p12,password,png}, DIR/organisation.{p12,password},
// DIR/organisation-seal.png and DIR/trust/demo-root.pem unless DIR/organisation.p12 exists.
// Returns false when the keys were already there. Throws on failure.
bool ensureDemoKeys(const std::filesystem::path& dir, const std::string& leaderUsername,
                    const std::string& leaderName, const std::string& organisation);

// A one-page Quyết định laid out like Decree 30 appendix I with the form fields so_ky_hieu
// and ngay_ban_hanh where the number and the date belong (filled when it is issued).
std::string demoDecisionPdf(const std::string& organisation, const std::string& subject,
                            const std::string& body);

}  // namespace chancery::app
