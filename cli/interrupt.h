#pragma once
// Ctrl-C cancels the running query (the operators check the flag) instead of
// killing the process, while an InterruptGuard is alive. A second Ctrl-C
// kills the process as usual.

#include <atomic>
#include <csignal>

namespace corridor::cli {

class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
    const std::atomic<bool>* flag() const;

private:
    struct sigaction previous_ {};
};

} // namespace corridor::cli
