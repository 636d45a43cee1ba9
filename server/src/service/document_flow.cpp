#include "service/document_flow.h"

#include "service/errors.h"

#include <array>
#include <initializer_list>
#include <string>

namespace chancery::service {
namespace {

using S = DocStatus;

struct Rule {
  Action action;
  std::string_view name;
  std::vector<S> from;
  std::optional<S> to;
  // Who may act, given the state allows it.
  bool (*who)(const store::DocumentRecord&, const Principal&, const Relation&);
};

bool drafter(const store::DocumentRecord& d, const Principal& p, const Relation& r) {
  return r.creator || (sameUnit(p, d) && p.hasAny({Role::Specialist, Role::Clerk, Role::Leader}));
}
bool reviewer(const store::DocumentRecord& d, const Principal& p, const Relation& r) {
  return leaderOf(p, d) && (!d.approverId || r.approver);
}
bool visibleToActor(const store::DocumentRecord&, const Principal& p, const Relation&) {
  return p.hasAny({Role::Clerk, Role::Specialist, Role::Leader, Role::Admin, Role::Chair,
                   Role::Secretary, Role::Delegate});
}
bool clerk(const store::DocumentRecord& d, const Principal& p, const Relation&) {
  return clerkOf(p, d);
}
bool incomingEditor(const store::DocumentRecord& d, const Principal& p, const Relation& r) {
  return clerkOf(p, d) || r.creator;
}
bool director(const store::DocumentRecord& d, const Principal& p, const Relation& r) {
  return (leaderOf(p, d) && (!d.presentedTo || r.presentedTo || d.status != "presented")) ||
         (r.presentedTo && p.has(Role::Leader));
}
bool handler(const store::DocumentRecord&, const Principal&, const Relation& r) {
  return r.handler;
}
bool lead(const store::DocumentRecord& d, const Principal& p, const Relation& r) {
  return r.leadHandler || leaderOf(p, d);
}
bool revoker(const store::DocumentRecord& d, const Principal& p, const Relation&) {
  return leaderOf(p, d) || clerkOf(p, d);
}
bool granter(const store::DocumentRecord& d, const Principal& p, const Relation& r) {
  if (d.secrecy != "none") return leaderOf(p, d) || r.presentedTo;
  return leaderOf(p, d) || clerkOf(p, d);
}
bool versioner(const store::DocumentRecord& d, const Principal& p, const Relation& r) {
  // Outgoing drafts: the drafters. Paper-issued documents: the clerk adds the stamped scan.
  if (d.status == "issued") return d.issueForm == "paper" && clerkOf(p, d);
  return drafter(d, p, r);
}

const std::array<Rule, 17> kRules{{
    {Action::Edit,
     "edit",
     {S::Draft, S::Registered, S::Presented},
     std::nullopt,
     [](const store::DocumentRecord& d, const Principal& p, const Relation& r) {
       return d.direction == "outgoing" ? drafter(d, p, r) : incomingEditor(d, p, r);
     }},
    {Action::AddVersion, "addVersion", {S::Draft, S::Issued}, std::nullopt, versioner},
    {Action::AddAttachment,
     "addAttachment",
     {S::Draft, S::Registered, S::Presented, S::Assigned, S::InProgress},
     std::nullopt,
     [](const store::DocumentRecord& d, const Principal& p, const Relation& r) {
       return d.direction == "outgoing" ? drafter(d, p, r) : (incomingEditor(d, p, r) || r.handler);
     }},
    {Action::Comment,
     "comment",
     {S::Draft, S::InReview, S::Approved, S::Signed, S::Issued, S::Registered, S::Presented,
      S::Assigned, S::InProgress, S::Done},
     std::nullopt,
     visibleToActor},
    {Action::Submit, "submit", {S::Draft}, S::InReview, drafter},
    {Action::Return, "return", {S::InReview, S::Approved}, S::Draft, reviewer},
    {Action::Approve, "approve", {S::InReview}, S::Approved, reviewer},
    {Action::Sign, "sign", {S::Approved}, S::Signed, reviewer},
    {Action::Issue, "issue", {S::Signed}, S::Issued, clerk},
    {Action::IssuePaper, "issuePaper", {S::Approved}, S::Issued, clerk},
    {Action::Present, "present", {S::Registered, S::Presented}, S::Presented, clerk},
    {Action::Assign,
     "assign",
     {S::Registered, S::Presented, S::Assigned, S::InProgress},
     S::Assigned,
     director},
    {Action::Progress, "progress", {S::Assigned, S::InProgress}, S::InProgress, handler},
    {Action::Complete, "complete", {S::Assigned, S::InProgress}, S::Done, lead},
    {Action::Revoke,
     "revoke",
     {S::InReview, S::Approved, S::Signed, S::Issued, S::Registered, S::Presented, S::Assigned,
      S::InProgress, S::Done},
     S::Revoked,
     revoker},
    {Action::Grant,
     "grant",
     {S::Draft, S::InReview, S::Approved, S::Signed, S::Issued, S::Registered, S::Presented,
      S::Assigned, S::InProgress, S::Done},
     std::nullopt,
     granter},
    {Action::Interchange,
     "exportEdxml",
     {S::Issued, S::Registered, S::Presented, S::Assigned, S::InProgress, S::Done},
     std::nullopt,
     [](const store::DocumentRecord& d, const Principal& p, const Relation&) {
       return d.secrecy == "none" && clerkOf(p, d);
     }},
}};

// Actions that belong to one direction only.
bool appliesTo(Action a, const store::DocumentRecord& d) {
  bool outgoing = d.direction == "outgoing";
  switch (a) {
  case Action::Submit:
  case Action::Return:
  case Action::Approve:
  case Action::Sign:
  case Action::Issue:
  case Action::IssuePaper:
    return outgoing;
  case Action::Present:
  case Action::Assign:
  case Action::Progress:
  case Action::Complete:
    return !outgoing;
  default:
    return true;
  }
}

const Rule& ruleFor(Action a) {
  for (const auto& r : kRules)
    if (r.action == a) return r;
  throw std::logic_error("no rule for action");
}

bool stateAllows(const Rule& r, const store::DocumentRecord& d) {
  if (!appliesTo(r.action, d)) return false;
  auto s = parseStatus(d.status);
  if (!s) return false;
  for (S from : r.from)
    if (from == *s) return true;
  return false;
}

}  // namespace

std::string_view actionName(Action a) {
  return ruleFor(a).name;
}

bool sameUnit(const Principal& p, const store::DocumentRecord& d) {
  return p.unitId && d.unitId && *p.unitId == *d.unitId;
}
bool leaderOf(const Principal& p, const store::DocumentRecord& d) {
  return p.has(Role::Leader) && sameUnit(p, d);
}
bool clerkOf(const Principal& p, const store::DocumentRecord& d) {
  return p.has(Role::Clerk) && sameUnit(p, d);
}

std::optional<DocStatus> targetOf(Action a, const store::DocumentRecord&) {
  return ruleFor(a).to;
}

void require(Action a, const store::DocumentRecord& d, const Principal& actor,
             const Relation& rel) {
  const Rule& r = ruleFor(a);
  if (!stateAllows(r, d))
    throw conflict("invalid_transition", "cannot " + std::string(r.name) + " a " + d.direction +
                                             " document in state '" + d.status + "'");
  if (!r.who(d, actor, rel))
    throw forbidden("you may not " + std::string(r.name) + " this document");
}

bool allowed(Action a, const store::DocumentRecord& d, const Principal& actor,
             const Relation& rel) {
  const Rule& r = ruleFor(a);
  return stateAllows(r, d) && r.who(d, actor, rel);
}

std::vector<Action> allowedActions(const store::DocumentRecord& d, const Principal& actor,
                                   const Relation& rel) {
  std::vector<Action> out;
  for (const auto& r : kRules)
    if (stateAllows(r, d) && r.who(d, actor, rel)) out.push_back(r.action);
  return out;
}

}  // namespace chancery::service
