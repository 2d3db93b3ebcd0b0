// Client for UML's management console (uml_dir/<umid>/mconsole, a unix datagram socket):
// "sysrq s", "halt", "config ubdN=FILE", "remove ubdN". Our reply socket is bound to a filesystem
// path, not an abstract name like uml_mconsole's, so it also works when UML runs in another network
// namespace (research/uml-guest.md §5.2).
#pragma once

#include <chrono>
#include <string>

namespace azemu::vm {

struct MconsoleReply {
  bool ok = false;
  std::string text;
};

/// Sends one command; throws std::runtime_error when the socket is unreachable or no reply comes
/// within `timeout`.
MconsoleReply mconsole_command(const std::string& socket_path, const std::string& reply_dir, const std::string& command,
                               std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

}  // namespace azemu::vm
