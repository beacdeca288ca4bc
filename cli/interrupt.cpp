#include "cli/interrupt.h"

namespace corridor::cli {

namespace {
std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int) {
    interrupted.store(true);
}
} // namespace

InterruptGuard::InterruptGuard() {
    interrupted.store(false);
    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &previous_);
}

InterruptGuard::~InterruptGuard() {
    sigaction(SIGINT, &previous_, nullptr);
}

const std::atomic<bool>* InterruptGuard::flag() const {
    return &interrupted;
}

} // namespace corridor::cli
