#include "query/functions/datetime.h"

#include "query/functions/numeric.h"

#include <chrono>
#include <cstdlib>
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

bool leapYear(std::int64_t y) {
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int daysInMonth(std::int64_t year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leapYear(year) ? 29 : days[month - 1];
}

std::optional<Precision> precisionOf(std::string_view datatype) {
    if (datatype.size() <= kXsd.size() || datatype.compare(0, kXsd.size(), kXsd) != 0) return std::nullopt;
    std::string_view type = datatype.substr(kXsd.size());
    if (type == "dateTime") return Precision::Instant;
    if (type == "date") return Precision::Day;
    if (type == "gYearMonth") return Precision::Month;
    if (type == "gYear") return Precision::Year;
    return std::nullopt;
}

} // namespace

Int128 DateTime::instant() const {
    Int128 secs = static_cast<Int128>(daysFromCivil(year, month, day)) * 86400 + hour * 3600 + minute * 60;
    if (tzMinutes) secs -= static_cast<Int128>(*tzMinutes) * 60;
    return secs * kDecimalScale + seconds;
}

Int128 DateTime::periodEnd() const {
    DateTime next = *this;
    switch (precision) {
    case Precision::Year: next.year += 1; return next.instant();
    case Precision::Month:
        if (++next.month > 12) {
            next.month = 1;
            next.year += 1;
        }
        return next.instant();
    case Precision::Day: return instant() + static_cast<Int128>(86400) * kDecimalScale;
    case Precision::Instant: return instant() + 1;
    }
    return instant() + 1;
}

std::string temporalDatatype(Precision precision) {
    switch (precision) {
    case Precision::Year: return std::string(kXsd) + "gYear";
    case Precision::Month: return std::string(kXsd) + "gYearMonth";
    case Precision::Day: return std::string(kXsd) + "date";
    case Precision::Instant: return std::string(kXsd) + "dateTime";
    }
    return {};
}

std::optional<DateTime> temporalValue(const storage::Term& term) {
    if (!term.isLiteral() || !term.lang.empty()) return std::nullopt;
    auto precision = precisionOf(term.datatype);
    if (!precision) return std::nullopt;
    std::string_view s = term.value;
    DateTime d;
    d.precision = *precision;
    std::size_t pos = 0;
    bool negative = !s.empty() && s[0] == '-';
    if (negative) pos = 1;
    // The year: four digits or more, no leading zero beyond four.
    std::size_t digitsEnd = pos;
    while (digitsEnd < s.size() && s[digitsEnd] >= '0' && s[digitsEnd] <= '9') ++digitsEnd;
    std::size_t yearDigits = digitsEnd - pos;
    if (yearDigits < 4 || yearDigits > 12 || (yearDigits > 4 && s[pos] == '0')) return std::nullopt;
    std::int64_t year = 0;
    for (std::size_t i = pos; i < digitsEnd; ++i) year = year * 10 + (s[i] - '0');
    d.year = negative ? -year : year;
    pos = digitsEnd;
    if (*precision >= Precision::Month) {
        if (pos >= s.size() || s[pos] != '-' || !digits(s, pos + 1, 2, d.month)) return std::nullopt;
        if (d.month < 1 || d.month > 12) return std::nullopt;
        pos += 3;
    }
    if (*precision >= Precision::Day) {
        if (pos >= s.size() || s[pos] != '-' || !digits(s, pos + 1, 2, d.day)) return std::nullopt;
        if (d.day < 1 || d.day > daysInMonth(d.year, d.month)) return std::nullopt;
        pos += 3;
    }
    if (*precision == Precision::Instant) {
        if (pos >= s.size() || s[pos] != 'T') return std::nullopt;
        if (!digits(s, pos + 1, 2, d.hour) || s.size() < pos + 9 || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, d.minute) || s[pos + 6] != ':')
            return std::nullopt;
        int whole = 0;
        if (!digits(s, pos + 7, 2, whole)) return std::nullopt;
        pos += 9;
        Int128 frac = 0;
        int fracDigits = 0;
        bool nonZeroFraction = false;
        if (pos < s.size() && s[pos] == '.') {
            ++pos;
            std::size_t start = pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                nonZeroFraction = nonZeroFraction || s[pos] != '0';
                if (fracDigits < 18) {
                    frac = frac * 10 + (s[pos] - '0');
                    ++fracDigits;
                }
                ++pos;
            }
            if (pos == start) return std::nullopt;
        }
        for (int i = fracDigits; i < 18; ++i) frac *= 10;
        d.seconds = whole * kDecimalScale + frac;
        if (d.minute > 59 || whole > 59) return std::nullopt;
        // 24:00:00 is the first instant of the next day.
        if (d.hour > 24 || (d.hour == 24 && (d.minute != 0 || whole != 0 || nonZeroFraction))) return std::nullopt;
    }
    if (pos < s.size()) {
        if (s[pos] == 'Z' && pos + 1 == s.size()) {
            d.tzMinutes = 0;
        } else if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
            int h = 0, m = 0;
            if (!digits(s, pos + 1, 2, h) || !digits(s, pos + 4, 2, m)) return std::nullopt;
            if (h > 14 || m > 59 || (h == 14 && m != 0)) return std::nullopt;
            d.tzMinutes = (s[pos] == '-' ? -1 : 1) * (h * 60 + m);
        } else {
            return std::nullopt;
        }
    }
    return d;
}

