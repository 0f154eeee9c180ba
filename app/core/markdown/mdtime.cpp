// SPDX-License-Identifier: MIT
// <time:…>: Zulip's global times. The text is read the way python-dateutil reads it (month
// names, ordinals, 12-hour clocks, time zone abbreviations, ISO 8601), or failing that as Unix
// seconds; fields left out default to today, midnight, UTC.
#include "mdinline.h"

#include <QDateTime>
#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace hb::markdown::detail {

namespace {

struct Token
{
    enum Kind { Number, Word, Symbol } kind;
    QString text;
};

// Splits into runs of digits (with the dots of a decimal), runs of letters and single symbols;
// whitespace and commas separate.
std::vector<Token> tokenize(const QString &s)
{
    std::vector<Token> out;
    qsizetype i = 0;
    while (i < s.size()) {
        const QChar c = s[i];
        if (c.isSpace() || c == u',') {
            ++i;
        } else if (c.isDigit()) {
            qsizetype j = i;
            while (j < s.size() && (s[j].isDigit() || (s[j] == u'.' && j + 1 < s.size() && s[j + 1].isDigit())))
                ++j;
            out.push_back({Token::Number, s.mid(i, j - i)});
            i = j;
        } else if (c.isLetter()) {
            qsizetype j = i;
            while (j < s.size() && s[j].isLetter())
                ++j;
            out.push_back({Token::Word, s.mid(i, j - i)});
            i = j;
        } else {
            out.push_back({Token::Symbol, QString(c)});
            ++i;
        }
    }
    return out;
}

int monthOf(const QString &word)
{
    static const QStringList kMonths = {u"jan"_s, u"feb"_s, u"mar"_s, u"apr"_s, u"may"_s, u"jun"_s,
                                        u"jul"_s, u"aug"_s, u"sep"_s, u"oct"_s, u"nov"_s, u"dec"_s};
    static const QStringList kFull = {u"january"_s, u"february"_s, u"march"_s, u"april"_s, u"may"_s,
                                      u"june"_s, u"july"_s, u"august"_s, u"september"_s, u"october"_s,
                                      u"november"_s, u"december"_s};
    const QString w = word.toLower();
    if (w == u"sept")
        return 9;
    for (int m = 0; m < 12; ++m) {
        if (w == kMonths[m] || w == kFull[m])
            return m + 1;
    }
    return 0;
}

bool isWeekday(const QString &word)
{
    static const QStringList kDays = {u"mon"_s, u"tue"_s, u"wed"_s, u"thu"_s, u"fri"_s, u"sat"_s,
                                      u"sun"_s, u"monday"_s, u"tuesday"_s, u"wednesday"_s,
                                      u"thursday"_s, u"friday"_s, u"saturday"_s, u"sunday"_s,
                                      u"tues"_s, u"thur"_s, u"thurs"_s};
    return kDays.contains(word.toLower());
}

// Zulip's time zone abbreviations (seconds east of UTC).
std::optional<int> zoneOffset(const QString &word)
{
    static const QHash<QString, int> kZones = {
        {u"SST"_s, -39600}, {u"HST"_s, -36000}, {u"AKST"_s, -32400}, {u"HDT"_s, -32400},
        {u"AKDT"_s, -28800}, {u"PST"_s, -28800}, {u"MST"_s, -25200}, {u"PDT"_s, -25200},
        {u"CST"_s, -21600}, {u"MDT"_s, -21600}, {u"CDT"_s, -18000}, {u"EST"_s, -18000},
        {u"AST"_s, -14400}, {u"EDT"_s, -14400}, {u"NST"_s, -12600}, {u"ADT"_s, -10800},
        {u"NDT"_s, -9000}, {u"GMT"_s, 0}, {u"UTC"_s, 0}, {u"WET"_s, 0}, {u"BST"_s, 3600},
        {u"CET"_s, 3600}, {u"MET"_s, 3600}, {u"WAT"_s, 3600}, {u"WEST"_s, 3600}, {u"CAT"_s, 7200},
        {u"CEST"_s, 7200}, {u"EET"_s, 7200}, {u"MEST"_s, 7200}, {u"SAST"_s, 7200},
        {u"EAT"_s, 10800}, {u"EEST"_s, 10800}, {u"IDT"_s, 10800}, {u"MSK"_s, 10800},
        {u"PKT"_s, 18000}, {u"IST"_s, 19800}, {u"WIB"_s, 25200}, {u"AWST"_s, 28800},
        {u"HKT"_s, 28800}, {u"WITA"_s, 28800}, {u"JST"_s, 32400}, {u"KST"_s, 32400},
        {u"WIT"_s, 32400}, {u"ACST"_s, 34200}, {u"AEST"_s, 36000}, {u"ChST"_s, 36000},
        {u"ACDT"_s, 37800}, {u"AEDT"_s, 39600}, {u"NZST"_s, 43200}, {u"NZDT"_s, 46800},
        {u"Z"_s, 0}, {u"z"_s, 0}, {u"UT"_s, 0},
    };
    const auto it = kZones.constFind(word);
    if (it == kZones.cend())
        return std::nullopt;
    return *it;
}

struct Fields
{
    int year = -1;
    int month = -1;
    int day = -1;
    int hour = -1;
    int minute = 0;
    int second = 0;
    int micro = 0;
    std::optional<int> offset; // seconds east of UTC
    int ampm = 0;              // 1 am, 2 pm
};

int twoDigitYear(int y)
{
    // python-dateutil: the century that puts the year within 50 years of now.
    const int now = QDate::currentDate().year();
    int full = y + now / 100 * 100;
    if (full >= now + 50)
        full -= 100;
    else if (full < now - 50)
        full += 100;
    return full;
}

bool parseClock(const std::vector<Token> &t, size_t &i, Fields &f)
{
    // H:MM[:SS[.ffffff]]
    const QString &h = t[i].text;
    if (h.contains(u'.') || h.size() > 2)
        return false;
    f.hour = h.toInt();
    i += 2;
    if (i >= t.size() || t[i].kind != Token::Number || t[i].text.size() != 2)
        return false;
    f.minute = t[i].text.toInt();
    ++i;
    if (i + 1 < t.size() && t[i].kind == Token::Symbol && t[i].text == u":" && t[i + 1].kind == Token::Number) {
        const QString sec = t[i + 1].text;
        const qsizetype dot = sec.indexOf(u'.');
        f.second = sec.left(dot < 0 ? sec.size() : dot).toInt();
        if (dot >= 0)
            f.micro = int(std::lround(QStringView(sec).mid(dot).toDouble() * 1e6));
        i += 2;
    }
    return true;
}

bool parseOffset(const std::vector<Token> &t, size_t &i, Fields &f)
{
    // +HH:MM, +HHMM, +HH after a time.
    const int sign = t[i].text == u"-" ? -1 : 1;
    if (i + 1 >= t.size() || t[i + 1].kind != Token::Number)
        return false;
    const QString n = t[i + 1].text;
    int hours = 0;
    int minutes = 0;
    i += 2;
    if (n.size() == 4) {
        hours = n.left(2).toInt();
        minutes = n.mid(2).toInt();
    } else if (n.size() <= 2) {
        hours = n.toInt();
        if (i + 1 < t.size() && t[i].text == u":" && t[i + 1].kind == Token::Number) {
            minutes = t[i + 1].text.toInt();
            i += 2;
        }
    } else {
        return false;
    }
    f.offset = sign * (hours * 3600 + minutes * 60);
    return true;
}

std::optional<Fields> parseFields(const QString &text)
{
    const std::vector<Token> t = tokenize(text);
    if (t.empty())
        return std::nullopt;
    Fields f;
    constexpr int kMonthName = std::numeric_limits<int>::min(); // where a month name stood
    std::vector<int> numbers; // date numbers not yet placed (negative: four digits)
    for (size_t i = 0; i < t.size();) {
        const Token &tok = t[i];
        if (tok.kind == Token::Number) {
            const bool clock = i + 2 < t.size() && t[i + 1].kind == Token::Symbol && t[i + 1].text == u":";
            if (clock && f.hour < 0) {
                if (!parseClock(t, i, f))
                    return std::nullopt;
                continue;
            }
            const QString &n = tok.text;
            if (n.contains(u'.'))
                return std::nullopt;
            if (n.size() == 8 && numbers.empty() && f.year < 0) { // YYYYMMDD
                f.year = n.left(4).toInt();
                f.month = n.mid(4, 2).toInt();
                f.day = n.mid(6, 2).toInt();
            } else if (n.size() == 6 && numbers.empty() && f.year < 0) { // YYMMDD
                f.year = twoDigitYear(n.left(2).toInt());
                f.month = n.mid(2, 2).toInt();
                f.day = n.mid(4, 2).toInt();
            } else if (n.size() > 4) {
                return std::nullopt;
            } else if (i + 1 < t.size() && t[i + 1].kind == Token::Word
                       && (t[i + 1].text.compare(u"am"_s, Qt::CaseInsensitive) == 0
                           || t[i + 1].text.compare(u"pm"_s, Qt::CaseInsensitive) == 0)
                       && f.hour < 0) {
                f.hour = n.toInt(); // "5pm"
            } else {
                // Four digits are a year (kept negative here, "0000" included).
                numbers.push_back(n.size() == 4 ? -n.toInt() - 1 : n.toInt());
            }
            ++i;
            continue;
        }
        if (tok.kind == Token::Word) {
            const QString w = tok.text.toLower();
            if (const int m = monthOf(tok.text)) {
                if (f.month > 0)
                    return std::nullopt;
                f.month = m;
                numbers.push_back(kMonthName);
            } else if (isWeekday(tok.text)) {
            } else if (w == u"am" || w == u"pm") {
                if (f.hour < 0 || f.hour > 12)
                    return std::nullopt;
                f.ampm = w == u"am" ? 1 : 2;
            } else if (w == u"st" || w == u"nd" || w == u"rd" || w == u"th" || w == u"at" || w == u"on"
                       || w == u"of" || w == u"and" || w == u"t") {
            } else if (const auto off = zoneOffset(tok.text); off && (f.hour >= 0 || w == u"utc" || w == u"gmt" || w == u"z")) {
                f.offset = *off;
                if (i + 1 < t.size() && t[i + 1].kind == Token::Symbol && (t[i + 1].text == u"+" || t[i + 1].text == u"-")) {
                    ++i;
                    Fields g;
                    if (!parseOffset(t, i, g))
                        return std::nullopt;
                    // "UTC+3" means three hours east
                    f.offset = *f.offset + *g.offset;
                    continue;
                }
            } else if (f.hour >= 0 && tok.text.size() <= 5
                       && std::all_of(tok.text.begin(), tok.text.end(), [](QChar c) { return c.unicode() >= 'A' && c.unicode() <= 'Z'; })) {
                // An unknown zone name after a time: dateutil ignores it (the time stays UTC).
            } else {
                return std::nullopt;
            }
            ++i;
            continue;
        }
        const QString &s = tok.text;
        if ((s == u"+" || s == u"-") && f.hour >= 0) {
            if (!parseOffset(t, i, f))
                return std::nullopt;
            continue;
        }
        if (s != u"-" && s != u"/" && s != u"." && s != u":" && s != u";")
            return std::nullopt;
        ++i;
    }
    // Place the date numbers: four digits are a year; a number after a month name is its day.
    std::vector<int> rest;
    int monthIndex = -1;
    for (size_t k = 0; k < numbers.size(); ++k) {
        if (numbers[k] == kMonthName)
            monthIndex = int(k);
    }
    for (size_t k = 0; k < numbers.size(); ++k) {
        const int v = numbers[k];
        if (v == kMonthName)
            continue;
        if (v < 0) {
            if (f.year >= 0)
                return std::nullopt;
            f.year = -v - 1;
        } else {
            rest.push_back(v);
        }
    }
    if (monthIndex >= 0) {
        // "Jun 5 2017", "5 Jun 17"
        for (const int v : rest) {
            if (f.day < 0 && v <= 31)
                f.day = v;
            else if (f.year < 0)
                f.year = v < 100 ? twoDigitYear(v) : v;
            else
                return std::nullopt;
        }
    } else if (f.year >= 0 && rest.size() == 2 && numbers.front() < 0 && numbers.front() != kMonthName) { // 2017-06-05
        f.month = rest[0];
        f.day = rest[1];
    } else if (rest.size() == 3 || (rest.size() == 2 && f.year >= 0)) { // 06/05/2017, 05/06/17
        const int a = rest[0];
        const int b = rest[1];
        if (a > 12) {
            f.day = a;
            f.month = b;
        } else {
            f.month = a;
            f.day = b;
        }
        if (rest.size() == 3) {
            if (f.year >= 0)
                return std::nullopt;
            f.year = rest[2] < 100 ? twoDigitYear(rest[2]) : rest[2];
        }
    } else if (rest.size() == 2) { // month and day of this year
        f.month = rest[0];
        f.day = rest[1];
        if (f.month > 12)
            std::swap(f.month, f.day);
    } else if (rest.size() == 1) {
        f.day = rest[0];
    } else if (!rest.empty()) {
        return std::nullopt;
    }
    return f;
}

QString isoOf(const QDateTime &utc, int micro)
{
    QString s = utc.toString(u"yyyy-MM-ddTHH:mm:ss"_s);
    if (micro)
        s += u'.' + QString::number(micro).rightJustified(6, u'0');
    return s + u'Z';
}

std::optional<QString> fromFields(const Fields &f)
{
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const int year = f.year >= 0 ? f.year : today.year();
    const int month = f.month >= 0 ? f.month : today.month();
    const int day = f.day >= 0 ? f.day : today.day();
    int hour = f.hour < 0 ? 0 : f.hour;
    if (f.ampm == 2 && hour < 12)
        hour += 12;
    else if (f.ampm == 1 && hour == 12)
        hour = 0;
    const QDate date(year, month, day);
    const QTime time(hour, f.minute, f.second);
    if (year < 1 || year > 9999 || !date.isValid() || !time.isValid() || f.micro < 0 || f.micro > 999999)
        return std::nullopt;
    QDateTime dt(date, time, Qt::UTC);
    if (f.offset)
        dt = dt.addSecs(-*f.offset);
    if (dt.date().year() < 1 || dt.date().year() > 9999)
        return std::nullopt;
    return isoOf(dt, f.micro);
}

// Python's float(): decimal digits, an optional sign, fraction and exponent, underscores
// between digits.
std::optional<double> pyFloat(const QString &text)
{
    QString s = pyStrip(text).toString();
    if (s.isEmpty() || s.startsWith(u'_') || s.endsWith(u'_') || s.contains(u"__"_s))
        return std::nullopt;
    s.remove(u'_');
    bool ok = false;
    const double v = s.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

class TimestampPattern : public Pattern
{
public:
    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t) override
    {
        const qsizetype q = data.indexOf(u"<time:", from);
        if (q < 0)
            return std::nullopt;
        const qsizetype close = data.indexOf(u'>', q + 6);
        if (close < 0)
            return std::nullopt; // no later "<time:" can close either
        const QString text = data.mid(q + 6, close - q - 6).toString();
        Node *n = nullptr;
        if (const auto iso = parseTimestamp(text)) {
            n = engine.doc().create(u"time"_s);
            n->set(u"datetime"_s, *iso);
            n->text = text;
        } else {
            n = engine.doc().create(u"span"_s);
            n->set(u"class"_s, u"timestamp-error"_s);
            n->text = u"Invalid time format: "_s + text;
        }
        n->textAtomic = true;
        return Hit{q, close + 1, InlineValue{n, {}}};
    }
};

} // namespace

std::optional<QString> parseTimestamp(const QString &text)
{
    if (const auto fields = parseFields(text)) {
        if (const auto iso = fromFields(*fields))
            return iso;
    }
    const auto seconds = pyFloat(text);
    if (!seconds)
        return std::nullopt;
    const double whole = std::floor(*seconds);
    qint64 secs = qint64(whole);
    int micro = int(std::llround((*seconds - whole) * 1e6));
    if (micro >= 1000000) {
        ++secs;
        micro -= 1000000;
    }
    if (whole < -62135596800.0 || whole > 253402300799.0)
        return std::nullopt;
    return isoOf(QDateTime::fromSecsSinceEpoch(secs, Qt::UTC), micro);
}

std::unique_ptr<Pattern> makeTimestampPattern()
{
    return std::make_unique<TimestampPattern>();
}

} // namespace hb::markdown::detail
