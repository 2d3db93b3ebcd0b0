// A stream of server-sent events (text/event-stream). The server holds one (Server::serve_events); a
// handler that answers with content type kEventStreamType (server.hpp) hands its connection to it:
// the connection writes the response head, then asks the source for new events on a short timer
// (the io thread never blocks: next() must answer at once from memory) until the client goes away
// or the server stops. Used by the teaching UI's live updates (emulator/ui/live_feed.hpp).
// Not a general streaming API: one text event at a time, no back-pressure beyond the socket's.
#pragma once

#include <cstdint>
#include <string>

namespace azemu::http {

class EventSource {
public:
  virtual ~EventSource() = default;
  /// The SSE-framed text of what happened after `cursor` ("" when nothing did), advancing `cursor`.
  /// Called on an io thread: must not block. A new subscriber starts with cursor 0.
  virtual std::string next(std::uint64_t& cursor) const = 0;
  /// A subscriber connected (+1) or went away (-1); sources may work only while someone listens.
  virtual void subscribers_changed(int delta) const = 0;
};

}  // namespace azemu::http
