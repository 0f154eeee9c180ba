// SPDX-License-Identifier: MIT
#include "htmltext.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QStringList>

#include <optional>

using namespace Qt::StringLiterals;

namespace hb::integrations::freshdesk {

namespace {

constexpr qsizetype wrapWidth = 78;

qsizetype charCount(const QString &s)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (!(s[i].isLowSurrogate() && i > 0 && s[i - 1].isHighSurrogate()))
            ++n;
    }
    return n;
}

// Backslash-escapes the characters that would end a link text or target early.
QString escapeLinkPart(const QString &s)
{
    static const QRegularExpression special(u"([\\\\\\[\\]()])"_s);
    QString out = s;
    return out.replace(special, u"\\\\1"_s);
}

// Text that would read as Markdown syntax at the start of a line is escaped (ordered and
// unordered list markers), as are backslashes before punctuation.
QString escapeText(const QString &s)
{
    static const QRegularExpression backslash(u"(\\\\)(?=[\\\\`*_{}\\[\\]()#+\\-.!])"_s);
    static const QRegularExpression dot(u"^(\\s*\\d+)(\\.)(?=\\s)"_s, QRegularExpression::MultilineOption);
    static const QRegularExpression plus(u"^(\\s*)(\\+)(?=\\s)"_s, QRegularExpression::MultilineOption);
    static const QRegularExpression dash(u"^(\\s*)(-)(?=\\s|-)"_s, QRegularExpression::MultilineOption);
    QString out = s;
    // In the replacement text a backslash and a digit name a capture; other backslashes are literal.
    out.replace(backslash, u"\\\\1"_s);
    out.replace(dot, u"\\1\\\\2"_s);
    out.replace(plus, u"\\1\\\\2"_s);
    out.replace(dash, u"\\1\\\\2"_s);
    return out;
}

QString decodeEntity(const QString &name)
{
    static const QHash<QString, QString> named{{u"amp"_s, u"&"_s}, {u"lt"_s, u"<"_s}, {u"gt"_s, u">"_s},
                                               {u"quot"_s, u"\""_s}, {u"apos"_s, u"'"_s}, {u"nbsp"_s, u" "_s},
                                               {u"copy"_s, u"©"_s}, {u"reg"_s, u"®"_s}, {u"hellip"_s, u"…"_s},
                                               {u"mdash"_s, u"—"_s}, {u"ndash"_s, u"–"_s}, {u"rsquo"_s, u"’"_s},
                                               {u"lsquo"_s, u"‘"_s}, {u"rdquo"_s, u"”"_s}, {u"ldquo"_s, u"“"_s}};
    if (name.startsWith(u'#')) {
        bool ok = false;
        const uint code = name.startsWith(u"#x", Qt::CaseInsensitive) ? name.mid(2).toUInt(&ok, 16)
                                                                       : name.mid(1).toUInt(&ok, 10);
        if (ok && code > 0 && code <= 0x10FFFF) {
            const char32_t c = code;
            return QString::fromUcs4(&c, 1);
        }
        return u"&"_s + name + u';';
    }
    return named.value(name, u"&"_s + name + u';');
}

struct Tag
{
    QString name;
    bool end = false;
    QHash<QString, QString> attrs;
};

// Reads "<name attr=value …>" starting at text[pos] == '<'; pos ends after '>'.
std::optional<Tag> readTag(const QString &text, qsizetype &pos)
{
    static const QRegularExpression tagRe(
        u"<(/?)([A-Za-z][A-Za-z0-9]*)((?:\\s+[^\\s=/>]+(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s>]+))?)*)\\s*/?>"_s);
    static const QRegularExpression attrRe(u"([^\\s=/>]+)(?:\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+))?"_s);
    const auto m = tagRe.match(text, pos, QRegularExpression::NormalMatch,
                               QRegularExpression::AnchorAtOffsetMatchOption);
    if (!m.hasMatch())
        return std::nullopt;
    Tag tag;
    tag.end = !m.captured(1).isEmpty();
    tag.name = m.captured(2).toLower();
    auto it = attrRe.globalMatch(m.captured(3));
    while (it.hasNext()) {
        const auto a = it.next();
        QString value = a.captured(2);
        if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\''))
            value = value.mid(1, value.size() - 2);
        tag.attrs.insert(a.captured(1).toLower(), value);
    }
    pos = m.capturedEnd();
    return tag;
}

