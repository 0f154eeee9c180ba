// SPDX-License-Identifier: MIT
#include "emoji.h"

#include <QFile>
#include <QHash>
#include <QList>
#include <QtDebug>

#include <bitset>
#include <string>
#include <unordered_map>
#include <utility>

using namespace Qt::StringLiterals;

namespace hb::emoji {
namespace {

constexpr char32_t kZeroWidthJoiner = 0x200D;
constexpr char32_t kEmojiPresentation = 0xFE0F;
constexpr char32_t kKeycap = 0x20E3;
constexpr char32_t kTagFirst = 0xE0020;
constexpr char32_t kTagLast = 0xE007E;
constexpr char32_t kTagEnd = 0xE007F;
constexpr char32_t kRegionalFirst = 0x1F1E6;
constexpr char32_t kRegionalLast = 0x1F1FF;
constexpr std::size_t kPropertyLimit = 0x20000; // no emoji property reaches past U+1FFFF

bool isRegional(char32_t c)
{
    return c >= kRegionalFirst && c <= kRegionalLast;
}

bool isTag(char32_t c)
{
    return c >= kTagFirst && c <= kTagLast;
}

class CodePointSet
{
public:
    void add(char32_t first, char32_t last)
    {
        for (char32_t c = first; c <= last && c < kPropertyLimit; ++c)
            m_bits.set(c);
    }
    bool contains(char32_t c) const { return c < kPropertyLimit && m_bits.test(c); }

private:
    std::bitset<kPropertyLimit> m_bits;
};

// The generated tables, read once from the resources. Never changed after construction.
class Table
{
public:
    Table()
    {
        loadEmoji();
        loadEmoticons();
        loadProperties();
    }

    QList<Emoji> entries;
    QHash<QString, qsizetype> byName;                                // every name -> entry
    std::unordered_map<std::u32string, qsizetype> byCodepoints;      // without U+FE0F
    QList<std::pair<QString, QString>> emoticons;                    // in Zulip's order
    qsizetype names = 0;
    CodePointSet emoji;        // Unicode property Emoji
    CodePointSet presentation; // Emoji_Presentation
    CodePointSet modifier;     // Emoji_Modifier

private:
    static QList<QStringView> dataLines(const QString &text)
    {
        QList<QStringView> lines;
        for (QStringView line : QStringView(text).split(u'\n', Qt::SkipEmptyParts)) {
            if (!line.startsWith(u'#'))
                lines.append(line);
        }
        return lines;
    }

    static QString readResource(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            qWarning("emoji: cannot read %s", qPrintable(path));
            return {};
        }
        return QString::fromUtf8(file.readAll());
    }

    static std::optional<std::u32string> parseCodepoints(QStringView hex)
    {
        std::u32string codepoints;
        for (QStringView part : hex.split(u'-')) {
            bool ok = false;
            const uint value = part.toUInt(&ok, 16);
            if (!ok || value > 0x10FFFF)
                return std::nullopt;
            codepoints.push_back(char32_t(value));
        }
        return codepoints;
    }

    void addName(QStringView name, qsizetype index)
    {
        if (!name.isEmpty()) {
            byName.insert(name.toString(), index);
            ++names;
        }
    }

    void loadEmoji()
    {
        const QString text = readResource(u":/emoji/emoji.tsv"_s);
        for (QStringView line : dataLines(text)) {
            const QList<QStringView> fields = line.split(u'\t');
            const auto codepoints = fields.size() >= 2 ? parseCodepoints(fields[0]) : std::nullopt;
            if (!codepoints) {
                qWarning("emoji: bad line in emoji.tsv: %s", qPrintable(line.toString()));
                continue;
            }
            const qsizetype index = entries.size();
            entries.append(Emoji{fields[1].toString(), fields[0].toString()});
            byCodepoints.emplace(*codepoints, index);
            addName(fields[1], index);
            if (fields.size() >= 3) {
                for (QStringView alias : fields[2].split(u' ', Qt::SkipEmptyParts))
                    addName(alias, index);
            }
        }
    }

    void loadEmoticons()
    {
        const QString text = readResource(u":/emoji/emoticons.tsv"_s);
        for (QStringView line : dataLines(text)) {
            const QList<QStringView> fields = line.split(u'\t');
            if (fields.size() == 2)
                emoticons.append({fields[0].toString(), fields[1].toString()});
        }
    }

