// SPDX-License-Identifier: MIT
// Links: [text](url) and Zulip's autolinking of bare URLs, domains and e-mail addresses, and the
// URL rules both follow (only http, https, mailto, tel and sms, or relative links; links into the
// realm become relative).
#include "mdinline.h"
#include "tlds.h"

using namespace Qt::StringLiterals;

namespace hb::markdown::detail {

// ---------------------------------------------------------------------------------------------
// URLs

std::optional<UrlParts> splitUrl(const QString &input)
{
    QString url = input;
    qsizetype lead = 0;
    while (lead < url.size() && url[lead].unicode() <= 0x20)
        ++lead;
    url.remove(0, lead);
    url.remove(u'\t');
    url.remove(u'\r');
    url.remove(u'\n');
    UrlParts parts;
    const qsizetype colon = url.indexOf(u':');
    if (colon > 0 && url[0].unicode() < 0x80 && url[0].isLetter()) {
        bool ok = true;
        for (qsizetype i = 0; i < colon && ok; ++i) {
            const char16_t c = url[i].unicode();
            ok = c < 0x80 && (QChar(c).isLetterOrNumber() || c == '+' || c == '-' || c == '.');
        }
        if (ok) {
            parts.scheme = url.left(colon).toLower();
            url = url.mid(colon + 1);
        }
    }
    if (url.startsWith(u"//"_s)) {
        qsizetype delim = url.size();
        for (const QChar d : {u'/', u'?', u'#'}) {
            const qsizetype at = url.indexOf(d, 2);
            if (at >= 0 && at < delim)
                delim = at;
        }
        parts.netloc = url.mid(2, delim - 2);
        url = url.mid(delim);
        if (parts.netloc.contains(u'[') != parts.netloc.contains(u']'))
            return std::nullopt; // Python: "Invalid IPv6 URL"
    }
    if (const qsizetype hash = url.indexOf(u'#'); hash >= 0) {
        parts.fragment = url.mid(hash + 1);
        url.truncate(hash);
    }
    if (const qsizetype q = url.indexOf(u'?'); q >= 0) {
        parts.query = url.mid(q + 1);
        url.truncate(q);
    }
    parts.path = url;
    return parts;
}

QString joinUrl(const UrlParts &p)
{
    static const QStringList kUsesNetloc = {
        QString(), u"ftp"_s, u"http"_s, u"gopher"_s, u"nntp"_s, u"telnet"_s, u"imap"_s, u"wais"_s,
        u"file"_s, u"mms"_s, u"https"_s, u"shttp"_s, u"snews"_s, u"prospero"_s, u"rtsp"_s,
        u"rtsps"_s, u"rtspu"_s, u"rsync"_s, u"svn"_s, u"svn+ssh"_s, u"sftp"_s, u"nfs"_s, u"git"_s,
        u"git+ssh"_s, u"ws"_s, u"wss"_s, u"itms-services"_s};
    QString url = p.path;
    if (!p.netloc.isEmpty()) {
        if (!url.isEmpty() && !url.startsWith(u'/'))
            url.prepend(u'/');
        url = u"//"_s + p.netloc + url;
    } else if (url.startsWith(u"//"_s)) {
        url = u"//"_s + url;
    } else if (!p.scheme.isEmpty() && kUsesNetloc.contains(p.scheme) && (url.isEmpty() || url.startsWith(u'/'))) {
        url = u"//"_s + url;
    }
    if (!p.scheme.isEmpty())
        url = p.scheme + u':' + url;
    if (!p.query.isEmpty())
        url += u'?' + p.query;
    if (!p.fragment.isEmpty())
        url += u'#' + p.fragment;
    return url;
}

std::optional<QString> sanitizeUrl(const QString &url)
{
    const auto split = splitUrl(QString(url).replace(u' ', u"%20"_s));
    if (!split)
        return QString(); // a URL Python cannot even parse becomes an empty link
    UrlParts parts = *split;
    if (parts.scheme.isEmpty() && parts.netloc.isEmpty() && parts.path.contains(u'@')) {
        parts.scheme = u"mailto"_s;
    } else if (parts.scheme.isEmpty() && parts.netloc.isEmpty() && parts.path.startsWith(u'/')) {
        return joinUrl(UrlParts{{}, {}, parts.path, parts.query, parts.fragment});
    } else if (parts.scheme.isEmpty() && parts.netloc.isEmpty() && parts.path.isEmpty()
               && parts.query.isEmpty() && !parts.fragment.isEmpty()) {
        return joinUrl(UrlParts{{}, {}, {}, {}, parts.fragment});
    }
    if (parts.scheme.isEmpty())
        return sanitizeUrl(u"http://"_s + url);
    static const QStringList kAllowed = {u"http"_s, u"https"_s, u"mailto"_s, u"tel"_s, u"sms"_s};
    if (!kAllowed.contains(parts.scheme))
        return std::nullopt;
    return joinUrl(parts);
}

QString relativeToRealm(const QString &href, const Options &options)
{
    if (options.realmUrl.isEmpty())
        return href;
    const QString prefix = options.realmUrl + u'/';
    if (href.startsWith(prefix + u'#') || href.startsWith(prefix + u"user_uploads/"_s))
        return href.mid(prefix.size());
    return href;
}

QString percentEncode(QStringView text)
{
    static const char kHex[] = "0123456789ABCDEF";
    QString out;
    for (const char c : text.toUtf8()) {
        const uchar u = uchar(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_'
            || u == '.' || u == '-' || u == '~') {
            out += QChar(u);
        } else {
            out += u'%';
            out += QChar(kHex[u >> 4]);
            out += QChar(kHex[u & 15]);
        }
    }
    return out;
}

QString hashEncode(QStringView text)
{
    return percentEncode(text).replace(u'.', u"%2E"_s).replace(u'%', u'.');
}

namespace {

// Zulip turns a URL into a link only if it may; otherwise the URL stays text.
InlineValue urlToLink(InlineEngine &engine, const QString &url)
{
    const auto href = sanitizeUrl(url);
    if (!href)
        return InlineValue{nullptr, url};
    Node *a = engine.doc().create(u"a"_s);
    a->set(u"href"_s, relativeToRealm(*href, engine.options()));
    a->text = url;
    a->textAtomic = true;
    return InlineValue{a, {}};
}

// ---------------------------------------------------------------------------------------------
// [text](destination "title")

class LinkPattern : public Pattern
{
public:
    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t before) override
    {
        for (qsizetype q = data.indexOf(u'[', from); q >= 0; q = data.indexOf(u'[', q + 1)) {
            if (prevAt(data, q, from, before) == '!')
                continue;
            qsizetype index = q + 1;
            const auto text = bracketText(engine, data, &index);
            if (!text)
                continue;
            const auto dest = destination(engine, data, &index);
            if (!dest)
                continue;
            const auto href = sanitizeUrl(engine.unescape(pyStrip(dest->href)));
            if (!href)
                continue; // not a link Zulip allows: the text stays as it is
            Node *a = engine.doc().create(u"a"_s);
            const QString rel = relativeToRealm(*href, engine.options());
            a->set(u"href"_s, rel);
            if (dest->title)
                a->set(u"title"_s, *dest->title);
            a->text = isBlank(*text) ? rel : *text;
            a->textAtomic = true;
            return Hit{q, index, InlineValue{a, {}}};
        }
        return std::nullopt;
    }

private:
    struct Destination
    {
        QString href;
        std::optional<QString> title;
    };