std::string temporalLexical(const DateTime& d, Precision precision) {
    std::string out = fmt::format("{}{:04}", d.year < 0 ? "-" : "", d.year < 0 ? -d.year : d.year);
    if (precision >= Precision::Month) out += fmt::format("-{:02}", d.month);
    if (precision >= Precision::Day) out += fmt::format("-{:02}", d.day);
    if (precision == Precision::Instant) {
        Int128 whole = d.seconds / kDecimalScale, frac = d.seconds % kDecimalScale;
        out += fmt::format("T{:02}:{:02}:{:02}", d.hour, d.minute, static_cast<int>(whole));
        if (frac != 0) {
            std::string f = fmt::format("{:018}", static_cast<std::uint64_t>(frac));
            while (!f.empty() && f.back() == '0') f.pop_back();
            out += "." + f;
        }
    }
    return out + timezoneText(d);
}

std::optional<int> comparePeriods(const DateTime& a, const DateTime& b) {
    Int128 as = a.instant(), ae = a.periodEnd(), bs = b.instant(), be = b.periodEnd();
    // A value without a timezone may be shifted by up to 14 hours either way
    // when the other has one (XPath); with both or neither, they compare as written.
    const Int128 slack = static_cast<Int128>(14 * 3600) * kDecimalScale;
    Int128 sa = 0, sb = 0;
    if (a.tzMinutes.has_value() != b.tzMinutes.has_value()) (a.tzMinutes ? sb : sa) = slack;
    if (a.precision == b.precision) {
        // Same type: XPath's order of the starting instants (periods of equal
        // length: the same as comparing the periods).
        if (as + sa < bs - sb) return -1;
        if (as - sa > bs + sb) return 1;
        if (sa == 0 && sb == 0) return 0;
        return std::nullopt;
    }
    if (ae + sa <= bs - sb) return -1; // a ends before b starts, whatever the shift
    if (be + sb <= as - sa) return 1;  // b ends before a starts
    // One period inside the other, whatever the shift: equal at the coarser precision.
    if ((as + sa <= bs - sb && be + sb <= ae - sa) || (bs + sb <= as - sa && ae + sa <= be - sb)) return 0;
    if (sa != 0 || sb != 0) return std::nullopt; // the shift decides: indeterminate
    // Overlapping without either containing the other (different timezone
    // offsets): by where they start.
    return as < bs ? -1 : 1;
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

storage::Term nowTerm(std::chrono::system_clock::time_point now) {
    using namespace std::chrono;
    auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count();
    std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return storage::Term::literal(fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900,
                                              tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms % 1000),
                                  std::string(kXsd) + "dateTime");
}

} // namespace corridor::query::functions
