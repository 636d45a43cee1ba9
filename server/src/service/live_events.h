#pragma once
// The seam between what changes (meetings, votes, speakers) and the tablets that must see the
// change at once. Services publish inside the transaction that makes the change; the
// implementation (the WebSocket hub) delivers each event to the subscribers of its topic after
// that transaction commits — on every server that shares the database — and never delivers an
// event whose transaction rolled back.
//
// Topics are strings such as "meeting:42" (everyone who may follow meeting 42) or "user:7" (one
// user's devices). A topic kind is registered with who may subscribe and what a subscriber gets
// first (the full current state), so a tablet that reconnects is whole again at once.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "service/principal.h"
#include "store/db.h"

namespace chancery::service {

class LiveEvents {
public:
  virtual ~LiveEvents() = default;

  // Records an event in the caller's transaction. payloadJson is a JSON object; type names the
  // event ("meeting.currentItem", "vote.tally", …). Throws store::DbError.
  virtual void publish(store::Connection& c, std::string_view topic, std::string_view type,
                       std::string_view payloadJson) = 0;
};

// Decides who may subscribe to the topics of one kind ("meeting" for "meeting:42") and gives a
// new subscriber the full current state as a JSON object (nullopt: not allowed — the subscriber
// learns only that the topic is unavailable, never whether it exists).
struct TopicKind {
  std::string kind;
  std::function<std::optional<std::string>(const Principal&, std::int64_t id)> snapshot;
};

// A LiveEvents that delivers nothing: for command-line tools and unit tests of services.
class NoLiveEvents final : public LiveEvents {
public:
  void publish(store::Connection&, std::string_view, std::string_view, std::string_view) override {}
};

}  // namespace chancery::service