    // The text up to the "]" that balances the opening "[".
    static std::optional<QString> bracketText(InlineEngine &engine, QStringView data, qsizetype *index)
    {
        int depth = 1;
        const qsizetype start = *index;
        const qsizetype limit = std::min<qint64>(data.size(), start + std::max<qint64>(engine.allowance(), 0));
        qsizetype pos = start;
        for (; pos < limit; ++pos) {
            if (data[pos] == u']')
                --depth;
            else if (data[pos] == u'[')
                ++depth;
            if (depth == 0)
                break;
        }
        if (!engine.spend(pos - start + 1) || depth != 0)
            return std::nullopt;
        *index = pos + 1;
        return data.mid(start, pos - start).toString();
    }

    // "(" destination [title] ")", with Python-Markdown's handling of nested parentheses and of
    // quotes that may or may not start a title.
    static std::optional<Destination> destination(InlineEngine &engine, QStringView data, qsizetype *index)
    {
        qsizetype i = *index;
        if (i >= data.size() || data[i] != u'(')
            return std::nullopt;
        ++i;
        while (i < data.size() && isSpace(data[i]))
            ++i;
        Destination d;
        // <destination> "title")
        if (i < data.size() && data[i] == u'<') {
            qsizetype j = i + 1;
            while (j < data.size() && data[j] != u'<' && data[j] != u'>')
                ++j;
            if (j < data.size() && data[j] == u'>') {
                const QStringView href = data.mid(i + 1, j - i - 1);
                qsizetype k = j + 1;
                while (k < data.size() && isSpace(data[k]))
                    ++k;
                std::optional<QString> title;
                if (k < data.size() && (data[k] == u'"' || data[k] == u'\'')) {
                    const qsizetype close = data.indexOf(data[k], k + 1);
                    if (close > k) {
                        qsizetype m = close + 1;
                        while (m < data.size() && isSpace(data[m]))
                            ++m;
                        if (m < data.size() && data[m] == u')') {
                            title = data.mid(k + 1, close - k - 1).toString();
                            k = m;
                        }
                    }
                }
                if (k < data.size() && data[k] == u')') {
                    d.href = engine.unescape(pyStrip(href));
                    if (title)
                        d.title = cleanTitle(engine, *title);
                    *index = k + 1;
                    return d;
                }
            }
        }
        // Count parentheses; a quote may start a title, in which case parentheses inside it do
        // not count, unless it never closes (then the count kept aside decides).
        const qsizetype start = i;
        int brackets = 1;
        int backtrack = 1;
        qsizetype lastBracket = -1;
        QChar quote;
        qsizetype startQuote = -1;
        qsizetype exitQuote = -1;
        bool ignore = false;
        QChar alt;
        qsizetype startAlt = -1;
        qsizetype exitAlt = -1;
        QChar last;
        qsizetype pos = start;
        std::optional<QString> title;
        QString href;
        bool done = false;
        const qsizetype limit = std::min<qint64>(data.size(), start + std::max<qint64>(engine.allowance(), 0));
        for (; pos < limit; ++pos) {
            const QChar c = data[pos];
            if (c == u'(') {
                if (!ignore)
                    ++brackets;
                else if (backtrack > 0)
                    --backtrack;
            } else if (c == u')') {
                if ((exitQuote != -1 && quote == last) || (exitAlt != -1 && alt == last)) {
                    brackets = 0;
                } else if (!ignore) {
                    --brackets;
                } else if (backtrack > 0) {
                    --backtrack;
                    if (backtrack == 0)
                        lastBracket = pos + 1;
                }
            } else if (c == u'\'' || c == u'"') {
                if (quote.isNull()) {
                    ignore = true;
                    backtrack = brackets;
                    brackets = 1;
                    startQuote = pos + 1;
                    quote = c;
                } else if (c != quote && alt.isNull()) {
                    startAlt = pos + 1;
                    alt = c;
                } else if (c == quote) {
                    exitQuote = pos + 1;
                } else if (!alt.isNull() && c == alt) {
                    exitAlt = pos + 1;
                }
            }
            if (brackets == 0) {
                if (exitQuote >= 0 && quote == last) {
                    href = data.mid(start, startQuote - 1 - start).toString();
                    title = data.mid(startQuote, exitQuote - 1 - startQuote).toString();
                } else if (exitAlt >= 0 && alt == last) {
                    href = data.mid(start, startAlt - 1 - start).toString();
                    title = data.mid(startAlt, exitAlt - 1 - startAlt).toString();
                } else {
                    href = data.mid(start, pos - start).toString();
                }
                done = true;
                ++pos;
                break;
            }
            if (c != u' ')
                last = c;
        }
        if (!engine.spend(pos - start + 1))
            return std::nullopt;
        if (!done && brackets != 0 && backtrack == 0) {
            href = data.mid(start, lastBracket - 1 - start).toString();
            pos = lastBracket;
            done = true;
        }
        if (!done)
            return std::nullopt;
        if (title)
            d.title = cleanTitle(engine, *title);
        d.href = pyStrip(engine.unescape(href)).toString();
        *index = pos;
        return d;
    }

