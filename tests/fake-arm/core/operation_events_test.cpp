#include "fake-arm/core/operation_events.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm;
using std::chrono::milliseconds;

TEST_SUITE("operation_events") {
  TEST_CASE("a subscriber is woken once by the end, or at once when the end came first") {
    exec::FakeClock clock;
    OperationEvents events(clock);
    int woken = 0;
    events.started("op1", "virtualMachineRestart");
    events.on_end("op1", [&] { ++woken; });
    CHECK(woken == 0);
    events.ended("op1");
    CHECK(woken == 1);
    events.ended("op1");  // a second end (a forced failure after the work) wakes nobody again
    CHECK(woken == 1);
    events.on_end("op1", [&] { ++woken; });  // subscribed just after the end
    CHECK(woken == 2);
    events.on_end("op2", [&] { ++woken; });  // never ends: never woken
    CHECK(woken == 2);
  }

  TEST_CASE("the expected remaining time comes from the last durations of the same kind") {
    exec::FakeClock clock;
    OperationEvents events(clock);
    events.started("a", "virtualMachineRunCommand");
    CHECK_FALSE(events.expected_remaining("a"));  // no kind history yet
    clock.advance(milliseconds(1800));
    events.ended("a");
    events.started("b", "virtualMachineRunCommand");
    clock.advance(milliseconds(2200));
    events.ended("b");  // the kind now takes 2 s on average

    events.started("c", "virtualMachineRunCommand");
    CHECK(events.expected_remaining("c") == milliseconds(2000));
    clock.advance(milliseconds(1500));
    CHECK(events.expected_remaining("c") == milliseconds(500));
    clock.advance(milliseconds(1000));
    CHECK(events.expected_remaining("c") == milliseconds(-500));  // overdue: poll soon
    clock.advance(milliseconds(3000));
    CHECK_FALSE(events.expected_remaining("c"));  // far past the usual time: no estimate

    events.started("d", "virtualMachineRestart");  // another kind knows nothing of run commands
    CHECK_FALSE(events.expected_remaining("d"));
    CHECK_FALSE(events.expected_remaining("unknown"));  // e.g. started before this process
  }

  TEST_CASE("only the last few durations count, and a clock jump is not learned") {
    exec::FakeClock clock;
    OperationEvents events(clock);
    auto run = [&](const std::string& id, milliseconds took) {
      events.started(id, "k");
      clock.advance(took);
      events.ended(id);
    };
    run("slow", milliseconds(9000));
    for (int i = 0; i < 4; ++i) run("fast" + std::to_string(i), milliseconds(400));
    events.started("x", "k");
    CHECK(events.expected_remaining("x") == milliseconds(400));
    clock.advance(milliseconds(400));
    events.ended("x");
    run("jump", std::chrono::hours(2));  // the --test-controls time route, not a duration
    events.started("y", "k");
    CHECK(events.expected_remaining("y") == milliseconds(400));
  }
}
