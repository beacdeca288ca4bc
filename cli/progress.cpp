#include "cli/progress.h"

#include <cstdio>
#include <fmt/format.h>
#include <unistd.h>

namespace corridor::cli {

ProgressLine::ProgressLine()
    : enabled_(::isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()), last_(start_) {}

std::string humanBytes(std::uint64_t bytes) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    return u == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", v, units[u]);
}

void ProgressLine::update(const std::string& source, std::uint64_t bytesRead, std::uint64_t bytesTotal,
                          std::uint64_t statements) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double rate = seconds > 0 ? static_cast<double>(statements) / seconds : 0;
    std::string eta = "?";
    if (bytesTotal > 0 && bytesRead > 0 && seconds > 0.5) {
        double remaining = seconds * static_cast<double>(bytesTotal - std::min(bytesRead, bytesTotal)) /
                           static_cast<double>(bytesRead);
        eta = fmt::format("{}:{:02}", static_cast<int>(remaining) / 60, static_cast<int>(remaining) % 60);
    }
    std::fprintf(stderr, "\r\033[K%s  %s / %s  %llu triples  %.0f triples/s  ETA %s", source.c_str(),
                 humanBytes(bytesRead).c_str(), humanBytes(bytesTotal).c_str(),
                 static_cast<unsigned long long>(statements), rate, eta.c_str());
    drawn_ = true;
}

void ProgressLine::clear() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
    drawn_ = false;
}

} // namespace corridor::cli
