#pragma once
// `--timings`: where a command's time went, phase by phase, printed to stderr.
// The first phase is what ran before main() (loading the program and its shared
// libraries, static initialisation), taken from the process's CPU clock: that
// work is single-threaded and CPU-bound, so CPU time stands for wall time there.

#include <chrono>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace corridor::cli {

class PhaseTimer {
public:
    using Clock = std::chrono::steady_clock;
    // `mainStarted`: when main() began (GlobalOptions::started);
    // `beforeMain`: the process's CPU time at that moment (GlobalOptions::cpuAtStart).
    PhaseTimer(Clock::time_point mainStarted, std::chrono::nanoseconds beforeMain)
        : last_(mainStarted), beforeMain_(beforeMain) {}
    // The phase that ends now.
    void mark(std::string name) {
        auto now = Clock::now();
        phases_.emplace_back(std::move(name), now - last_);
        last_ = now;
    }
    void print(std::ostream& out) const;

private:
    Clock::time_point last_;
    std::chrono::nanoseconds beforeMain_;
    std::vector<std::pair<std::string, Clock::duration>> phases_;
};

// The process's CPU time so far (user and system).
std::chrono::nanoseconds processCpuTime();

} // namespace corridor::cli
