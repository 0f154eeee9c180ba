// SPDX-License-Identifier: MIT
#include "messageview.h"

#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

constexpr int kAvatarSize = 35;
constexpr qsizetype kMaxDepth = 48; // elements open at once in the content (QTextBrowser nests tables)

QString escaped(const QString &s)
{
    return s.toHtmlEscaped();
}

QString readResource(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

// FNV-1a over the UTF-16 units: a stable colour choice per name, the same in every run.
quint32 stableHash(QStringView s)
{
    quint32 h = 2166136261u;
    for (QChar c : s) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    return h;
}

// Pastel channel colours, in the spirit of Zulip's stream colours (ours, not Zulip's palette), as
// "#rrggbb". In the dark theme the same hue is sunk towards the recipient bar's background.
QString streamColor(const QString &stream, ViewTheme theme)
{
    static constexpr quint32 kPalette[] = {
        0x8fc79f, 0xf0cf72, 0x9dbde6, 0xe9a0b6, 0xc2d67a, 0xf2b36d,
        0xb7aaf0, 0x96d4d9, 0xdc9a8f, 0xc9a6e3, 0xa8c98a, 0xe5b98f,
    };
    constexpr quint32 kDarkBar = 0x2f3844;
    const quint32 base = kPalette[stableHash(stream) % std::size(kPalette)];
    QString hex = u"#"_s;
    for (int shift : {16, 8, 0}) {
        const quint32 c = (base >> shift) & 0xff;
        const quint32 channel = theme == ViewTheme::Light ? c : (c * 45 + ((kDarkBar >> shift) & 0xff) * 55) / 100;
        hex += u"%1"_s.arg(channel, 2, 16, QChar(u'0'));
    }
    return hex;
}

QString dataUri(const QByteArray &mime, const QByteArray &bytes)
{
    return QString::fromLatin1("data:" + mime + ";base64," + bytes.toBase64());
}

// A rounded square with the name's first letter, as an SVG of the avatar's display size.
QByteArray monogramSvg(const QString &name)
{
    static constexpr const char *kColors[] = {
        "#3f8f6a", "#4a6fc4", "#b5557a", "#c07a2c", "#7a5cc2", "#2f8a9a", "#a34f3f", "#5d7f2e",
    };
    QString letter = u"?"_s;
    for (QChar c : name) {
        if (c.isLetterOrNumber()) {
            letter = c.toUpper();
            break;
        }
    }
    const QString svg = uR"(<svg xmlns="http://www.w3.org/2000/svg" width="%1" height="%1" viewBox="0 0 35 35">)"
                        uR"(<rect width="35" height="35" rx="6" ry="6" fill="%2"/>)"
                        uR"(<text x="17.5" y="24.5" text-anchor="middle" font-family="DejaVu Sans, Noto Sans, sans-serif" )"
                        uR"(font-size="18" font-weight="bold" fill="#ffffff">%3</text></svg>)"_s
                            .arg(kAvatarSize)
                            .arg(QLatin1StringView(kColors[stableHash(name) % std::size(kColors)]), escaped(letter));
    return svg.toUtf8();
}

// The logo with its root element sized to the avatar, so that QTextBrowser rasterises it at the
// size it is shown (browsers scale SVG either way). A viewBox is added from width/height if absent.
// A light textual edit of the root tag: our logos are plain SVG files.
QByteArray sizedSvg(const QByteArray &svg)
{
    const QString text = QString::fromUtf8(svg);
    static const QRegularExpression rootTag(uR"(<svg\b[^>]*>)"_s);
    const QRegularExpressionMatch root = rootTag.match(text);
    if (!root.hasMatch())
        return svg;
    QString tag = root.captured();
    static const QRegularExpression sizeAttr(uR"(\s(width|height)\s*=\s*("[^"]*"|'[^']*'))"_s);
    QString width, height;
    for (auto it = sizeAttr.globalMatch(tag); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString value = m.captured(2).mid(1).chopped(1).trimmed();
        (m.captured(1) == u"width" ? width : height) = value;
    }
    tag.remove(sizeAttr);
    QString extra = u" width=\"%1\" height=\"%1\""_s.arg(kAvatarSize);
    static const QRegularExpression viewBox(uR"(\sviewBox\s*=)"_s);
    bool widthOk = false;
    bool heightOk = false;
    const double w = QString(width).remove(u"px"_s).toDouble(&widthOk);
    const double h = QString(height).remove(u"px"_s).toDouble(&heightOk);
    if (!tag.contains(viewBox) && widthOk && heightOk && w > 0 && h > 0)
        extra += u" viewBox=\"0 0 %1 %2\""_s.arg(w).arg(h);
    tag.insert(4, extra);
    return (text.left(root.capturedStart()) + tag + text.mid(root.capturedEnd())).toUtf8();
}

// ---- Content: a small tag scanner over the renderer's HTML -------------------------------------

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isAsciiAlnum(QChar c)
{
    return isAsciiLetter(c) || isAsciiDigit(c);
}

bool isHexDigit(QChar c)
{
    return isAsciiDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isHtmlSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f';
}

// Character references in attribute values: numeric ones and the few named ones that matter
// for URLs and text (unknown names stay literal, and are escaped again on output).
QString decodeEntities(QStringView s)
{
    if (!s.contains(u'&'))
        return s.toString();
    static const QList<std::pair<QLatin1StringView, char32_t>> kNamed = {
        {"amp"_L1, U'&'}, {"lt"_L1, U'<'}, {"gt"_L1, U'>'}, {"quot"_L1, U'"'}, {"apos"_L1, U'\''},
        {"nbsp"_L1, 0xa0}, {"colon"_L1, U':'}, {"Tab"_L1, U'\t'}, {"NewLine"_L1, U'\n'},
        {"sol"_L1, U'/'}, {"lpar"_L1, U'('}, {"rpar"_L1, U')'},
    };
    QString out;
    out.reserve(s.size());
    qsizetype i = 0;
    while (i < s.size()) {
        if (s[i] != u'&') {
            out += s[i++];
            continue;
        }
        qsizetype j = i + 1;
        if (j < s.size() && s[j] == u'#') {
            ++j;
            const bool hex = j < s.size() && (s[j] == u'x' || s[j] == u'X');
            if (hex)
                ++j;
            const qsizetype digits = j;
            while (j < s.size() && (hex ? isHexDigit(s[j]) : isAsciiDigit(s[j])))
                ++j;
            bool ok = false;
            const uint cp = s.sliced(digits, j - digits).toUInt(&ok, hex ? 16 : 10);
            if (j > digits && ok) {
                const char32_t c = (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) ? 0xfffd : cp;
                out += QString::fromUcs4(&c, 1);
                i = (j < s.size() && s[j] == u';') ? j + 1 : j;
                continue;
            }
        } else {
            while (j < s.size() && isAsciiAlnum(s[j]))
                ++j;
            if (j < s.size() && s[j] == u';') {
                const QStringView name = s.sliced(i + 1, j - i - 1);
                auto it = std::find_if(kNamed.begin(), kNamed.end(), [&](const auto &e) { return name == e.first; });
                if (it != kNamed.end()) {
                    out += QString::fromUcs4(&it->second, 1);
                    i = j + 1;
                    continue;
                }
            }
        }
        out += s[i++];
    }
    return out;
}

struct HtmlTag
{
    QString name;                               // lower case
    bool closing = false;
    bool selfClosing = false;
    QList<std::pair<QString, QString>> attributes; // name (lower case), decoded value

    QString attribute(QStringView key) const
    {
        for (const auto &[k, v] : attributes) {
            if (k == key)
                return v;
        }
        return {};
    }
    QStringList classes() const { return attribute(u"class").split(u' ', Qt::SkipEmptyParts); }
    bool hasClass(QStringView c) const { return classes().contains(c); }
};

// The tag starting at html[pos] == '<'; the index after its '>', or -1 when this '<' starts no tag.
// A tag left open (no '>', or an unclosed quote) runs to the end of the input: giving up and
// rescanning from the next '<' would make hostile input quadratic.
qsizetype parseTag(QStringView html, qsizetype pos, HtmlTag &tag)
{
    const qsizetype n = html.size();
    qsizetype i = pos + 1;
    if (i < n && html[i] == u'/') {
        tag.closing = true;
        ++i;
    }
    const qsizetype nameStart = i;
    if (i >= n || !isAsciiLetter(html[i]))
        return -1;
    while (i < n && isAsciiAlnum(html[i]))
        ++i;
    tag.name = html.sliced(nameStart, i - nameStart).toString().toLower();
    while (true) {
        while (i < n && isHtmlSpace(html[i]))
            ++i;
        if (i >= n)
            return n;
        if (html[i] == u'>')
            return i + 1;
        if (html[i] == u'/') {
            tag.selfClosing = i + 1 < n && html[i + 1] == u'>';
            ++i;
            continue;
        }
        const qsizetype attrStart = i;
        while (i < n && !isHtmlSpace(html[i]) && html[i] != u'=' && html[i] != u'>' && html[i] != u'/')
            ++i;
        if (i == attrStart) { // a stray '=': skip it
            ++i;
            continue;
        }
        const QString attrName = html.sliced(attrStart, i - attrStart).toString().toLower();
        while (i < n && isHtmlSpace(html[i]))
            ++i;
        QString value;
        if (i < n && html[i] == u'=') {
            ++i;
            while (i < n && isHtmlSpace(html[i]))
                ++i;
            if (i < n && (html[i] == u'"' || html[i] == u'\'')) {
                qsizetype close = html.indexOf(html[i], i + 1);
                if (close < 0)
                    close = n;
                value = decodeEntities(html.sliced(i + 1, close - i - 1));
                i = qMin(close + 1, n);
            } else {
                const qsizetype valueStart = i;
                while (i < n && !isHtmlSpace(html[i]) && html[i] != u'>')
                    ++i;
                value = decodeEntities(html.sliced(valueStart, i - valueStart));
            }
        }
        if (!tag.closing)
            tag.attributes.append({attrName, value});
    }
}

// http(s), mailto, tel, sms and relative links; nullopt for anything else (javascript:, data:, …).
std::optional<QString> safeHref(const QString &value)
{
    QString url;
    for (QChar c : value) {
        if (c.unicode() > 0x20 && c.unicode() != 0x7f)
            url += c;
    }
    qsizetype end = 0;
    while (end < url.size() && url[end] != u':' && url[end] != u'/' && url[end] != u'?' && url[end] != u'#')
        ++end;
    if (end == url.size() || url[end] != u':')
        return url; // no scheme: relative
    const QString scheme = url.left(end).toLower();
    for (QStringView allowed : {u"http", u"https", u"mailto", u"tel", u"sms"}) {
        if (scheme == allowed)
            return url;
    }
    return std::nullopt;
}

// "emoji-1f937-200d-2640" -> the characters; empty when no class names valid code points.
QString emojiFromClasses(const QStringList &classes)
{
    for (const QString &c : classes) {
        if (!c.startsWith(u"emoji-"))
            continue;
        QList<char32_t> cps;
        for (const QString &part : c.mid(6).split(u'-')) {
            bool ok = false;
            const uint cp = part.toUInt(&ok, 16);
            if (!ok || part.size() > 6 || cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
                return {};
            cps.append(cp);
        }
        if (cps.size() == 1 && cps.first() != 0xfe0f)
            cps.append(0xfe0f); // emoji presentation for characters that default to text
        return QString::fromUcs4(cps.constData(), cps.size());
    }
    return {};
}

class ContentAdapter
{
public:
    QString run(QStringView html);

private:
    struct Open
    {
        QString name;
        QString closeHtml;
        bool emoji = false;  // the text is replaced by the emoji character
        QString linkLabel;   // for <a>: what an image placeholder inside it is called
    };

    void startTag(const HtmlTag &tag);
    void endTag(const QString &name);
    void text(QStringView text);
    void open(const HtmlTag &tag, const QString &openHtml, const QString &closeHtml);
    QString attributes(const HtmlTag &tag) const;
    QString imagePlaceholder(const HtmlTag &img) const;
    bool skipping() const { return m_skipDepth > 0; }

    QList<Open> m_stack;
    QString m_out;
    QString m_skipName;  // an element dropped with all it holds (script, style, …)
    int m_skipDepth = 0; // how many of m_skipName are open; 0 = not skipping
};

const QStringList &passThroughTags()
{
    static const QStringList tags = {
        u"p"_s, u"strong"_s, u"b"_s, u"em"_s, u"i"_s, u"del"_s, u"s"_s, u"u"_s, u"code"_s, u"pre"_s,
        u"span"_s, u"a"_s, u"ul"_s, u"ol"_s, u"li"_s, u"h1"_s, u"h2"_s, u"h3"_s, u"h4"_s, u"h5"_s,
        u"h6"_s, u"table"_s, u"thead"_s, u"tbody"_s, u"tr"_s, u"th"_s, u"td"_s, u"time"_s, u"sup"_s,
        u"sub"_s, u"small"_s, u"kbd"_s, u"div"_s,
    };
    return tags;
}

bool isSkippedElement(const HtmlTag &tag)
{
    static const QStringList tags = {
        u"script"_s, u"style"_s, u"iframe"_s, u"object"_s, u"embed"_s, u"template"_s, u"textarea"_s,
        u"title"_s, u"noscript"_s, u"svg"_s, u"audio"_s, u"video"_s, u"canvas"_s, u"select"_s,
    };
    // KaTeX repeats each formula as MathML for screen readers; the visible copy is katex-html.
    return tags.contains(tag.name) || (tag.name == u"span" && tag.hasClass(u"katex-mathml"));
}

bool isVoidElement(const QString &name)
{
    static const QStringList tags = {
        u"area"_s, u"base"_s, u"br"_s, u"col"_s, u"embed"_s, u"hr"_s, u"img"_s, u"input"_s,
        u"link"_s, u"meta"_s, u"param"_s, u"source"_s, u"track"_s, u"wbr"_s,
    };
    return tags.contains(name);
}

QString ContentAdapter::run(QStringView html)
{
    const qsizetype n = html.size();
    qsizetype textStart = 0;
    qsizetype i = 0;
    while (i < n) {
        if (html[i] != u'<') {
            ++i;
            continue;
        }
        text(html.sliced(textStart, i - textStart));
        if (html.sliced(i).startsWith(u"<!--")) {
            const qsizetype end = html.indexOf(u"-->", i + 4);
            i = end < 0 ? n : end + 3;
        } else if (i + 1 < n && (html[i + 1] == u'!' || html[i + 1] == u'?')) {
            const qsizetype end = html.indexOf(u'>', i);
            i = end < 0 ? n : end + 1;
        } else {
            HtmlTag tag;
            const qsizetype end = parseTag(html, i, tag);
            if (end < 0) {
                text(u"&lt;");
                ++i;
            } else {
                if (tag.closing)
                    endTag(tag.name);
                else
                    startTag(tag);
                i = end;
            }
        }
        textStart = i;
    }
    text(html.sliced(textStart));
    m_skipDepth = 0; // an unclosed <script> and the like: dropped to the end
    while (!m_stack.isEmpty())
        endTag(m_stack.last().name);
    return m_out;
}

void ContentAdapter::text(QStringView text)
{
    if (text.isEmpty() || skipping() || (!m_stack.isEmpty() && m_stack.last().emoji))
        return;
    m_out += text;
}

void ContentAdapter::open(const HtmlTag &tag, const QString &openHtml, const QString &closeHtml)
{
    if (m_stack.size() >= kMaxDepth)
        return; // hostile nesting: deeper elements lose their tags, not their text
    m_out += openHtml;
    m_stack.append({tag.name, closeHtml});
    if (tag.selfClosing)
        endTag(tag.name);
}

void ContentAdapter::startTag(const HtmlTag &tag)
{
    if (skipping()) {
        if (tag.name == m_skipName && !isVoidElement(tag.name) && !tag.selfClosing)
            ++m_skipDepth;
        return;
    }
    const QString &name = tag.name;
    if (isSkippedElement(tag)) {
        if (!isVoidElement(name) && !tag.selfClosing) {
            m_skipName = name;
            m_skipDepth = 1;
        }
        return;
    }
    if (name == u"img") {
        m_out += imagePlaceholder(tag);
        return;
    }
    if (name == u"br" || name == u"hr") {
        m_out += u'<' + name + u'>';
        return;
    }
    if (isVoidElement(name))
        return;
    if (name == u"blockquote") {
        open(tag, u"<table class=\"blockquote\" cellspacing=\"0\" cellpadding=\"0\"><tr>"
                  "<td class=\"quote-bar\" width=\"3\"></td><td class=\"quote-body\">"_s,
             u"</td></tr></table>"_s);
        return;
    }
    if (name == u"div") {
        if (tag.hasClass(u"codehilite")) {
            open(tag, u"<table class=\"codehilite\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr><td class=\"code-cell\">"_s,
                 u"</td></tr></table>"_s);
        } else if (tag.hasClass(u"spoiler-block")) {
            open(tag, u"<table class=\"spoiler-block\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\">"_s, u"</table>"_s);
        } else if (tag.hasClass(u"spoiler-header")) {
            open(tag, u"<tr><td class=\"spoiler-arrow\" width=\"22\" valign=\"top\">▾</td><td class=\"spoiler-header\">"_s,
                 u"</td></tr>"_s);
        } else if (tag.hasClass(u"spoiler-content")) {
            open(tag, u"<tr><td class=\"spoiler-gutter\"></td><td class=\"spoiler-content\">"_s, u"</td></tr>"_s);
        } else if (tag.hasClass(u"message_inline_image")) {
            open(tag, u"<table class=\"inline-image\" cellspacing=\"0\" cellpadding=\"0\"><tr><td class=\"inline-image-cell\">"_s,
                 u"</td></tr></table>"_s);
        } else {
            open(tag, u"<div"_s + attributes(tag) + u'>', u"</div>"_s);
        }
        return;
    }
    if (name == u"table") { // Markdown tables; the view's own layout tables carry other classes
        open(tag, u"<table class=\"markdown-table\" cellspacing=\"0\" cellpadding=\"0\">"_s, u"</table>"_s);
        return;
    }
    if (!passThroughTags().contains(name)) {
        open(tag, {}, {}); // unknown element: its content stays, the tag goes
        return;
    }
    QString extra;
    if (name == u"a") {
        const std::optional<QString> href = safeHref(tag.attribute(u"href"));
        if (href && (href->startsWith(u"http", Qt::CaseInsensitive)))
            extra = u" rel=\"noopener noreferrer\""_s;
    }
    open(tag, u'<' + name + attributes(tag) + extra + u'>', u"</"_s + name + u'>');
    if (name == u"a" && !m_stack.isEmpty() && m_stack.last().name == u"a") {
        QString label = tag.attribute(u"title");
        if (label.isEmpty())
            label = QUrl(tag.attribute(u"href")).fileName();
        m_stack.last().linkLabel = label;
    }
    if (name == u"span" && tag.hasClass(u"emoji") && !m_stack.isEmpty() && m_stack.last().name == u"span") {
        const QString emoji = emojiFromClasses(tag.classes());
        if (!emoji.isEmpty()) {
            m_out += emoji;
            m_stack.last().emoji = true;
        }
    }
}

void ContentAdapter::endTag(const QString &name)
{
    if (skipping()) {
        if (name == m_skipName)
            --m_skipDepth;
        return;
    }
    qsizetype at = m_stack.size() - 1;
    while (at >= 0 && m_stack[at].name != name)
        --at;
    if (at < 0)
        return; // a stray end tag
    // Zulip's code blocks end with a newline, which QTextBrowser would show as an empty line.
    if (name == u"code" && at > 0 && m_stack[at - 1].name == u"pre" && m_out.endsWith(u'\n'))
        m_out.chop(1);
    while (m_stack.size() > at)
        m_out += m_stack.takeLast().closeHtml;
}

QString ContentAdapter::attributes(const HtmlTag &tag) const
{
    QString out;
    const auto add = [&out](const QString &key, const QString &value) {
        out += u' ' + key + u"=\""_s + escaped(value) + u'"';
    };
    const auto digits = [](const QString &v) {
        static const QRegularExpression re(u"^[0-9]{1,6}$"_s);
        return re.match(v).hasMatch();
    };
    const bool cell = tag.name == u"td" || tag.name == u"th";
    for (const auto &[key, value] : tag.attributes) {
        if (key == u"class" || key == u"title" || key == u"aria-label" || key == u"role" || key == u"aria-hidden") {
            add(key, value);
        } else if (key == u"href" && tag.name == u"a") {
            if (const std::optional<QString> href = safeHref(value))
                add(key, *href);
        } else if (key == u"start" && tag.name == u"ol" && digits(value)) {
            add(key, value);
        } else if (key == u"datetime" && tag.name == u"time") {
            add(key, value);
        } else if (cell && (key == u"colspan" || key == u"rowspan") && digits(value)) {
            add(key, value);
        } else if (cell && (key == u"align" || key == u"style")) {
            // Tables give their alignment as style="text-align: right;": keep it as align.
            static const QRegularExpression align(u"^(?:text-align:\\s*)?(left|right|center)\\s*;?\\s*$"_s);
            if (const QRegularExpressionMatch m = align.match(value.trimmed()); m.hasMatch())
                add(u"align"_s, m.captured(1));
        }
    }
    return out;
}

QString ContentAdapter::imagePlaceholder(const HtmlTag &img) const
{
    if (img.hasClass(u"emoji")) { // :zulip: and custom emoji are images on Zulip's server
        const QString alt = img.attribute(u"alt");
        return u"<span class=\"emoji emoji-image\" title=\""_s + escaped(img.attribute(u"title")) + u"\">"_s
               + escaped(alt.isEmpty() ? u":emoji:"_s : alt) + u"</span>"_s;
    }
    QString label = img.attribute(u"alt");
    for (qsizetype i = m_stack.size() - 1; label.isEmpty() && i >= 0; --i) {
        if (m_stack[i].name == u"a")
            label = m_stack[i].linkLabel;
    }
    if (label.isEmpty())
        label = u"image"_s;
    return u"<span class=\"image-placeholder\">🖼 "_s + escaped(label) + u"</span>"_s;
}

} // namespace

std::optional<ViewTheme> viewThemeFromName(QStringView name)
{
    if (name == u"light")
        return ViewTheme::Light;
    if (name == u"dark")
        return ViewTheme::Dark;
    return std::nullopt;
}

MessageView::MessageView(const IntegrationEntry *integration, MessageViewOptions options)
    : m_integration(integration), m_options(std::move(options))
{
}

QString MessageView::adaptContent(const QString &html)
{
    return ContentAdapter().run(html);
}

QString MessageView::styleSheet(ViewTheme theme)
{
    return readResource(u":/message/base.css"_s)
           + readResource(theme == ViewTheme::Dark ? u":/message/dark.css"_s : u":/message/light.css"_s);
}

MessageView::Colors MessageView::colors(ViewTheme theme)
{
    const QString css = readResource(theme == ViewTheme::Dark ? u":/message/dark.css"_s : u":/message/light.css"_s);
    static const QRegularExpression body(u"(?:^|\\n)body\\s*\\{([^}]*)\\}"_s);
    static const QRegularExpression background(u"background-color:\\s*(#[0-9a-fA-F]{6})"_s);
    static const QRegularExpression text(u"(?:^|[;\\s])color:\\s*(#[0-9a-fA-F]{6})"_s);
    const QString rule = body.match(css).captured(1);
    return {background.match(rule).captured(1), text.match(rule).captured(1)};
}

QString MessageView::senderName() const
{
    return (m_integration ? m_integration->displayName : u"Webhook"_s) + u" Bot"_s;
}

QString MessageView::avatarDataUri() const
{
    if (m_integration) {
        QFile logo(m_integration->logoResource());
        if (logo.open(QIODevice::ReadOnly))
            return svgAvatarDataUri(logo.readAll());
    }
    return dataUri("image/svg+xml", monogramSvg(m_integration ? m_integration->displayName : u"Webhook"_s));
}

QString MessageView::svgAvatarDataUri(const QByteArray &svg)
{
    return dataUri("image/svg+xml", sizedSvg(svg));
}

QString MessageView::timeText() const
{
    return m_options.time.isValid() ? QLocale::c().toString(m_options.time, u"h:mm AP"_s) : QString();
}

QString MessageView::renderedContent(const QString &markdown) const
{
    const QString html = m_options.renderContent ? m_options.renderContent(markdown)
                                                 : markdown::toHtml(markdown, m_options.markdown);
    return adaptContent(html);
}

QString MessageView::recipientBar(const Message &m) const
{
    QString cells;
    if (m.stream) {
        cells = u"<td class=\"stream-label\" width=\"1%\" bgcolor=\"%1\">#&nbsp;%2</td>"_s
                    .arg(streamColor(*m.stream, m_options.theme), escaped(*m.stream));
        const QString topic = m.topic.isEmpty() ? u"<i>general chat</i>"_s : escaped(m.topic);
        cells += u"<td class=\"topic-label\"><span class=\"chevron\">›</span>&nbsp;&nbsp;%1</td>"_s.arg(topic);
    } else {
        const QString owner = m_options.ownerName.isEmpty() ? u"You"_s : m_options.ownerName;
        cells = u"<td class=\"dm-label\" width=\"1%\">Direct message</td>"_s;
        cells += u"<td class=\"topic-label\"><span class=\"chevron\">›</span>&nbsp;&nbsp;%1 and %2</td>"_s
                     .arg(escaped(owner), escaped(senderName()));
    }
    if (m_options.time.isValid()) {
        cells += u"<td class=\"recipient-date\" width=\"1%\" align=\"right\">%1</td>"_s
                     .arg(QLocale::c().toString(m_options.time, u"MMM d, yyyy"_s));
    }
    return u"<table class=\"recipient-bar\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr>"_s + cells
           + u"</tr></table>\n"_s;
}

// Two columns per message: the avatar (fixed) and the message, whose head is a nested table, as
// QTextBrowser's table layout keeps a column's width only without row and column spans.
QString MessageView::senderRow(const QString &contentHtml) const
{
    return u"<tr><td class=\"avatar\" width=\"52\" valign=\"top\">"
           "<img class=\"avatar\" src=\"%1\" width=\"%2\" height=\"%2\" alt=\"\"></td>"
           "<td class=\"message-main\" valign=\"top\">"
           "<table class=\"message-head\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr>"
           "<td class=\"sender\"><span class=\"sender-name\">%3</span></td>"
           "<td class=\"message-time\" width=\"1%\" align=\"right\" valign=\"top\">%4</td></tr></table>\n"
           "<div class=\"message-content\">%5</div></td></tr>\n"_s
        .arg(avatarDataUri())
        .arg(kAvatarSize)
        .arg(escaped(senderName()), timeText(), contentHtml);
}

QString MessageView::continuationRow(const QString &contentHtml) const
{
    return u"<tr><td class=\"avatar-gap\"></td><td class=\"message-main continued\" valign=\"top\">"
           "<table class=\"message-head\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr>"
           "<td class=\"continued-content\"><div class=\"message-content\">%1</div></td>"
           "<td class=\"message-time\" width=\"1%\" align=\"right\" valign=\"top\">%2</td></tr></table></td></tr>\n"_s
        .arg(contentHtml, timeText());
}

QString MessageView::messageGroups(const QList<Message> &messages) const
{
    // The frame's 1px padding is the border. The bar is a table of its own: in the messages'
    // table, a spanning row would widen the avatar column.
    static const QString frameOpen =
        u"<table class=\"message-frame\" width=\"100%\" cellspacing=\"0\" cellpadding=\"1\"><tr><td>\n"_s;
    static const QString messagesOpen =
        u"<table class=\"message-group\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\">\n"_s;
    static const QString groupClose = u"</table></td></tr></table>\n"_s;
    QString html;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const Message &m = messages[i];
        const QString content = renderedContent(m.content);
        const bool continued = i > 0 && messages[i - 1].stream == m.stream && messages[i - 1].topic == m.topic;
        if (continued) {
            html += continuationRow(content);
            continue;
        }
        if (i > 0)
            html += groupClose;
        html += frameOpen + recipientBar(m) + messagesOpen + senderRow(content);
    }
    if (!messages.isEmpty())
        html += groupClose;
    return html;
}

QString MessageView::notice(const Outcome &o) const
{
    const QString source = m_integration ? m_integration->zulipWebhookName() + u" webhook"_s : u"Hookbench"_s;
    QString kind, title, text, detail;
    QList<std::pair<QString, QString>> data;
    if (o.isNoOp()) {
        kind = u"noop"_s;
        title = u"No message posted"_s;
        text = escaped(o.noop().reason.isEmpty() ? u"The event was ignored."_s : o.noop().reason);
        if (!o.noop().code.isEmpty())
            detail = u"<code>%1</code>"_s.arg(escaped(QString::fromLatin1(o.noop().code)));
        data = o.noop().data;
    } else {
        const WebhookError &e = o.error();
        kind = u"error"_s;
        title = u"Error %1"_s.arg(e.status);
        text = escaped(e.msg);
        detail = u"<code>%1</code>"_s.arg(escaped(QString::fromLatin1(e.code)));
        data = e.data;
    }
    for (const auto &[key, value] : data)
        detail += u" · %1: <code>%2</code>"_s.arg(escaped(key), escaped(value));
    if (data.isEmpty()) // Zulip's extra fields already name the webhook
        detail += (detail.isEmpty() ? u""_s : u" · "_s) + escaped(source);
    if (m_options.time.isValid())
        detail += u" · "_s + QLocale::c().toString(m_options.time, u"MMM d, yyyy h:mm AP"_s);
    return u"<table class=\"notice notice-%1\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr>"
           "<td class=\"notice-stripe\" width=\"4\"></td><td class=\"notice-body\">"
           "<p class=\"notice-title\">%2</p><p class=\"notice-text\">%3</p><p class=\"notice-detail\">%4</p>"
           "</td></tr></table>\n"_s
        .arg(kind, title, text, detail);
}

QString MessageView::notes(const Outcome &o) const
{
    QString html;
    for (const QString &note : o.notes())
        html += u"<p class=\"outcome-note\">Note: %1</p>\n"_s.arg(escaped(note));
    return html;
}

QString MessageView::bodyHtml(const Outcome &outcome) const
{
    return (outcome.isMessage() ? messageGroups(outcome.messages()) : notice(outcome)) + notes(outcome);
}

QString MessageView::textBrowserHtml(const Outcome &outcome) const
{
    return u"<html><body>\n"_s + bodyHtml(outcome) + u"</body></html>\n"_s;
}

QString MessageView::page(const Outcome &outcome) const
{
    QString title = senderName();
    if (outcome.isMessage() && !outcome.messages().isEmpty()) {
        const Message &m = outcome.messages().first();
        title += m.stream ? u" — %1 › %2"_s.arg(*m.stream, m.topic) : u" — Direct message"_s;
    } else {
        title += outcome.isNoOp() ? u" — no message"_s : u" — error"_s;
    }
    const bool dark = m_options.theme == ViewTheme::Dark;
    return u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
           "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
           "<meta name=\"referrer\" content=\"no-referrer\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"color-scheme\" content=\"%1\">\n"
           "<title>%2</title>\n<style>\n%3%4</style>\n</head>\n"
           "<body>\n<div class=\"page-column\">\n%5</div>\n</body>\n</html>\n"_s
        .arg(dark ? u"dark"_s : u"light"_s, escaped(title), styleSheet(), readResource(u":/message/page.css"_s),
             bodyHtml(outcome));
}

} // namespace hb