struct Link
{
    QString href;
    QString title;
};

// The html2text model: output is appended piece by piece; paragraph breaks and spaces are only
// written when more text follows, so leading and trailing breaks vanish.
class Converter
{
public:
    QString convert(const QString &html)
    {
        qsizetype pos = 0;
        QString text;
        const auto flushText = [&] {
            if (!text.isEmpty())
                handleData(text, false);
            text.clear();
        };
        while (pos < html.size()) {
            const QChar c = html[pos];
            if (c == u'<' && html.mid(pos, 4) == u"<!--") {
                flushText();
                const qsizetype end = html.indexOf(u"-->", pos + 4);
                pos = end < 0 ? html.size() : end + 3;
            } else if (c == u'<') {
                qsizetype after = pos;
                if (auto tag = readTag(html, after)) {
                    flushText();
                    handleTag(*tag);
                    pos = after;
                } else {
                    text += c;
                    ++pos;
                }
            } else if (c == u'&') {
                static const QRegularExpression entity(u"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"_s);
                const auto m = entity.match(html, pos, QRegularExpression::NormalMatch,
                                            QRegularExpression::AnchorAtOffsetMatchOption);
                if (m.hasMatch()) {
                    flushText();
                    handleData(decodeEntity(m.captured(1)), true);
                    pos = m.capturedEnd();
                } else {
                    text += c;
                    ++pos;
                }
            } else {
                text += c;
                ++pos;
            }
        }
        flushText();
        paragraphBreakAtLeast(1);
        put(QString(), true);
        return m_out;
    }

private:
    void write(const QString &s)
    {
        if (s.isEmpty())
            return;
        m_out += s;
        m_lastWasNewline = s.endsWith(u'\n');
    }

    void paragraph() { m_breaks = 2; }
    void paragraphBreakAtLeast(int n)
    {
        if (m_breaks < n)
            m_breaks = n;
    }

    // Writes a piece of output, first the pending paragraph break or space.
    void put(QString data, bool atEnd = false, bool pure = false)
    {
        if (m_quiet > 0)
            return;
        if (pure) {
            static const QRegularExpression spaces(u"\\s+"_s, QRegularExpression::UseUnicodePropertiesOption);
            data.replace(spaces, u" "_s);
            if (data.startsWith(u' ')) {
                m_space = true;
                data.remove(0, 1);
            }
        }
        if (data.isEmpty() && !atEnd)
            return;
        if (m_start) {
            m_space = false;
            m_breaks = 0;
            m_start = false;
        }
        if (atEnd) {
            m_breaks = 0;
            write(u"\n"_s);
            m_space = false;
        }
        if (m_breaks) {
            QString br;
            for (int i = 0; i < m_breaks; ++i)
                br += u'\n' + quotePrefix();
            write(br);
            m_space = false;
        }
        if (m_space) {
            if (!m_lastWasNewline)
                write(u" "_s);
            m_space = false;
        }
        m_breaks = 0;
        write(data);
    }

    QString quotePrefix() const { return m_quoteDepth ? QString(m_quoteDepth, u'>') + u' ' : QString(); }

    void handleData(const QString &raw, bool fromEntity)
    {
        if (m_autoLink) {
            static const QRegularExpression absolute(u"^[a-zA-Z+]+://"_s);
            if (*m_autoLink == raw && absolute.match(raw).hasMatch()) {
                put(u"<"_s + raw + u'>');
                m_emptyLink = false;
                return;
            }
            put(u"["_s);
            m_autoLink.reset();
            m_emptyLink = false;
        }
        put(fromEntity ? raw : escapeText(raw), false, true);
    }

    void openLinkTextIfPending()
    {
        if (m_autoLink) {
            put(u"["_s);
            m_autoLink.reset();
            m_emptyLink = false;
        }
    }