    void loadProperties()
    {
        const QString text = readResource(u":/emoji/properties.tsv"_s);
        for (QStringView line : dataLines(text)) {
            const QList<QStringView> fields = line.split(u'\t');
            CodePointSet *set = nullptr;
            if (fields.size() == 2 && fields[0] == u"Emoji")
                set = &emoji;
            else if (fields.size() == 2 && fields[0] == u"Emoji_Presentation")
                set = &presentation;
            else if (fields.size() == 2 && fields[0] == u"Emoji_Modifier")
                set = &modifier;
            if (!set)
                continue;
            for (QStringView range : fields[1].split(u' ', Qt::SkipEmptyParts)) {
                const qsizetype dots = range.indexOf(u"..");
                const QStringView first = dots < 0 ? range : range.left(dots);
                const QStringView last = dots < 0 ? range : range.mid(dots + 2);
                bool firstOk = false;
                bool lastOk = false;
                const uint from = first.toUInt(&firstOk, 16);
                const uint to = last.toUInt(&lastOk, 16);
                if (firstOk && lastOk && from <= to)
                    set->add(char32_t(from), char32_t(to));
            }
        }
    }
};

const Table &table()
{
    static const Table instance; // thread-safe initialisation; read-only afterwards
    return instance;
}

struct CodePoint
{
    char32_t value = 0;
    qsizetype units = 0; // 0: no code point here (end of text)
};

CodePoint codePointAt(QStringView text, qsizetype i)
{
    if (i < 0 || i >= text.size())
        return {};
    const char16_t c = text[i].unicode();
    if (QChar::isHighSurrogate(c) && i + 1 < text.size() && QChar::isLowSurrogate(text[i + 1].unicode()))
        return {QChar::surrogateToUcs4(c, text[i + 1].unicode()), 2};
    return {c, 1};
}

CodePoint codePointBefore(QStringView text, qsizetype end)
{
    if (end <= 0 || end > text.size())
        return {};
    const char16_t c = text[end - 1].unicode();
    if (QChar::isLowSurrogate(c) && end >= 2 && QChar::isHighSurrogate(text[end - 2].unicode()))
        return {QChar::surrogateToUcs4(text[end - 2].unicode(), c), 2};
    return {c, 1};
}

// What may follow an emoji inside one element: a skin-tone modifier, U+FE0F (with U+20E3 for a
// keycap), or tag characters closed by CANCEL TAG (subdivision flags). Returns the new end.
qsizetype elementTail(const Table &t, QStringView text, qsizetype i, std::u32string *codepoints)
{
    const CodePoint next = codePointAt(text, i);
    if (next.units == 0)
        return i;
    if (t.modifier.contains(next.value)) {
        codepoints->push_back(next.value);
        return i + next.units;
    }
    if (next.value == kEmojiPresentation) {
        codepoints->push_back(next.value);
        const CodePoint keycap = codePointAt(text, i + 1);
        if (keycap.units != 0 && keycap.value == kKeycap) {
            codepoints->push_back(kKeycap);
            return i + 2;
        }
        return i + 1;
    }
    if (isTag(next.value)) {
        std::u32string tags;
        qsizetype j = i;
        CodePoint c = next;
        while (c.units != 0 && isTag(c.value)) {
            tags.push_back(c.value);
            j += c.units;
            c = codePointAt(text, j);
        }
        if (c.units != 0 && c.value == kTagEnd) {
            codepoints->append(tags);
            codepoints->push_back(kTagEnd);
            return j + c.units;
        }
    }
    return i;
}

struct Sequence
{
    qsizetype length = 0; // UTF-16 units; 0: nothing emoji-like here
    std::u32string codepoints;
};

// The emoji-like sequence Zulip's matcher takes at pos (Unicode TR51's "possible emoji"):
// a regional-indicator pair, or an emoji element followed by any number of ZWJ + element,
// where an element after a ZWJ may also be a regional-indicator pair.
Sequence scan(const Table &t, QStringView text, qsizetype pos)
{
    Sequence s;
    const CodePoint first = codePointAt(text, pos);
    if (first.units == 0)
        return s;
    if (isRegional(first.value)) {
        const CodePoint second = codePointAt(text, pos + first.units);
        if (second.units != 0 && isRegional(second.value)) {
            s.codepoints = {first.value, second.value};
            s.length = first.units + second.units;
            return s;
        }
    }
    if (!t.emoji.contains(first.value))
        return s;
    s.codepoints.push_back(first.value);
    qsizetype end = elementTail(t, text, pos + first.units, &s.codepoints);
    for (;;) {
        const CodePoint joiner = codePointAt(text, end);
        if (joiner.units == 0 || joiner.value != kZeroWidthJoiner)
            break;
        const qsizetype next = end + 1;
        const CodePoint a = codePointAt(text, next);
        if (a.units == 0)
            break;
        if (isRegional(a.value)) {
            const CodePoint b = codePointAt(text, next + a.units);
            if (b.units != 0 && isRegional(b.value)) {
                s.codepoints.append({kZeroWidthJoiner, a.value, b.value});
                end = next + a.units + b.units;
                continue;
            }
        }
        if (!t.emoji.contains(a.value))
            break;
        s.codepoints.append({kZeroWidthJoiner, a.value});
        end = elementTail(t, text, next + a.units, &s.codepoints);
    }
    s.length = end - pos;
    return s;
}

// True when text[pos] follows a ZWJ that joins it to an emoji before it: Zulip's matcher took
// both as one sequence, so a renderer that did not skip the whole of an unknown sequence must
// not find an emoji in its middle.
bool continuesEarlierSequence(const Table &t, QStringView text, qsizetype pos)
{
    if (pos < 2 || text[pos - 1].unicode() != kZeroWidthJoiner)
        return false;
    qsizetype end = pos - 1;
    CodePoint before = codePointBefore(text, end);
    if (before.value == kKeycap) {
        end -= before.units;
        before = codePointBefore(text, end);
        if (before.value != kEmojiPresentation)
            return false;
    }
    if (before.value == kEmojiPresentation || before.value == kTagEnd) {
        end -= before.units;
        before = codePointBefore(text, end);
        while (before.units != 0 && isTag(before.value)) {
            end -= before.units;
            before = codePointBefore(text, end);
        }
    }
    if (before.units == 0)
        return false;
    if (isRegional(before.value)) {
        // An even run of regional indicators is made of flags, which never take a ZWJ.
        qsizetype run = 0;
        while (before.units != 0 && isRegional(before.value)) {
            ++run;
            end -= before.units;
            before = codePointBefore(text, end);
        }
        return run % 2 == 1;
    }
    return t.emoji.contains(before.value);
}

bool isEmoticonBoundary(QChar c)
{
    return QStringView(u",.;?!()[] \"'\n\t").contains(c);
}

} // namespace

