#include "query/executor/deadline_watch.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>

namespace corridor::query::executor {

namespace {

using Clock = std::chrono::steady_clock;

// The watcher: deadlines in order, one thread that sleeps until the earliest. Made once
// and never destroyed, so that its thread never outlives it (it is detached).
class Watcher {
public:
    static Watcher* instance() {
        static Watcher* watcher = create();
        return watcher;
    }

    std::uint64_t add(Clock::time_point deadline, std::atomic<bool>* flag) {
        std::lock_guard lock(mutex_);
        std::uint64_t ticket = ++lastTicket_;
        bool earliest = entries_.empty() || deadline < entries_.begin()->first.first;
        entries_.emplace(std::make_pair(deadline, ticket), flag);
        if (earliest) wake_.notify_one();
        return ticket;
    }

    void remove(Clock::time_point deadline, std::uint64_t ticket) {
        std::lock_guard lock(mutex_);
        entries_.erase(std::make_pair(deadline, ticket));
    }

private:
    static Watcher* create() {
        auto* watcher = new Watcher;
        try {
            std::thread([watcher] { watcher->run(); }).detach();
        } catch (const std::system_error&) {
            delete watcher; // no thread to be had: queries look at the clock themselves
            return nullptr;
        }
        return watcher;
    }

    void run() {
        std::unique_lock lock(mutex_);
        for (;;) {
            if (entries_.empty()) {
                wake_.wait(lock);
                continue;
            }
            auto first = entries_.begin();
            // A copy: the entry can be removed while this thread waits (the query ended).
            const Clock::time_point earliest = first->first.first;
            if (Clock::now() < earliest) {
                wake_.wait_until(lock, earliest);
                continue;
            }
            first->second->store(true, std::memory_order_relaxed);
            entries_.erase(first);
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::pair<Clock::time_point, std::uint64_t>, std::atomic<bool>*> entries_;
    std::uint64_t lastTicket_ = 0;
};

} // namespace

void DeadlineWatch::start(Clock::time_point deadline) {
    stop();
    passed_.store(false, std::memory_order_relaxed);
    Watcher* watcher = Watcher::instance();
    if (!watcher || Clock::now() >= deadline) {
        // Without a watcher the flag is raised at once, and every check looks at the clock.
        passed_.store(true, std::memory_order_relaxed);
        return;
    }
    deadline_ = deadline;
    ticket_ = watcher->add(deadline, &passed_);
}

void DeadlineWatch::stop() {
    if (ticket_ == 0) return;
    Watcher::instance()->remove(deadline_, ticket_);
    ticket_ = 0;
}

} // namespace corridor::query::executor