    void handleTag(const Tag &tag)
    {
        const QString &name = tag.name;
        const bool start = !tag.end;
        static const QStringList quiet{u"head"_s, u"style"_s, u"script"_s};
        if (quiet.contains(name)) {
            m_quiet += start ? 1 : -1;
            if (m_quiet < 0)
                m_quiet = 0;
            return;
        }
        if (name == u"p" || name == u"div") {
            if (!(name == u"div" && !m_links.isEmpty()))
                paragraph();
        } else if (name.size() == 2 && name[0] == u'h' && name[1] >= u'1' && name[1] <= u'6') {
            paragraph();
            if (start)
                put(QString(name[1].digitValue(), u'#') + u' ');
        } else if (name == u"br" && start) {
            put(u"  \n"_s + quotePrefix());
        } else if (name == u"hr" && start) {
            paragraph();
            put(u"* * *"_s);
            paragraph();
        } else if (name == u"blockquote") {
            paragraph();
            m_quoteDepth += start ? 1 : (m_quoteDepth > 0 ? -1 : 0);
            if (start) {
                put(quotePrefix(), false);
                m_start = true;
            }
        } else if (name == u"b" || name == u"strong") {
            put(u"**"_s);
        } else if (name == u"i" || name == u"em") {
            put(u"_"_s);
        } else if (name == u"code" || name == u"tt" || name == u"kbd") {
            put(u"`"_s);
        } else if (name == u"ul" || name == u"ol") {
            if (start)
                m_lists.append({name == u"ol", 0});
            else if (!m_lists.isEmpty())
                m_lists.removeLast();
            if (m_lists.isEmpty() || start)
                paragraphBreakAtLeast(m_lists.size() > 1 ? 1 : 2);
        } else if (name == u"li") {
            paragraphBreakAtLeast(1);
            if (start) {
                const qsizetype depth = qMax<qsizetype>(m_lists.size(), 1);
                QString marker = QString((depth) * 2, u' ');
                if (!m_lists.isEmpty() && m_lists.last().ordered)
                    marker += QString::number(++m_lists.last().count) + u". "_s;
                else
                    marker += u"* "_s;
                put(marker);
                m_start = true;
            }
        } else if (name == u"a") {
            handleLink(tag, start);
        } else if (name == u"img" && start) {
            const QString src = tag.attrs.value(u"src"_s);
            if (!tag.attrs.contains(u"src"_s))
                return;
            openLinkTextIfPending();
            put(u"!["_s + escapeLinkPart(tag.attrs.value(u"alt"_s)) + u"]("_s + escapeLinkPart(src) + u')');
        }
    }

    void handleLink(const Tag &tag, bool start)
    {
        if (start) {
            const QString href = tag.attrs.value(u"href"_s);
            if (tag.attrs.contains(u"href"_s)) {
                m_links.append(Link{href, tag.attrs.value(u"title"_s)});
                m_autoLink = href;
                m_emptyLink = true;
            } else {
                m_links.append(std::nullopt);
            }
            return;
        }
        if (m_links.isEmpty())
            return;
        const std::optional<Link> link = m_links.takeLast();
        if (m_autoLink && !m_emptyLink) {
            m_autoLink.reset();
        } else if (link) {
            if (m_emptyLink) {
                put(u"["_s);
                m_emptyLink = false;
                m_autoLink.reset();
            }
            const QString title = link->title.trimmed().isEmpty() ? QString()
                                                                  : u" \""_s + escapeLinkPart(link->title) + u'"';
            put(u"]("_s + escapeLinkPart(link->href) + title + u')');
        }
    }

    struct ListState
    {
        bool ordered;
        int count;
    };

    QString m_out;
    int m_breaks = 0;
    bool m_space = false;
    bool m_start = true;
    bool m_lastWasNewline = false;
    int m_quiet = 0;
    int m_quoteDepth = 0;
    QList<std::optional<Link>> m_links;
    std::optional<QString> m_autoLink;
    bool m_emptyLink = false;
    QList<ListState> m_lists;
};

// Python textwrap's chunks: runs of whitespace, and words (split after hyphens inside words).
QStringList wrapChunks(const QString &text)
{
    static const QRegularExpression chunk(
        uR"(([ \t\n\x0b\x0c\r]+|(?<=[\w!"'&.,?])-{2,}(?=\w)|[^ \t\n\x0b\x0c\r]+?(?:-(?:(?<=[^\d\W]{2}-)|(?<=[^\d\W]-[^\d\W]-))(?=[^\d\W]-?[^\d\W])|(?=[ \t\n\x0b\x0c\r]|\z)|(?<=[\w!"'&.,?])(?=-{2,}\w))))"_s,
        QRegularExpression::UseUnicodePropertiesOption);
    QStringList chunks;
    qsizetype pos = 0;
    auto it = chunk.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.capturedStart() > pos)
            chunks.append(text.mid(pos, m.capturedStart() - pos));
        if (m.capturedLength() > 0)
            chunks.append(m.captured(0));
        pos = m.capturedEnd();
    }
    if (pos < text.size())
        chunks.append(text.mid(pos));
    return chunks;
}

