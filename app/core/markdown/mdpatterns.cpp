// SPDX-License-Identifier: MIT
// The inline patterns other than links and timestamps: code spans, emphasis, strike-through,
// mentions, channel links, entities, emoji, emoticons, line breaks. Each one is a hand-written
// matcher with the exact reach of the expression Zulip uses for it (what may precede, what the
// content may hold, where it must end).
#include "emoji.h"
#include "mdinline.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::markdown::detail {

namespace {

bool mentionMayFollow(char32_t prev)
{
    return prev == 0 || isSpace(prev) || prev == '\'' || prev == '"' || prev == '(' || prev == '{'
        || prev == '[' || prev == '/' || prev == '<';
}

QString codeEscape(QStringView s)
{
    QString out;
    out.reserve(s.size());
    for (const QChar c : s) {
        if (c == u'&')
            out += u"&amp;"_s;
        else if (c == u'<')
            out += u"&lt;"_s;
        else if (c == u'>')
            out += u"&gt;"_s;
        else
            out += c;
    }
    return out;
}

Node *emojiSpan(Document &doc, const QString &codepoints, const QString &display)
{
    const QString title = display.mid(1, display.size() - 2).replace(u'_', u' ');
    Node *span = doc.create(u"span"_s);
    span->set(u"class"_s, u"emoji emoji-"_s + codepoints);
    span->set(u"title"_s, title);
    span->set(u"role"_s, u"img"_s);
    span->set(u"aria-label"_s, title);
    span->text = display;
    span->textAtomic = true;
    return span;
}

// ----- `code` ----------------------------------------------------------------------------------

// Code spans as Python-Markdown's expression finds them: an opening run of n backticks (not
// after a backslash) tries n, n-1, … 1 as its length and closes at the first later run of exactly
// that length on the same line. Runs are indexed once per text, so 100,000 backticks stay linear.
class BacktickPattern : public Pattern
{
public:
    bool searchesAgainFromStart() const override { return false; }

    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t before) override
    {
        index(data);
        const qsizetype n = data.size();
        qsizetype q = from;
        while (q < n) {
            const QChar c = data[q];
            if (c == u'\\') {
                qsizetype l = 0;
                while (q + l < n && data[q + l] == u'\\')
                    ++l;
                if (prevAt(data, q, from, before) != '\\' && l % 2 == 0 && q + l < n && data[q + l] == u'`') {
                    QString text;
                    for (qsizetype k = 0; k < l / 2; ++k)
                        text += QChar(kStx) + QChar(kBackslash) + QChar(kEtx);
                    return Hit{q, q + l, InlineValue{nullptr, text}};
                }
                q += l;
            } else if (c == u'`') {
                if (prevAt(data, q, from, before) == '\\') {
                    ++q;
                    continue;
                }
                const qsizetype r = runAt(q);
                const qsizetype length = m_runs[size_t(r)].length - (q - m_runs[size_t(r)].pos);
                for (qsizetype k = length; k >= 1; --k) {
                    if (const qsizetype close = nextRun(r, k); close >= 0) {
                        const qsizetype e = m_runs[size_t(close)].pos;
                        Node *code = engine.doc().create(u"code"_s);
                        code->text = codeEscape(data.mid(q + k, e - q - k));
                        code->textAtomic = true;
                        return Hit{q, e + k, InlineValue{code, {}}};
                    }
                }
                q += length;
            } else {
                ++q;
            }
        }
        return std::nullopt;
    }

private:
    struct Run
    {
        qsizetype pos;
        qsizetype length;
        qsizetype line;
    };

    void index(QStringView data)
    {
        if (data.data() == m_data && data.size() == m_size)
            return;
        m_data = data.data();
        m_size = data.size();
        m_runs.clear();
        m_byLength.clear();
        qsizetype line = 0;
        for (qsizetype i = 0; i < data.size();) {
            if (data[i] == u'\n') {
                ++line;
                ++i;
            } else if (data[i] == u'`') {
                qsizetype j = i;
                while (j < data.size() && data[j] == u'`')
                    ++j;
                m_byLength[key(line, j - i)].push_back(qsizetype(m_runs.size()));
                m_runs.push_back(Run{i, j - i, line});
                i = j;
            } else {
                ++i;
            }
        }
    }

    static quint64 key(qsizetype line, qsizetype length) { return (quint64(line) << 32) ^ quint64(length); }

