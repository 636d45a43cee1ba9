// FlowService: the incoming flow (Decree 30 arts. 23–24), comments and revocation.
#include "service/calendar.h"
#include "service/document_common.h"
#include "service/errors.h"
#include "service/flows.h"
#include "store/flow_store.h"
#include "util/json_writer.h"

#include <algorithm>
#include <set>

namespace chancery::service {
namespace {

void addNote(store::Connection& c, const Principal& actor, std::int64_t id, const std::string& kind,
             const std::string& text) {
  if (text.empty()) return;
  store::notes::insert(c, {0, id, kind, std::nullopt, actor.userId, text, store::nowMillis()});
}

bool hasRole(store::Connection& c, std::int64_t userId, const std::string& role) {
  auto u = store::users::findById(c, userId);
  return u && std::find(u->roles.begin(), u->roles.end(), role) != u->roles.end();
}

}  // namespace

DocumentDetail FlowService::present(const Principal& actor, std::int64_t id, std::int64_t leaderId,
                                    const std::string& noteIn) {
  std::string note = docs::requireText("note", noteIn, 4000, false);
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::Present, d, actor, docs::relationOf(c, actor, d));
    docs::requireUser(c, "leaderId", leaderId, std::nullopt);
    if (!hasRole(c, leaderId, "leader"))
      throw invalidField("leaderId", "documents are presented to a leader");
    d.presentedTo = leaderId;
    d.status = "presented";
    store::documents::update(c, d);
    docs::name(c, id, leaderId, "leader", actor.userId);
    addNote(c, actor, id, "present", note);
    util::JsonWriter w;
    w.beginObject().field("leaderId", leaderId).endObject();
    docs::changed(c, &actor, "document.present", id, w.take());
    return documents_.detail(c, actor, d);
  });
}

DocumentDetail FlowService::assign(const Principal& actor, std::int64_t id,
                                   const AssignRequest& r) {
  std::string directive = docs::requireText("directive", r.directive, 4000, false);
  if (r.deadline) docs::requireDate("deadline", *r.deadline);
  std::set<std::int64_t> supports(r.supportUserIds.begin(), r.supportUserIds.end());
  if (supports.size() != r.supportUserIds.size())
    throw invalidField("supportUserIds", "a co-handler is listed twice");
  if (supports.count(r.leadUserId))
    throw invalidField("supportUserIds", "the lead handler cannot also be a co-handler");
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::Assign, d, actor, docs::relationOf(c, actor, d));
    docs::requireUser(c, "leadUserId", r.leadUserId, d.unitId);
    for (auto u : supports)
      docs::requireUser(c, "supportUserIds", u, d.unitId);
    std::optional<std::string> deadline = r.deadline ? r.deadline : d.dueDate;
    // A new assignment replaces the open one: its handlers stay named as readers.
    store::assignments::closeAll(c, id, "cancelled");
    std::int64_t now = store::nowMillis();
    store::assignments::insert(
        c, {0, id, r.leadUserId, "lead", deadline, "open", actor.userId, now, std::nullopt});
    docs::name(c, id, r.leadUserId, "handler", actor.userId);
    for (auto u : supports) {
      store::assignments::insert(
          c, {0, id, u, "support", deadline, "open", actor.userId, now, std::nullopt});
      docs::name(c, id, u, "handler", actor.userId);
    }
    d.status = "assigned";
    d.dueDate = deadline;
    if (!directive.empty()) d.directive = directive;
    store::documents::update(c, d);
    addNote(c, actor, id, "directive", directive);
    util::JsonWriter w;
    w.beginObject().field("leadUserId", r.leadUserId).key("supportUserIds").beginArray();
    for (auto u : supports)
      w.value(u);
    w.endArray().field("deadline", deadline).endObject();
    docs::changed(c, &actor, "document.assign", id, w.take());
    return documents_.detail(c, actor, d);
  });
}

DocumentDetail FlowService::progress(const Principal& actor, std::int64_t id,
                                     const std::string& noteIn) {
  std::string note = docs::requireText("note", noteIn, 4000, true);
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::Progress, d, actor, docs::relationOf(c, actor, d));
    d.status = "in_progress";
    store::documents::update(c, d);
    addNote(c, actor, id, "progress", note);
    docs::changed(c, &actor, "document.progress", id);
    return documents_.detail(c, actor, d);
  });
}

DocumentDetail FlowService::complete(const Principal& actor, std::int64_t id,
                                     const std::string& resultIn,
                                     std::optional<std::int64_t> replyDocumentId) {
  std::string result = docs::requireText("result", resultIn, 4000, !replyDocumentId);
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::Complete, d, actor, docs::relationOf(c, actor, d));
    if (replyDocumentId) {
      if (!store::documents::visible(c, docs::viewerOf(actor), *replyDocumentId))
        throw invalidField("replyDocumentId", "no such document");
      auto reply = store::documents::find(c, *replyDocumentId);
      if (!reply || reply->direction != "outgoing")
        throw invalidField("replyDocumentId", "the reply must be an outgoing document");
      d.replyDocumentId = replyDocumentId;
    }
    std::int64_t now = store::nowMillis();
    d.status = "done";
    d.completedAt = now;
    d.result = result;
    store::documents::update(c, d);
    store::assignments::closeAll(c, id, "done");
    addNote(c, actor, id, "result", result);
    bool onTime = !d.dueDate || calendar::dateOf(now).str() <= *d.dueDate;
    util::JsonWriter w;
    w.beginObject().field("onTime", onTime).field("replyDocumentId", replyDocumentId).endObject();
    docs::changed(c, &actor, "document.complete", id, w.take());
    return documents_.detail(c, actor, d);
  });
}

DocumentDetail FlowService::comment(const Principal& actor, std::int64_t id,
                                    const std::string& textIn) {
  std::string text = docs::requireText("text", textIn, 4000, true);
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::Comment, d, actor, docs::relationOf(c, actor, d));
    auto v = store::versions::current(c, id);
    store::notes::insert(c, {0, id, "comment", v ? std::optional(v->id) : std::nullopt,
                             actor.userId, text, store::nowMillis()});
    docs::changed(c, &actor, "document.comment", id);
    return documents_.detail(c, actor, d);
  });
}

DocumentDetail FlowService::revoke(const Principal& actor, std::int64_t id,
                                   const std::string& reasonIn) {
  std::string reason = docs::requireText("reason", reasonIn, 4000, true);
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::Revoke, d, actor, docs::relationOf(c, actor, d));
    std::string before = d.status;
    d.status = "revoked";
    d.revokedAt = store::nowMillis();
    d.revokedBy = actor.userId;
    d.revokeReason = reason;
    store::documents::update(c, d);
    store::assignments::closeAll(c, id, "cancelled");
    addNote(c, actor, id, "revocation", reason);
    util::JsonWriter w;
    w.beginObject().field("from", before).field("reason", reason).endObject();
    docs::changed(c, &actor, "document.revoke", id, w.take());
    return documents_.detail(c, actor, d);
  });
}

}  // namespace chancery::service
