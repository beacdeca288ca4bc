#include "query/functions/datetime.h"

#include "query/functions/numeric.h"

#include <chrono>
#include <fmt/format.h>

namespace corridor::query::functions {

namespace {

constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

} // namespace

Int128 DateTime::instant() const {
    Int128 secs = static_cast<Int128>(daysFromCivil(year, month, day)) * 86400 + hour * 3600 +
                    minute * 60;
    if (tzMinutes) secs -= static_cast<Int128>(*tzMinutes) * 60;
    return secs * kDecimalScale + seconds;
}

std::optional<DateTime> dateTimeValue(const storage::Term& term) {
    if (!term.isLiteral() || term.datatype.size() <= kXsd.size() ||
        term.datatype.compare(0, kXsd.size(), kXsd) != 0)
        return std::nullopt;
    std::string_view type = std::string_view(term.datatype).substr(kXsd.size());
    bool isDate = type == "date";
    if (type != "dateTime" && !isDate) return std::nullopt;
    std::string_view s = term.value;
    DateTime d;
    std::size_t pos = 0;
    bool negative = false;
    if (!s.empty() && s[0] == '-') {
        negative = true;
        pos = 1;
    }
    std::size_t dash = s.find('-', pos);
    if (dash == std::string_view::npos || dash - pos < 4) return std::nullopt;
    std::int64_t year = 0;
    for (std::size_t i = pos; i < dash; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        year = year * 10 + (s[i] - '0');
    }
    d.year = negative ? -year : year;
    pos = dash + 1;
    if (!digits(s, pos, 2, d.month) || pos + 2 >= s.size() || s[pos + 2] != '-') return std::nullopt;
    if (!digits(s, pos + 3, 2, d.day)) return std::nullopt;
    pos += 5;
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
    d.hasTime = !isDate;
    if (!isDate) {
        if (pos >= s.size() || s[pos] != 'T') return std::nullopt;
        if (!digits(s, pos + 1, 2, d.hour) || s.size() < pos + 9 || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, d.minute) || s[pos + 6] != ':')
            return std::nullopt;
        int whole = 0;
        if (!digits(s, pos + 7, 2, whole)) return std::nullopt;
        pos += 9;
        Int128 frac = 0;
        int fracDigits = 0;
        if (pos < s.size() && s[pos] == '.') {
            ++pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                if (fracDigits < 18) {
                    frac = frac * 10 + (s[pos] - '0');
                    ++fracDigits;
                }
                ++pos;
            }
            if (fracDigits == 0) return std::nullopt;
        }
        for (int i = fracDigits; i < 18; ++i) frac *= 10;
        d.seconds = whole * kDecimalScale + frac;
        if (d.hour > 24 || d.minute > 59 || whole > 60) return std::nullopt;
    }
    if (pos < s.size()) {
        if (s[pos] == 'Z' && pos + 1 == s.size()) {
            d.tzMinutes = 0;
        } else if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
            int h = 0, m = 0;
            if (!digits(s, pos + 1, 2, h) || !digits(s, pos + 4, 2, m)) return std::nullopt;
            d.tzMinutes = (s[pos] == '-' ? -1 : 1) * (h * 60 + m);
        } else {
            return std::nullopt;
        }
    }
    return d;
}

std::optional<DateTime> periodStart(const storage::Term& term) {
    if (auto d = dateTimeValue(term)) return d;
    if (!term.isLiteral() || term.datatype.size() <= kXsd.size() ||
        term.datatype.compare(0, kXsd.size(), kXsd) != 0)
        return std::nullopt;
    std::string_view type = std::string_view(term.datatype).substr(kXsd.size());
    std::string expanded;
    if (type == "gYear") expanded = term.value.substr(0, 4) + "-01-01" + term.value.substr(std::min<std::size_t>(4, term.value.size()));
    else if (type == "gYearMonth") expanded = term.value.substr(0, 7) + "-01" + term.value.substr(std::min<std::size_t>(7, term.value.size()));
    else return std::nullopt;
    if (term.value.empty() || term.value[0] == '-') return std::nullopt; // BCE years: not ordered here
    return dateTimeValue(storage::Term::literal(expanded, std::string(kXsd) + "date"));
}

std::optional<int> compareDateTime(const DateTime& a, const DateTime& b) {
    Int128 x = a.instant(), y = b.instant();
    if (a.tzMinutes.has_value() == b.tzMinutes.has_value()) return x < y ? -1 : x > y ? 1 : 0;
    // The value without a timezone may be anywhere from -14:00 to +14:00.
    const Int128 slack = static_cast<Int128>(14 * 3600) * kDecimalScale;
    if (!a.tzMinutes) {
        if (x + slack < y) return -1;
        if (x - slack > y) return 1;
    } else {
        if (x < y - slack) return -1;
        if (x > y + slack) return 1;
    }
    return std::nullopt;
}

std::optional<std::string> timezoneDuration(const DateTime& d) {
    if (!d.tzMinutes) return std::nullopt;
    int m = *d.tzMinutes;
    if (m == 0) return std::string("PT0S");
    std::string out = m < 0 ? "-PT" : "PT";
    m = std::abs(m);
    if (m / 60) out += fmt::format("{}H", m / 60);
    if (m % 60) out += fmt::format("{}M", m % 60);
    return out;
}

std::string timezoneText(const DateTime& d) {
    if (!d.tzMinutes) return "";
    int m = *d.tzMinutes;
    if (m == 0) return "Z";
    return fmt::format("{}{:02}:{:02}", m < 0 ? '-' : '+', std::abs(m) / 60, std::abs(m) % 60);
}

storage::Term nowTerm() {
    using namespace std::chrono;
    auto now = system_clock::now();
    auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count();
    std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return storage::Term::literal(fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                                              tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                                              tm.tm_hour, tm.tm_min, tm.tm_sec, ms % 1000),
                                  std::string(kXsd) + "dateTime");
}

} // namespace corridor::query::functions