    // The run containing position q.
    qsizetype runAt(qsizetype q) const
    {
        const auto it = std::upper_bound(m_runs.begin(), m_runs.end(), q,
                                         [](qsizetype pos, const Run &r) { return pos < r.pos; });
        return qsizetype(it - m_runs.begin()) - 1;
    }

    // The first run after run r on its line with exactly `length` backticks.
    qsizetype nextRun(qsizetype r, qsizetype length) const
    {
        const auto it = m_byLength.constFind(key(m_runs[size_t(r)].line, length));
        if (it == m_byLength.cend())
            return -1;
        const auto next = std::upper_bound(it->begin(), it->end(), r);
        return next == it->end() ? -1 : *next;
    }

    const QChar *m_data = nullptr;
    qsizetype m_size = -1;
    std::vector<Run> m_runs;
    QHash<quint64, std::vector<qsizetype>> m_byLength;
};

// ----- emphasis ----------------------------------------------------------------------------------

// ***x***: no whitespace inside the ends; the text holds no *, ^ or line break.
class StrongEmPattern : public Pattern
{
public:
    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t) override
    {
        const qsizetype n = data.size();
        for (qsizetype q = data.indexOf(u"***", from); q >= 0; q = data.indexOf(u"***", q + 1)) {
            const qsizetype c = q + 3;
            if (c >= n || isSpace(data[c]))
                continue;
            qsizetype r = c;
            while (r < n && data[r] != u'*' && data[r] != u'^' && data[r] != u'\n')
                ++r;
            if (r == c || !data.mid(r).startsWith(u"***") || isSpace(data[r - 1]))
                continue;
            Node *strong = engine.doc().create(u"strong"_s);
            Node *em = engine.doc().create(u"em"_s);
            em->text = data.mid(c, r - c).toString();
            strong->children.push_back(em);
            return Hit{q, r + 3, InlineValue{strong, {}}};
        }
        return std::nullopt;
    }
};

// **x**: the shortest text up to the next ** on the line.
class StrongPattern : public Pattern
{
public:
    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t) override
    {
        const qsizetype n = data.size();
        for (qsizetype q = data.indexOf(u"**", from); q >= 0; q = data.indexOf(u"**", q + 1)) {
            qsizetype r = q + 2;
            if (r >= n || data[r] == u'\n')
                continue;
            ++r;
            while (r + 1 < n && data[r] != u'\n' && !(data[r] == u'*' && data[r + 1] == u'*'))
                ++r;
            if (r + 1 >= n || data[r] == u'\n')
                continue;
            Node *strong = engine.doc().create(u"strong"_s);
            strong->text = data.mid(q + 2, r - q - 2).toString();
            return Hit{q, r + 2, InlineValue{strong, {}}};
        }
        return std::nullopt;
    }
};

// *x*: no whitespace inside the stars; the text holds no *, ^ or line break.
class EmphasisPattern : public Pattern
{
public:
    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t) override
    {
        const qsizetype n = data.size();
        for (qsizetype q = data.indexOf(u'*', from); q >= 0; q = data.indexOf(u'*', q + 1)) {
            const qsizetype c = q + 1;
            if (c >= n || isSpace(data[c]))
                continue;
            qsizetype r = c;
            while (r < n && data[r] != u'*' && data[r] != u'^' && data[r] != u'\n')
                ++r;
            if (r == c || r >= n || data[r] != u'*' || isSpace(data[r - 1]))
                continue;
            Node *em = engine.doc().create(u"em"_s);
            em->text = data.mid(c, r - c).toString();
            return Hit{q, r + 1, InlineValue{em, {}}};
        }
        return std::nullopt;
    }
};

// ~~x~~: not inside longer runs of tildes; the text holds no ~ or line break.
class DelPattern : public Pattern
{
public:
    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t before) override
    {
        const qsizetype n = data.size();
        for (qsizetype q = data.indexOf(u"~~", from); q >= 0; q = data.indexOf(u"~~", q + 1)) {
            if (prevAt(data, q, from, before) == '~')
                continue;
            const qsizetype c = q + 2;
            qsizetype r = c;
            while (r < n && data[r] != u'~' && data[r] != u'\n')
                ++r;
            if (r == c || !data.mid(r).startsWith(u"~~") || (r + 2 < n && data[r + 2] == u'~'))
                continue;
            Node *del = engine.doc().create(u"del"_s);
            del->text = data.mid(c, r - c).toString();
            return Hit{q, r + 2, InlineValue{del, {}}};
        }
        return std::nullopt;
    }
};