    static QString cleanTitle(InlineEngine &engine, const QString &raw)
    {
        QString t = engine.unescape(raw);
        if (t.size() >= 2 && ((t.front() == u'"' && t.back() == u'"') || (t.front() == u'\'' && t.back() == u'\'')))
            t = t.mid(1, t.size() - 2);
        for (QChar &c : t) {
            if (isSpace(c))
                c = u' ';
        }
        return t;
    }
};

// ---------------------------------------------------------------------------------------------
// Bare URLs, domains and e-mail addresses

bool isLinkPunctuation(QChar c)
{
    switch (c.unicode()) {
    case '!': case ':': case ';': case '?': case ')': case ',': case '.': case '\'': case '"': case '>':
        return true;
    default:
        return false;
    }
}

class AutolinkPattern : public Pattern
{
public:
    std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t before) override
    {
        m_data = data;
        m_end.assign(size_t(data.size() + 1), -1);
        for (qsizetype q = from; q < data.size(); ++q) {
            const QChar c = data[q];
            if (!(c == u'-' || c == u'.' || isWordAt(data, q)))
                continue;
            const char32_t prev = prevAt(data, q, from, before);
            if (!(prev == 0 || isSpace(prev) || prev == '\'' || prev == '"' || prev == '(' || prev == ','
                  || prev == ':' || prev == '<'))
                continue;
            qsizetype end = webUrl(q);
            if (end < 0)
                end = email(q);
            if (end >= 0)
                return Hit{q, end, urlToLink(engine, data.mid(q, end - q).toString())};
        }
        return std::nullopt;
    }

private:
    // A URL may end where only closing punctuation, then whitespace or the end, follows.
    bool mayEnd(qsizetype i)
    {
        const qsizetype n = m_data.size();
        qsizetype j = i;
        while (j < n && m_end[size_t(j)] < 0 && !isSpace(m_data[j]) && isLinkPunctuation(m_data[j]))
            ++j;
        bool ok;
        if (j >= n)
            ok = true;
        else if (m_end[size_t(j)] >= 0)
            ok = m_end[size_t(j)] == 1;
        else
            ok = isSpace(m_data[j]);
        for (qsizetype k = i; k <= j && k <= n; ++k)
            m_end[size_t(k)] = ok ? 1 : 0;
        return ok;
    }

