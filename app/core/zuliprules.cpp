// SPDX-License-Identifier: MIT
#include "zuliprules.h"

#include "json.h"

#include <algorithm>

namespace hb::zulip {

qsizetype codePointLength(QStringView s)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i].isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate())
            ++i;
        ++n;
    }
    return n;
}

namespace {

// The first `count` code points of s.
QString leftCodePoints(const QString &s, qsizetype count)
{
    qsizetype i = 0;
    for (qsizetype n = 0; n < count && i < s.size(); ++n) {
        if (s[i].isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate())
            ++i;
        ++i;
    }
    return s.left(i);
}

bool isPythonSpace(QChar c)
{
    // str.isspace(): Unicode whitespace plus the ASCII separators \x1c-\x1f.
    return c.isSpace() || (c.unicode() >= 0x1c && c.unicode() <= 0x1f);
}

QString rstripped(const QString &s)
{
    qsizetype end = s.size();
    while (end > 0 && isPythonSpace(s[end - 1]))
        --end;
    return s.left(end);
}

QString stripped(const QString &s)
{
    const QString r = rstripped(s);
    qsizetype start = 0;
    while (start < r.size() && isPythonSpace(r[start]))
        ++start;
    return r.mid(start);
}

} // namespace

QString truncate(const QString &text, int maxLength, const QString &suffix)
{
    if (codePointLength(text) <= maxLength)
        return text;
    return leftCodePoints(text, maxLength - codePointLength(suffix)) + suffix;
}

QString truncateTopic(const QString &topic)
{
    return truncate(topic, kMaxTopicLength, QStringLiteral("..."));
}

std::optional<QString> normalizeContent(const QString &content, QString *error)
{
    QString body = rstripped(content);
    qsizetype start = 0;
    while (start < body.size() && body[start] == u'\n')
        ++start;
    body = body.mid(start);
    if (body.isEmpty()) {
        if (error)
            *error = QStringLiteral("Message must not be empty");
        return std::nullopt;
    }
    if (body.contains(QChar(0))) {
        if (error)
            *error = QStringLiteral("Message must not contain null bytes");
        return std::nullopt;
    }
    return truncate(body, kMaxMessageLength, QStringLiteral("\n[message truncated]"));
}

std::optional<QString> normalizeTopic(const QString &topic, QString *error)
{
    const QString t = stripped(topic);
    if (t.isEmpty()) {
        if (error)
            *error = QStringLiteral("Topic can't be empty!");
        return std::nullopt;
    }
    for (qsizetype i = 0; i < t.size(); ++i) {
        const char16_t c = t[i].unicode();
        if (c == 0 || (c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r')) {
            if (error)
                *error = QStringLiteral("Invalid character in topic, at position %1!").arg(i + 1);
            return std::nullopt;
        }
    }
    return truncateTopic(t);
}

namespace {

bool matchHere(QStringView p, QStringView n)
{
    // Iterative glob with single-star backtracking.
    qsizetype pi = 0, ni = 0, starP = -1, starN = 0;
    while (ni < n.size()) {
        if (pi < p.size() && p[pi] == u'*') {
            starP = pi++;
            starN = ni;
            continue;
        }
        if (pi < p.size() && p[pi] == u'[') {
            qsizetype j = pi + 1;
            bool negate = false;
            if (j < p.size() && (p[j] == u'!')) {
                negate = true;
                ++j;
            }
            const qsizetype setStart = j;
            if (j < p.size() && p[j] == u']')
                ++j;
            while (j < p.size() && p[j] != u']')
                ++j;
            if (j < p.size()) { // a complete [set]
                bool hit = false;
                for (qsizetype k = setStart; k < j; ++k) {
                    if (k + 2 < j && p[k + 1] == u'-') {
                        if (n[ni] >= p[k] && n[ni] <= p[k + 2])
                            hit = true;
                        k += 2;
                    } else if (p[k] == n[ni]) {
                        hit = true;
                    }
                }
                if (hit != negate) {
                    pi = j + 1;
                    ++ni;
                    continue;
                }
            } else if (n[ni] == u'[') { // a lone '[' matches itself
                ++pi;
                ++ni;
                continue;
            }
        } else if (pi < p.size() && (p[pi] == u'?' || p[pi] == n[ni])) {
            ++pi;
            ++ni;
            continue;
        }
        if (starP < 0)
            return false;
        pi = starP + 1;
        ni = ++starN;
    }
    while (pi < p.size() && p[pi] == u'*')
        ++pi;
    return pi == p.size();
}

} // namespace

bool wildcardMatch(QStringView pattern, QStringView name)
{
    return matchHere(pattern, name);
}

std::optional<QStringList> parseEventList(const QString &value)
{
    const QString v = value.trimmed();
    if (v.startsWith(u'[')) {
        const auto json = parseJson(v.toUtf8());
        if (!json || !json->isArray())
            return std::nullopt;
        QStringList out;
        for (const JsonValue &item : json->items()) {
            if (!item.isString())
                return std::nullopt;
            out.append(item.toString());
        }
        return out;
    }
    QStringList out;
    for (const QString &part : v.split(u',', Qt::SkipEmptyParts))
        out.append(part.trimmed());
    return out;
}

bool eventPassesFilters(const QString &eventType, const std::optional<QStringList> &onlyEvents,
                        const std::optional<QStringList> &excludeEvents)
{
    const auto matchesAny = [&](const QStringList &patterns) {
        return std::any_of(patterns.cbegin(), patterns.cend(),
                           [&](const QString &p) { return wildcardMatch(p, eventType); });
    };
    if (onlyEvents && !matchesAny(*onlyEvents))
        return false;
    if (excludeEvents && matchesAny(*excludeEvents))
        return false;
    return true;
}

} // namespace hb::zulip