// A lone run of one to three * or _ between whitespace stays text (and out of later patterns).
class NotStrongPattern : public Pattern
{
public:
    bool searchesAgainFromStart() const override { return false; }

    std::optional<Hit> find(InlineEngine &, QStringView data, qsizetype from, char32_t before) override
    {
        const qsizetype n = data.size();
        for (qsizetype q = from; q < n; ++q) {
            const QChar c = data[q];
            if (c != u'*' && c != u'_')
                continue;
            const char32_t prev = prevAt(data, q, from, before);
            const bool atStart = q == 0 || (q == from && before == 0);
            if (!atStart && !isSpace(prev))
                continue;
            qsizetype e = q;
            while (e < n && data[e] == c)
                ++e;
            if (e - q <= 3 && (e == n || isSpace(data[e])))
                return Hit{q, e, InlineValue{nullptr, data.mid(q, e - q).toString()}};
            q = e - 1;
        }
        return std::nullopt;
    }
};

// ----- mentions and channel links --------------------------------------------------------------

qint64 resolve(const std::function<std::optional<qint64>(const QString &)> &lookup, const QString &name)
{
    if (lookup) {
        if (const auto id = lookup(name))
            return *id;
    }
    return derivedId(name);
}

// @**Name**, @_**Name** (silent), @**Name|42**, @**all** and the other wildcards.
class UserMentionPattern : public Pattern
{
public:
    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t before) override
    {
        const qsizetype n = data.size();
        for (qsizetype q = data.indexOf(u'@', from); q >= 0; q = data.indexOf(u'@', q + 1)) {
            if (!mentionMayFollow(prevAt(data, q, from, before)))
                continue;
            qsizetype j = q + 1;
            const bool silent = j < n && data[j] == u'_';
            if (silent)
                ++j;
            if (j + 1 >= n || data[j] != u'*' || data[j + 1] != u'*')
                continue;
            const qsizetype nameB = j + 2;
            const qsizetype r = data.indexOf(u'*', nameB);
            if (r < 0 || r == nameB || r + 1 >= n || data[r + 1] != u'*')
                continue;
            if (Node *span = mention(engine, data.mid(nameB, r - nameB).toString(), silent))
                return Hit{q, r + 2, InlineValue{span, {}}};
            q = r + 1; // rejected: the search goes on after the match
        }
        return std::nullopt;
    }

private:
    static Node *mention(InlineEngine &engine, const QString &match, bool silent)
    {
        QString name = match;
        QString id;
        const qsizetype bar = match.lastIndexOf(u'|');
        if (bar >= 0 && bar + 1 < match.size()) {
            const QStringView digits = QStringView(match).mid(bar + 1);
            const bool allDigits = std::all_of(digits.begin(), digits.end(), [](QChar c) { return c.isDigit(); });
            const QStringView full = QStringView(match).left(bar);
            if (allDigits && !full.contains(u'\n')) {
                if (full.isEmpty())
                    return nullptr; // @**|42**: the name is in Zulip's database only
                name = full.toString();
                id = digits.toString();
            }
        }
        Node *span = engine.doc().create(u"span"_s);
        QString cls;
        QString text = u'@' + name;
        if (name == u"all" || name == u"everyone" || name == u"stream" || name == u"channel") {
            cls = u"user-mention channel-wildcard-mention"_s;
            span->set(u"data-user-id"_s, u"*"_s);
        } else if (name == u"topic") {
            cls = u"topic-mention"_s;
        } else {
            cls = u"user-mention"_s;
            if (id.isEmpty())
                id = QString::number(resolve(engine.options().userId, name));
            span->set(u"data-user-id"_s, id);
        }
        if (silent) {
            cls += u" silent"_s;
            text = name;
        }
        span->set(u"class"_s, cls);
        span->text = text;
        span->textAtomic = true;
        return span;
    }
};

// @*group* and @_*group*.
class GroupMentionPattern : public Pattern
{
public:
    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t before) override
    {
        const qsizetype n = data.size();
        for (qsizetype q = data.indexOf(u'@', from); q >= 0; q = data.indexOf(u'@', q + 1)) {
            if (!mentionMayFollow(prevAt(data, q, from, before)))
                continue;
            qsizetype j = q + 1;
            const bool silent = j < n && data[j] == u'_';
            if (silent)
                ++j;
            if (j >= n || data[j] != u'*')
                continue;
            const qsizetype nameB = j + 1;
            const qsizetype r = data.indexOf(u'*', nameB);
            if (r < 0 || r == nameB)
                continue;
            const QString name = data.mid(nameB, r - nameB).toString();
            Node *span = engine.doc().create(u"span"_s);
            span->set(u"class"_s, silent ? u"user-group-mention silent"_s : u"user-group-mention"_s);
            span->set(u"data-user-group-id"_s, QString::number(derivedId(name)));
            span->text = silent ? name : u'@' + name;
            span->textAtomic = true;
            return Hit{q, r + 1, InlineValue{span, {}}};
        }
        return std::nullopt;
    }
};

