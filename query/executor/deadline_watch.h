#pragma once
// A query's deadline, watched by one thread for the whole process: when it passes, the
// query's flag is raised. Looking for cancellation is then one load of a flag, cheap enough
// for every row, where looking at the clock on every 64th call could leave a slow operator
// (one that calls per batch of thousands of rows) running 80 ms past its deadline.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace corridor::query::executor {

class DeadlineWatch {
public:
    DeadlineWatch() = default;
    ~DeadlineWatch() { stop(); }
    DeadlineWatch(const DeadlineWatch&) = delete;
    DeadlineWatch& operator=(const DeadlineWatch&) = delete;

    // Raises passed() at `deadline` (at once when it is already past).
    void start(std::chrono::steady_clock::time_point deadline);
    bool passed() const { return passed_.load(std::memory_order_relaxed); }

private:
    void stop();
    std::atomic<bool> passed_{false};
    std::chrono::steady_clock::time_point deadline_;
    std::uint64_t ticket_ = 0; // 0: not watched
};

} // namespace corridor::query::executor