    static bool isDomainChar(QStringView s, qsizetype i)
    {
        const QChar c = s[i];
        return c == u'.' || c == u':' || c == u'@' || c == u'-' || isWordAt(s, i);
    }

    bool isLabelChar(qsizetype i) const { return m_data[i] == u'-' || isWordAt(m_data, i); }

    // "/" and a path with up to seven levels of balanced parentheses, ending as early as it may.
    qsizetype path(qsizetype slash)
    {
        const qsizetype n = m_data.size();
        int depth = 0;
        for (qsizetype i = slash + 1;; ++i) {
            if (depth == 0 && mayEnd(i))
                return i;
            if (i >= n)
                return -1;
            const QChar c = m_data[i];
            if (isSpace(c) || c == u'"')
                return -1;
            if (c == u'(') {
                if (++depth > 7)
                    return -1;
            } else if (c == u')') {
                if (depth == 0)
                    return -1;
                --depth;
            }
        }
    }

    qsizetype webUrl(qsizetype q)
    {
        const qsizetype n = m_data.size();
        const QStringView rest = m_data.mid(q);
        const qsizetype proto = rest.startsWith(u"https://") ? 8 : rest.startsWith(u"http://") ? 7 : 0;
        if (proto) {
            // The host: as short as it may be.
            for (qsizetype p = q + proto + 1; p <= n; ++p) {
                if (!isDomainChar(m_data, p - 1))
                    break;
                if (p < n && m_data[p] == u'/') {
                    if (const qsizetype end = path(p); end >= 0)
                        return end;
                    break; // "/" ends the host either way
                }
                if (mayEnd(p))
                    return p;
            }
        }
        // name.name.tld, with as many labels as there are.
        std::vector<qsizetype> dots;
        qsizetype i = q;
        while (true) {
            qsizetype j = i;
            while (j < n && isLabelChar(j))
                ++j;
            if (j == i || j >= n || m_data[j] != u'.')
                break;
            dots.push_back(j);
            i = j + 1;
        }
        for (auto it = dots.rbegin(); it != dots.rend(); ++it) {
            const qsizetype t0 = *it + 1;
            qsizetype t1 = t0;
            while (t1 < n && isLabelChar(t1))
                ++t1;
            if (t1 == t0 || !tlds::isLinkable(m_data.mid(t0, t1 - t0)))
                continue;
            if (t1 < n && m_data[t1] == u'/') {
                if (const qsizetype end = path(t1); end >= 0)
                    return end;
                continue;
            }
            if (mayEnd(t1))
                return t1;
        }
        return -1;
    }

    qsizetype email(qsizetype q)
    {
        const qsizetype n = m_data.size();
        const auto part = [&](qsizetype i) { return m_data[i] == u'.' || m_data[i] == u'-' || isWordAt(m_data, i); };
        qsizetype at = q;
        while (at < n && part(at))
            ++at;
        if (at == q || at >= n || m_data[at] != u'@')
            return -1;
        qsizetype e = at + 1;
        while (e < n && part(e))
            ++e;
        for (qsizetype t = e - 1; t >= at + 2; --t) {
            if (m_data[t] != u'.')
                continue;
            qsizetype y = t + 1;
            while (y < n && isWordAt(m_data, y))
                ++y;
            if (y > t + 1 && mayEnd(y))
                return y;
        }
        return -1;
    }

    QStringView m_data;
    std::vector<qint8> m_end; // per position: may a URL end here? (-1: not known yet)
};

} // namespace

std::unique_ptr<Pattern> makeLinkPattern()
{
    return std::make_unique<LinkPattern>();
}

std::unique_ptr<Pattern> makeAutolinkPattern()
{
    return std::make_unique<AutolinkPattern>();
}

} // namespace hb::markdown::detail
