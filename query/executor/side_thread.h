#pragma once
// A part of an operator's work run on the machine's other core (a split hash build, counting the
// upper half of the keys), and the guard that makes leaving the scope safe: the side thread is
// told to stop and has finished before the state it uses goes away.

#include <atomic>
#include <future>
#include <system_error>
#include <type_traits>
#include <utility>

namespace corridor::query::executor {

// `work` on a thread of its own; an invalid future when no thread can be had (the caller then
// does the work itself).
template <class F>
std::future<std::invoke_result_t<F>> startSideThread(F&& work) {
    try {
        return std::async(std::launch::async, std::forward<F>(work));
    } catch (const std::system_error&) {
        return {};
    }
}

// Whatever ends the scope (a result taken, an error here), the side thread sees `stop` and is
// waited for. A result already taken with get() leaves nothing to wait for.
template <class T>
struct StopAndWait {
    std::atomic<bool>& stop;
    std::future<T>& side;
    ~StopAndWait() {
        if (side.valid()) {
            stop = true;
            side.wait();
        }
    }
};

} // namespace corridor::query::executor
