#include "vm-sim/machine/control_channel.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace azemu::vm;
using namespace std::chrono_literals;

namespace {
/// The agent's end of the line: reads one request line, then writes `lines`.
void agent_answers(int fd, const std::string& lines) {
  std::string got;
  char c;
  while (read(fd, &c, 1) == 1 && c != '\n') got += c;
  if (!lines.empty()) (void)!write(fd, lines.data(), lines.size());
}
}  // namespace

TEST_SUITE("control_channel") {
  TEST_CASE("a reply with the request's id is returned; heartbeats and stale replies are skipped") {
    int sv[2];
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    ControlChannel ch(sv[0]);
    std::thread agent(agent_answers, sv[1],
                      "{\"event\":\"heartbeat\",\"t\":1}\n{\"id\":0,\"ok\":true}\n{\"id\":1,\"ok\":true,\"t\":7}\n");
    auto reply = ch.request({{"op", "ping"}}, ControlChannel::Clock::now() + 5s);
    agent.join();
    CHECK(reply["t"] == 7);
    close(sv[1]);
  }

  TEST_CASE("guest lines with mistyped members are skipped, never a JSON exception (fuzz_control_channel)") {
    // Was: {"event":1800000000} made note_event()'s value() throw json type_error out of drain().
    int sv[2];
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    ControlChannel ch(sv[0]);
    std::thread agent(agent_answers, sv[1],
                      "{\"event\":1800000000}\n{\"event\":\"ready\",\"version\":7,\"boot_id\":[]}\n"
                      "{\"id\":\"1\",\"ok\":true}\n{\"id\":1,\"ok\":\"yes\",\"error\":{}}\n");
    CHECK_THROWS_WITH_AS(ch.request({{"op", "ping"}}, ControlChannel::Clock::now() + 5s), "guest agent: request failed",
                         std::runtime_error);
    agent.join();
    CHECK(ch.seen().ready);
    CHECK(ch.seen().version.empty());
    close(sv[1]);
  }

  TEST_CASE("an agent that restarts mid-request (a 'ready' event, no answer) fails fast with the reason") {
    int sv[2];
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    ControlChannel ch(sv[0]);
    std::thread agent(agent_answers, sv[1], "{\"event\":\"ready\",\"version\":\"x\",\"boot_id\":\"b\"}\n");
    auto t0 = ControlChannel::Clock::now();
    std::string error;
    try {
      ch.request({{"op", "disks"}}, t0 + 30s);
    } catch (const std::exception& e) {
      error = e.what();
    }
    agent.join();
    CHECK(error.find("restarted while handling 'disks'") != std::string::npos);
    CHECK(ControlChannel::Clock::now() - t0 < 10s);  // not the 30 s deadline
    close(sv[1]);
  }
}
