#include "service/audit.h"

#include "service/principal.h"
#include "util/crypto.h"

namespace chancery::service {
namespace {

// Length-prefixed fields so that no two different entries serialise to the same bytes.
void putField(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
  out += '\n';
}

constexpr std::int64_t kBatch = 2000;

}  // namespace

std::string AuditLog::hashOf(const store::AuditRecord& r) {
  std::string s = "chancery-audit-v1\n";
  putField(s, r.prevHash);
  putField(s, std::to_string(r.seq));
  putField(s, std::to_string(r.ts));
  putField(s, r.actorId ? std::to_string(*r.actorId) : "");
  putField(s, r.actor);
  putField(s, r.action);
  putField(s, r.objectType);
  putField(s, r.objectId);
  putField(s, r.details);
  putField(s, r.clientAddr);
  return util::sha256Hex(s);
}

store::AuditRecord AuditLog::append(store::Connection& c, const Principal* actor,
                                    const AuditEvent& event) {
  if (!actor) return appendAs(c, std::nullopt, "system", "", event);
  return appendAs(c, actor->userId, actor->username, actor->clientAddr, event);
}

store::AuditRecord AuditLog::appendAs(store::Connection& c, std::optional<std::int64_t> actorId,
                                      const std::string& actorName, const std::string& clientAddr,
                                      const AuditEvent& event) {
  store::AuditHead head = store::audit::lockHead(c);
  store::AuditRecord r;
  r.seq = head.seq + 1;
  r.ts = store::nowMillis();
  r.actorId = actorId;
  r.actor = actorName;
  r.action = event.action;
  r.objectType = event.objectType;
  r.objectId = event.objectId;
  r.details = event.details;
  r.clientAddr = clientAddr;
  r.prevHash = head.hash;
  r.hash = hashOf(r);
  store::audit::insert(c, r);
  store::audit::setHead(c, {r.seq, r.hash});
  return r;
}

AuditVerifyReport AuditLog::verify(store::Db& db) {
  AuditVerifyReport report;
  auto lease = db.acquire();
  store::Connection& c = *lease;
  // Read the head first: entries appended while we scan are beyond it and not judged.
  store::AuditHead head = store::audit::head(c);
  report.headSeq = head.seq;
  report.headHash = head.hash;
  std::string prevHash(64, '0');
  std::int64_t prevSeq = 0;
  auto fail = [&](std::int64_t seq, std::string problem) {
    report.ok = false;
    report.firstBadSeq = seq;
    report.problem = std::move(problem);
    return report;
  };
  for (;;) {
    auto batch = store::audit::scan(c, prevSeq, kBatch);
    for (const auto& r : batch) {
      if (r.seq > head.seq) break;
      if (r.seq != prevSeq + 1)
        return fail(prevSeq + 1, "entry " + std::to_string(prevSeq + 1) +
                                     " is missing (deleted); the chain jumps from " +
                                     std::to_string(prevSeq) + " to " + std::to_string(r.seq));
      if (r.prevHash != prevHash)
        return fail(r.seq, "entry " + std::to_string(r.seq) +
                               " does not follow the entry before it (inserted, replaced or "
                               "reordered)");
      if (hashOf(r) != r.hash)
        return fail(r.seq, "entry " + std::to_string(r.seq) + " was edited: its content does "
                                                              "not match its hash");
      prevHash = r.hash;
      prevSeq = r.seq;
      ++report.checked;
    }
    if (static_cast<std::int64_t>(batch.size()) < kBatch || prevSeq >= head.seq) break;
  }
  if (prevSeq != head.seq)
    return fail(prevSeq + 1, "entries " + std::to_string(prevSeq + 1) + ".." +
                                 std::to_string(head.seq) + " are missing (deleted)");
  if (prevHash != head.hash)
    return fail(head.seq, "the chain head does not match entry " + std::to_string(head.seq) +
                              " (the last entry or the head was edited)");
  return report;
}

}  // namespace chancery::service