// #**channel**, #**channel>topic**, #**channel>topic@123** (which of the three is the kind).
class ChannelLinkPattern : public Pattern
{
public:
    enum class Kind { Message, Topic, Channel };
    explicit ChannelLinkPattern(Kind kind)
        : m_kind(kind)
    {
    }

    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t before) override
    {
        const qsizetype n = data.size();
        for (qsizetype q = data.indexOf(u"#**", from); q >= 0; q = data.indexOf(u"#**", q + 1)) {
            if (!mentionMayFollow(prevAt(data, q, from, before)))
                continue;
            const qsizetype nameB = q + 3;
            if (m_kind == Kind::Channel) {
                const qsizetype r = data.indexOf(u'*', nameB);
                if (r < 0 || r == nameB || r + 1 >= n || data[r + 1] != u'*')
                    continue;
                return Hit{q, r + 2, InlineValue{channelLink(engine, data.mid(nameB, r - nameB).toString()), {}}};
            }
            qsizetype s = nameB;
            while (s < n && data[s] != u'*' && data[s] != u'>')
                ++s;
            if (s == nameB || s >= n || data[s] != u'>')
                continue;
            const qsizetype r = data.indexOf(u'*', s + 1);
            if (r < 0 || r + 1 >= n || data[r + 1] != u'*')
                continue;
            const QString channel = data.mid(nameB, s - nameB).toString();
            if (m_kind == Kind::Topic)
                return Hit{q, r + 2, InlineValue{topicLink(engine, channel, data.mid(s + 1, r - s - 1).toString()), {}}};
            qsizetype d = r;
            while (d > s + 1 && isDigitAt(data, d - 1))
                --d;
            if (d == r || d - 1 < s + 1 || data[d - 1] != u'@')
                continue;
            return Hit{q, r + 2,
                       InlineValue{messageLink(engine, channel, data.mid(s + 1, d - 1 - s - 1).toString(),
                                               data.mid(d, r - d).toString()),
                                   {}}};
        }
        return std::nullopt;
    }

private:
    static QString channelPath(InlineEngine &engine, const QString &channel, qint64 *id)
    {
        *id = resolve(engine.options().channelId, channel);
        return u"/#narrow/channel/"_s + QString::number(*id) + u'-' + hashEncode(QString(channel).replace(u' ', u'-'));
    }

    static Node *channelLink(InlineEngine &engine, const QString &channel)
    {
        qint64 id = 0;
        Node *a = engine.doc().create(u"a"_s);
        a->set(u"class"_s, u"stream"_s);
        a->set(u"href"_s, channelPath(engine, channel, &id));
        a->set(u"data-stream-id"_s, QString::number(id));
        a->text = u'#' + channel;
        a->textAtomic = true;
        return a;
    }

    static Node *topicLink(InlineEngine &engine, const QString &channel, const QString &topic)
    {
        qint64 id = 0;
        Node *a = engine.doc().create(u"a"_s);
        a->set(u"class"_s, u"stream-topic"_s);
        a->set(u"href"_s, channelPath(engine, channel, &id) + u"/topic/"_s + hashEncode(topic));
        a->set(u"data-stream-id"_s, QString::number(id));
        a->textAtomic = true;
        if (topic.isEmpty()) {
            // The empty topic shows as the realm's name for it.
            a->text = u'#' + channel + u" > "_s;
            Node *em = engine.doc().create(u"em"_s);
            em->text = u"general chat"_s;
            em->textAtomic = true;
            a->children.push_back(em);
        } else {
            a->text = u'#' + channel + u" > "_s + topic;
        }
        return a;
    }

    static Node *messageLink(InlineEngine &engine, const QString &channel, const QString &topic, const QString &message)
    {
        qint64 id = 0;
        Node *a = engine.doc().create(u"a"_s);
        a->set(u"class"_s, u"message-link"_s);
        a->set(u"href"_s, channelPath(engine, channel, &id) + u"/topic/"_s + hashEncode(topic) + u"/near/"_s + message);
        a->text = u'#' + channel + u" > "_s + topic + u" @ \U0001F4AC"_s;
        a->textAtomic = true;
        return a;
    }

    Kind m_kind;
};

