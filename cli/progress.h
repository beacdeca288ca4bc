#pragma once
// A one-line progress display on stderr (only when stderr is a terminal).

#include <chrono>
#include <cstdint>
#include <string>

namespace corridor::cli {

class ProgressLine {
public:
    ProgressLine();
    bool enabled() const { return enabled_; }
    // Redraws at most a few times a second.
    void update(const std::string& source, std::uint64_t bytesRead, std::uint64_t bytesTotal, std::uint64_t statements);
    void clear();

private:
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_, last_;
};

std::string humanBytes(std::uint64_t bytes);

} // namespace corridor::cli
