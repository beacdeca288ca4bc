#include "query/executor/deadline_watch.h"

#include <doctest/doctest.h>
#include <thread>

using corridor::query::executor::DeadlineWatch;
using Clock = std::chrono::steady_clock;

namespace {
// Waits (at most 5 s) for the watch to raise its flag; true when it did.
bool raisedWithin5s(const DeadlineWatch& watch) {
    auto give_up = Clock::now() + std::chrono::seconds(5);
    while (!watch.passed() && Clock::now() < give_up) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return watch.passed();
}
} // namespace

TEST_CASE("a deadline watch raises its flag once the deadline passes, not before") {
    DeadlineWatch watch;
    CHECK_FALSE(watch.passed());
    auto deadline = Clock::now() + std::chrono::milliseconds(30);
    watch.start(deadline);
    // Raised no earlier than the deadline, and raised.
    while (!watch.passed() && Clock::now() < deadline + std::chrono::seconds(5))
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    CHECK(watch.passed());
    CHECK(Clock::now() >= deadline);
}

TEST_CASE("a deadline already past raises the flag at once") {
    DeadlineWatch watch;
    watch.start(Clock::now() - std::chrono::milliseconds(1));
    CHECK(watch.passed());
}

TEST_CASE("watches of different deadlines each rise at their own, a later one does not hold back an earlier") {
    DeadlineWatch late, early;
    late.start(Clock::now() + std::chrono::hours(1));
    early.start(Clock::now() + std::chrono::milliseconds(5));
    CHECK(raisedWithin5s(early));
    CHECK_FALSE(late.passed());
    {
        // A watch destroyed before its deadline leaves the watcher going for the others.
        DeadlineWatch gone;
        gone.start(Clock::now() + std::chrono::milliseconds(1));
    }
    DeadlineWatch after;
    after.start(Clock::now() + std::chrono::milliseconds(2));
    CHECK(raisedWithin5s(after));
}