// $$TeX$$: there is no TeX engine here, so it renders as Zulip renders TeX it cannot typeset.
class TexPattern : public Pattern
{
public:
    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t before) override
    {
        const qsizetype n = data.size();
        for (qsizetype q = data.indexOf(u"$$", from); q >= 0; q = data.indexOf(u"$$", q + 1)) {
            const char32_t prev = prevAt(data, q, from, before);
            if (prev == '$' || (prev != 0 && isWord(prev)))
                continue;
            const qsizetype b = q + 2;
            if (b >= n || data[b] == u'\n' || data[b] == u'_' || data[b] == u'$')
                continue;
            // The body: escaped dollars or anything but $ and line breaks, as long as possible;
            // giving back an escape pair may let its dollar start the end.
            std::vector<qsizetype> escapes;
            qsizetype i = b + 1;
            while (i < n) {
                if (data[i] == u'\\' && i + 1 < n && data[i + 1] == u'$') {
                    escapes.push_back(i);
                    i += 2;
                } else if (data[i] != u'$' && data[i] != u'\n') {
                    ++i;
                } else {
                    break;
                }
            }
            std::vector<qsizetype> ends{i};
            for (auto it = escapes.rbegin(); it != escapes.rend(); ++it)
                ends.push_back(*it + 1);
            for (const qsizetype e : ends) {
                if (e + 1 >= n || data[e] != u'$' || data[e + 1] != u'$')
                    continue;
                if (e + 2 < n && (data[e + 2] == u'$' || isWordAt(data, e + 2)))
                    continue;
                Node *span = engine.doc().create(u"span"_s);
                span->set(u"class"_s, u"tex-error"_s);
                span->text = u"$$"_s + data.mid(b, e - b) + u"$$"_s;
                span->textAtomic = true;
                return Hit{q, e + 2, InlineValue{span, {}}};
            }
        }
        return std::nullopt;
    }
};

// ----- entities, emoji, emoticons, line breaks -------------------------------------------------

// &amp; &#39; &#x1F; stay as they are (raw).
class EntityPattern : public Pattern
{
public:
    bool searchesAgainFromStart() const override { return false; }

    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t) override
    {
        const qsizetype n = data.size();
        const auto isDigit = [](QChar c) { return c.unicode() >= '0' && c.unicode() <= '9'; };
        const auto isHex = [&](QChar c) {
            const char16_t u = c.unicode();
            return isDigit(c) || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
        };
        const auto isAlnum = [&](QChar c) {
            const char16_t u = c.unicode();
            return isDigit(c) || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
        };
        for (qsizetype q = data.indexOf(u'&', from); q >= 0; q = data.indexOf(u'&', q + 1)) {
            qsizetype i = q + 1;
            qsizetype start = i;
            if (i < n && data[i] == u'#') {
                // &#123; or &#x7B;
                ++i;
                const bool hex = i < n && data[i] == u'x';
                if (hex)
                    ++i;
                start = i;
                while (i < n && (hex ? isHex(data[i]) : isDigit(data[i])))
                    ++i;
            } else {
                while (i < n && isAlnum(data[i]))
                    ++i;
            }
            if (i == start || i >= n || data[i] != u';')
                continue;
            const QString entity = data.mid(q, i + 1 - q).toString();
            return Hit{q, i + 1, InlineValue{nullptr, engine.doc().stashHtml(entity)}};
        }
        return std::nullopt;
    }
};

// :name: for a known emoji (and :zulip:); other names stay text.
class EmojiPattern : public Pattern
{
public:
    bool searchesAgainFromStart() const override { return false; }

    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t) override
    {
        const qsizetype n = data.size();
        for (qsizetype q = data.indexOf(u':', from); q >= 0; q = data.indexOf(u':', q + 1)) {
            qsizetype r = q + 1;
            while (r < n && (isWordAt(data, r) || data[r] == u'-' || data[r] == u'+'))
                ++r;
            if (r == q + 1 || r >= n || data[r] != u':')
                continue;
            const QStringView name = data.mid(q + 1, r - q - 1);
            const QString display = data.mid(q, r + 1 - q).toString();
            InlineValue value;
            if (const auto src = emoji::imageSource(name)) {
                Node *img = engine.doc().create(u"img"_s);
                img->set(u"src"_s, *src);
                img->set(u"class"_s, u"emoji"_s);
                img->set(u"alt"_s, display);
                img->set(u"title"_s, name.toString().replace(u'_', u' '));
                value.node = img;
            } else if (const auto e = emoji::byName(name)) {
                value.node = emojiSpan(engine.doc(), e->codepoints, display);
            } else {
                value.text = display;
            }
            return Hit{q, r + 1, value};
        }
        return std::nullopt;
    }
};

