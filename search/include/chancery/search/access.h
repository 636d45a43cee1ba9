#pragma once
// Who may see a document, and who is asking. The rule, enforced inside the index for hits,
// counts, facets, snippets and suggestions alike:
//
//   visible(doc, p) =  (doc.isPublic
//                       || p.userId  in doc.users
//                       || p.unitIds ∩ doc.units  ≠ ∅
//                       || p.roles   ∩ doc.roles  ≠ ∅)
//                   && doc.secrecy <= p.clearance
//
// Secrecy is a ceiling that no grant lifts: a "Mật" document assigned to a user without the
// clearance stays hidden from them. The server decides clearances; the index only enforces.

#include <string>
#include <vector>

namespace chancery::search {

// Độ mật (Luật Bảo vệ bí mật nhà nước 2018): ordered, so a clearance admits every lower level.
enum class Secrecy {
  None = 0,
  Confidential = 1 /*Mật*/,
  Secret = 2 /*Tối mật*/,
  TopSecret = 3 /*Tuyệt mật*/
};

struct Access {
  bool isPublic = false;          // visible to every principal (subject to secrecy)
  std::vector<std::string> units; // owning and handling units
  std::vector<std::string> users; // handlers and users granted explicitly
  std::vector<std::string> roles; // roles granted explicitly (e.g. "council-member")
  Secrecy secrecy = Secrecy::None;
};

struct Principal {
  std::string userId;
  std::vector<std::string> unitIds;
  std::vector<std::string> roles;
  Secrecy clearance = Secrecy::None;
};

} // namespace chancery::search
