#pragma once
// Freeing a large structure of many small allocations (millions of sort keys with their
// strings, hash buckets) takes a few hundred milliseconds: longer than a cancelled query may
// take to stop, and a delay before a finished sort's first row. Such structures are handed to
// a thread of their own, which frees them while the query goes on (or the error is reported).

#include <thread>
#include <type_traits>
#include <utility>

namespace corridor::storage {

template <class T>
void freeInBackground(T&& value) {
    using Value = std::decay_t<T>;
    try {
        std::thread([held = Value(std::move(value))]() mutable { Value gone = std::move(held); }).detach();
    } catch (const std::system_error&) {
        Value gone = std::move(value); // no thread to be had: freed here
    }
}

} // namespace corridor::storage