bool isTerminal(char32_t c)
{
    return c == 0 || c == ',' || c == '.' || c == ';' || c == '?' || c == '!' || c == '(' || c == ')'
        || c == '[' || c == ']' || c == ' ' || c == '"' || c == '\'' || c == '\n' || c == '\t';
}

// :) and friends, when the user translates emoticons.
class EmoticonPattern : public Pattern
{
public:
    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t before) override
    {
        const qsizetype n = data.size();
        for (qsizetype q = from; q < n; ++q) {
            if (!isTerminal(prevAt(data, q, from, before)))
                continue;
            for (qsizetype len = 2; len <= 3 && q + len <= n; ++len) {
                const auto name = emoji::emoticonName(data.mid(q, len));
                if (!name || (q + len < n && !isTerminal(data[q + len].unicode())))
                    continue;
                const auto e = emoji::byName(*name);
                if (!e)
                    continue;
                return Hit{q, q + len, InlineValue{emojiSpan(engine.doc(), e->codepoints, u':' + *name + u':'), {}}};
            }
        }
        return std::nullopt;
    }
};

class LineBreakPattern : public Pattern
{
public:
    bool searchesAgainFromStart() const override { return false; }

    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t) override
    {
        const qsizetype q = data.indexOf(u'\n', from);
        if (q < 0)
            return std::nullopt;
        return Hit{q, q + 1, InlineValue{engine.doc().create(u"br"_s), {}}};
    }
};

// Emoji typed as Unicode. A sequence Zulip does not know stays text as a whole.
class UnicodeEmojiPattern : public Pattern
{
public:
    bool searchesAgainFromStart() const override { return false; }

    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t) override
    {
        qsizetype q = from;
        while (q < data.size()) {
            const char16_t u = data[q].unicode();
            if (u < 0x23 || (u >= 0x3A && u < 0xA9) || u == kStx || u == kEtx) {
                ++q; // nothing below © but # * 0-9 can start an emoji
                continue;
            }
            qsizetype length = 0;
            if (const auto e = emoji::matchAt(data, q, &length))
                return Hit{q, q + length, InlineValue{emojiSpan(engine.doc(), e->codepoints, u':' + e->name + u':'), {}}};
            q += std::max<qsizetype>(length, 1);
        }
        return std::nullopt;
    }
};

} // namespace

std::vector<std::unique_ptr<Pattern>> makePatterns(const Options &options)
{
    std::vector<std::unique_ptr<Pattern>> p;
    p.push_back(std::make_unique<BacktickPattern>());
    p.push_back(std::make_unique<StrongEmPattern>());
    p.push_back(std::make_unique<UserMentionPattern>());
    p.push_back(std::make_unique<TexPattern>());
    p.push_back(std::make_unique<ChannelLinkPattern>(ChannelLinkPattern::Kind::Message));
    p.push_back(std::make_unique<ChannelLinkPattern>(ChannelLinkPattern::Kind::Topic));
    p.push_back(std::make_unique<ChannelLinkPattern>(ChannelLinkPattern::Kind::Channel));
    p.push_back(makeTimestampPattern());
    p.push_back(std::make_unique<GroupMentionPattern>());
    p.push_back(makeLinkPattern());
    p.push_back(makeAutolinkPattern());
    p.push_back(std::make_unique<EntityPattern>());
    p.push_back(std::make_unique<StrongPattern>());
    p.push_back(std::make_unique<EmphasisPattern>());
    p.push_back(std::make_unique<DelPattern>());
    p.push_back(std::make_unique<NotStrongPattern>());
    p.push_back(std::make_unique<EmojiPattern>());
    if (options.translateEmoticons)
        p.push_back(std::make_unique<EmoticonPattern>());
    p.push_back(std::make_unique<LineBreakPattern>());
    p.push_back(std::make_unique<UnicodeEmojiPattern>());
    return p;
}

} // namespace hb::markdown::detail
