#pragma once
// The state machine of documents in one table: each action, the states it starts from, the
// state it leads to, and who may take it. The services enforce it with require(); the API
// shows the caller's possible next steps with allowedActions(). docs/documents.md mirrors it.

#include "service/document_types.h"
#include "service/principal.h"
#include "store/document_store.h"

#include <optional>
#include <string_view>
#include <vector>

namespace chancery::service {

enum class Action {
  Edit,           // change metadata
  AddVersion,     // upload a new file version
  AddAttachment,  // add an attachment
  Comment,        // review comment
  Submit,         // draft → in_review
  Return,         // in_review → draft (with comments)
  Approve,        // in_review → approved
  Sign,           // approved → signed (the leader's digital signature)
  Issue,          // signed → issued (number, date, organisation seal)
  IssuePaper,     // approved → issued (signed on paper; number and date only)
  Present,        // registered → presented (to a leader)
  Assign,         // registered | presented | assigned | in_progress → assigned
  Progress,       // assigned | in_progress → in_progress
  Complete,       // assigned | in_progress → done
  Revoke,         // → revoked (thu hồi)
  Grant,          // name a reader
  Interchange,    // export as edXML
};

std::string_view actionName(Action a);

// What the flow knows about the caller's relation to the document beyond roles and unit.
struct Relation {
  bool creator = false;
  bool leadHandler = false;
  bool handler = false;
  bool presentedTo = false;
  bool approver = false;  // named as the approving leader
};

// The state an action leads to; nullopt when it keeps the state (edit, comment, grant …).
std::optional<DocStatus> targetOf(Action a, const store::DocumentRecord& d);

// Throws Error(Conflict, "invalid_transition") when the document's state does not allow the
// action, Error(Forbidden) when the caller may not take it. State is checked first.
void require(Action a, const store::DocumentRecord& d, const Principal& actor, const Relation& rel);
bool allowed(Action a, const store::DocumentRecord& d, const Principal& actor, const Relation& rel);
std::vector<Action> allowedActions(const store::DocumentRecord& d, const Principal& actor,
                                   const Relation& rel);

// Roles within the document's own unit.
bool sameUnit(const Principal& p, const store::DocumentRecord& d);
bool leaderOf(const Principal& p, const store::DocumentRecord& d);
bool clerkOf(const Principal& p, const store::DocumentRecord& d);

}  // namespace chancery::service
