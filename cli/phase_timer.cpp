#include "cli/phase_timer.h"

#include <ctime>
#include <fmt/format.h>

namespace corridor::cli {

std::chrono::nanoseconds processCpuTime() {
    timespec ts{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec);
}

void PhaseTimer::print(std::ostream& out) const {
    auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
    double total = ms(beforeMain_);
    out << fmt::format("timings (ms):\n  {:<34}{:>9.2f}\n", "start-up before main (CPU)", ms(beforeMain_));
    for (const auto& [name, d] : phases_) {
        out << fmt::format("  {:<34}{:>9.2f}\n", name, ms(d));
        total += ms(d);
    }
    out << fmt::format("  {:<34}{:>9.2f}\n", "total", total);
}

} // namespace corridor::cli