// Python's textwrap.wrap(text, width, break_long_words=False, subsequent_indent=indent).
QStringList wrapLine(QString text, qsizetype width, const QString &indent)
{
    static const QRegularExpression anySpace(u"[\\t\\n\\x0b\\x0c\\r]"_s);
    text.replace(u'\t', u"        "_s);
    text.replace(anySpace, u" "_s);
    QStringList chunks = wrapChunks(text);
    std::reverse(chunks.begin(), chunks.end());
    QStringList lines;
    while (!chunks.isEmpty()) {
        QStringList line;
        qsizetype len = 0;
        const QString lineIndent = lines.isEmpty() ? QString() : indent;
        const qsizetype room = width - charCount(lineIndent);
        if (!lines.isEmpty() && chunks.last().trimmed().isEmpty())
            chunks.removeLast();
        while (!chunks.isEmpty()) {
            const qsizetype l = charCount(chunks.last());
            if (len + l > room)
                break;
            line.append(chunks.takeLast());
            len += l;
        }
        if (!chunks.isEmpty() && charCount(chunks.last()) > room && line.isEmpty())
            line.append(chunks.takeLast());
        if (!line.isEmpty() && line.last().trimmed().isEmpty())
            line.removeLast();
        if (!line.isEmpty())
            lines.append(lineIndent + line.join(QString()));
    }
    return lines;
}

// Lines html2text leaves as they are: code blocks, list items and table rows.
bool keepUnwrapped(const QString &line)
{
    static const QRegularExpression table(u"^.{0,3}\\|"_s);
    static const QRegularExpression ordered(u"^\\s*\\d+\\.\\s"_s);
    static const QRegularExpression unordered(u"^\\s*[-*+]\\s"_s);
    if (line.startsWith(u"    "_s) || line.startsWith(u'\t'))
        return true;
    const QString stripped = QString(line).remove(QRegularExpression(u"^\\s+"_s));
    if (stripped.startsWith(u"--") && stripped.size() > 2 && stripped[2] != u'-')
        return false;
    if ((stripped.startsWith(u'-') || stripped.startsWith(u'*')) && !stripped.startsWith(u"**"))
        return true;
    if (table.match(line).hasMatch())
        return true;
    return ordered.match(stripped).hasMatch() || unordered.match(stripped).hasMatch();
}

// html2text's wrapping pass: long lines are wrapped, blank lines collapse to at most one.
QString wrapText(const QString &text)
{
    static const QRegularExpression spacePlus(u"^\\s\\+"_s);
    QString result;
    int newlines = 0;
    for (const QString &para : text.split(u'\n')) {
        if (para.isEmpty()) {
            if (newlines < 2) {
                result += u'\n';
                ++newlines;
            }
            continue;
        }
        if (keepUnwrapped(para)) {
            if (!spacePlus.match(para).hasMatch()) {
                result += para + u'\n';
                newlines = 1;
            }
            continue;
        }
        QString indent;
        if (para.startsWith(u"  * "))
            indent = u"    "_s;
        else if (para.startsWith(u"> "))
            indent = u"> "_s;
        result += wrapLine(para, wrapWidth, indent).join(u'\n');
        if (para.endsWith(u"  ")) {
            result += u"  \n"_s;
            newlines = 1;
        } else if (!indent.isEmpty()) {
            result += u'\n';
            newlines = 1;
        } else {
            result += u"\n\n"_s;
            newlines = 2;
        }
    }
    return result;
}

} // namespace

QString htmlToMarkdown(const QString &html)
{
    QString markdown = wrapText(Converter().convert(html)).trimmed();
    // Images with a query string become plain links named after the file, which Zulip previews.
    static const QRegularExpression image(u"!\\[\\]\\((\\S*)/(\\S*)\\?(\\S*)\\)"_s);
    return markdown.replace(image, u"[\\2](\\1/\\2)"_s);
}

} // namespace hb::integrations::freshdesk