std::optional<Emoji> byName(QStringView name)
{
    const Table &t = table();
    const auto it = t.byName.constFind(name.toString());
    if (it == t.byName.cend())
        return std::nullopt;
    return t.entries.at(it.value());
}

std::optional<Emoji> matchAt(QStringView text, qsizetype pos, qsizetype *length)
{
    qsizetype unused = 0;
    qsizetype &matched = length ? *length : unused;
    matched = 0;
    if (pos < 0 || pos >= text.size())
        return std::nullopt;
    const char16_t c = text[pos].unicode();
    // Fast path: of ASCII only # * 0-9 can start an emoji (keycaps); a low surrogate is the
    // middle of a code point.
    if ((c < 0x80 && c != u'#' && c != u'*' && (c < u'0' || c > u'9')) || QChar::isLowSurrogate(c))
        return std::nullopt;
    const Table &t = table();
    const Sequence s = scan(t, text, pos);
    if (s.length == 0)
        return std::nullopt;
    matched = s.length;
    if (continuesEarlierSequence(t, text, pos))
        return std::nullopt;
    // One code point that is text by default ("1", "✈", "©") stays text.
    if (s.codepoints.size() == 1 && !t.presentation.contains(s.codepoints.front()))
        return std::nullopt;
    std::u32string key;
    key.reserve(s.codepoints.size());
    for (char32_t cp : s.codepoints) {
        if (cp != kEmojiPresentation)
            key.push_back(cp);
    }
    const auto it = t.byCodepoints.find(key);
    if (it == t.byCodepoints.end())
        return std::nullopt;
    return t.entries.at(it->second);
}

std::optional<QString> emoticonName(QStringView text)
{
    for (const auto &[emoticon, name] : table().emoticons) {
        if (text == emoticon)
            return name;
    }
    return std::nullopt;
}

std::optional<QString> emoticonAt(QStringView text, qsizetype pos, qsizetype *length)
{
    qsizetype unused = 0;
    qsizetype &matched = length ? *length : unused;
    matched = 0;
    if (pos < 0 || pos >= text.size() || (pos > 0 && !isEmoticonBoundary(text[pos - 1])))
        return std::nullopt;
    const QStringView rest = text.mid(pos);
    for (const auto &[emoticon, name] : table().emoticons) {
        if (!rest.startsWith(emoticon))
            continue;
        const qsizetype end = pos + emoticon.size();
        if (end == text.size() || isEmoticonBoundary(text[end])) {
            matched = emoticon.size();
            return name;
        }
    }
    return std::nullopt;
}

std::optional<QString> imageSource(QStringView name)
{
    if (name == u"zulip")
        return u"/static/generated/emoji/images/emoji/unicode/zulip.png"_s;
    return std::nullopt;
}

qsizetype emojiCount()
{
    return table().entries.size();
}

qsizetype nameCount()
{
    return table().names;
}

} // namespace hb::emoji
