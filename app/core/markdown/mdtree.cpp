// SPDX-License-Identifier: MIT
// The element tree, its serialization (escaping as Python-Markdown's HTML serializer, sorted
// attributes, stashed raw HTML restored) and the prettifier that puts line breaks between blocks.
#include "mdcore.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::markdown::detail {

// ---------------------------------------------------------------------------------------------
// Characters

bool isSpace(char32_t c)
{
    if (c < 0x80)
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028
        || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool isWord(char32_t c)
{
    if (c < 0x80)
        return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return QChar::isLetterOrNumber(c);
}

namespace {

char32_t codePointAt(QStringView s, qsizetype i)
{
    const QChar c = s[i];
    if (c.isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate())
        return QChar::surrogateToUcs4(c, s[i + 1]);
    if (c.isLowSurrogate() && i > 0 && s[i - 1].isHighSurrogate())
        return QChar::surrogateToUcs4(s[i - 1], c);
    return c.unicode();
}

} // namespace

bool isWordAt(QStringView s, qsizetype i)
{
    return isWord(codePointAt(s, i));
}

bool isDigitAt(QStringView s, qsizetype i)
{
    const char32_t c = codePointAt(s, i);
    return c < 0x80 ? (c >= '0' && c <= '9') : QChar::isDigit(c);
}

char32_t codePointBefore(QStringView s, qsizetype i)
{
    return i <= 0 ? 0 : codePointAt(s, i - 1);
}

QStringView pyLStrip(QStringView s)
{
    qsizetype b = 0;
    while (b < s.size() && isSpace(s[b]))
        ++b;
    return s.mid(b);
}

QStringView pyRStrip(QStringView s)
{
    qsizetype e = s.size();
    while (e > 0 && isSpace(s[e - 1]))
        --e;
    return s.left(e);
}

QStringView pyStrip(QStringView s)
{
    return pyRStrip(pyLStrip(s));
}

bool isBlank(QStringView s)
{
    return pyStrip(s).isEmpty();
}

// ---------------------------------------------------------------------------------------------
// Nodes and the document

void Node::set(const QString &name, const QString &value)
{
    for (auto &a : attrs) {
        if (a.first == name) {
            a.second = value;
            return;
        }
    }
    attrs.emplace_back(name, value);
}

QString Node::attr(const QString &name) const
{
    for (const auto &a : attrs) {
        if (a.first == name)
            return a.second;
    }
    return {};
}

bool Node::hasAttr(const QString &name) const
{
    return std::any_of(attrs.begin(), attrs.end(), [&](const auto &a) { return a.first == name; });
}

qsizetype Node::indexOf(const Node *child) const
{
    const auto it = std::find(children.begin(), children.end(), child);
    return it == children.end() ? -1 : qsizetype(it - children.begin());
}

void Node::insert(qsizetype pos, Node *child)
{
    pos = std::clamp<qsizetype>(pos, 0, qsizetype(children.size()));
    children.insert(children.begin() + pos, child);
}

void Node::remove(Node *child)
{
    const qsizetype i = indexOf(child);
    if (i >= 0)
        children.erase(children.begin() + i);
}

bool isBlockLevel(const QString &tag)
{
    static const QSet<QString> kTags = {
        u"address"_s, u"article"_s, u"aside"_s, u"blockquote"_s, u"details"_s, u"div"_s, u"dl"_s,
        u"fieldset"_s, u"figcaption"_s, u"figure"_s, u"footer"_s, u"form"_s, u"h1"_s, u"h2"_s,
        u"h3"_s, u"h4"_s, u"h5"_s, u"h6"_s, u"header"_s, u"hgroup"_s, u"hr"_s, u"main"_s,
        u"menu"_s, u"nav"_s, u"ol"_s, u"p"_s, u"pre"_s, u"section"_s, u"table"_s, u"ul"_s,
        u"canvas"_s, u"colgroup"_s, u"dd"_s, u"body"_s, u"dt"_s, u"group"_s, u"html"_s,
        u"iframe"_s, u"li"_s, u"legend"_s, u"math"_s, u"map"_s, u"noscript"_s, u"output"_s,
        u"object"_s, u"option"_s, u"progress"_s, u"script"_s, u"style"_s, u"summary"_s,
        u"tbody"_s, u"td"_s, u"textarea"_s, u"tfoot"_s, u"th"_s, u"thead"_s, u"tr"_s, u"video"_s,
    };
    return kTags.contains(tag);
}

Document::Document(const Options &options)
    : m_options(options)
{
    m_root = create(u"div"_s);
}

Node *Document::create(const QString &tag)
{
    m_nodes.emplace_back();
    m_nodes.back().tag = tag;
    return &m_nodes.back();
}

Node *Document::subElement(Node *parent, const QString &tag)
{
    Node *n = create(tag);
    parent->children.push_back(n);
    return n;
}

QString encodeId(int id)
{
    QString s(2, Qt::Uninitialized);
    s[0] = QChar(char16_t(kIdFirst + id / kIdBase));
    s[1] = QChar(char16_t(kIdFirst + id % kIdBase));
    return s;
}

namespace {

int decodeId(QChar a, QChar b)
{
    const auto inRange = [](QChar c) { return c.unicode() >= kIdFirst && c.unicode() <= kIdLast; };
    if (!inRange(a) || !inRange(b))
        return -1;
    return (a.unicode() - kIdFirst) * kIdBase + (b.unicode() - kIdFirst);
}

} // namespace

int inlinePlaceholderAt(QStringView text, qsizetype pos)
{
    if (pos + 3 >= text.size() || text[pos] != QChar(kStx) || text[pos + 3] != QChar(kEtx))
        return -1;
    return decodeId(text[pos + 1], text[pos + 2]);
}

QString Document::stashHtml(const QString &html)
{
    const int id = int(m_html.size());
    m_html.append(html);
    return QChar(kStx) + QChar(kRawTag) + encodeId(id) + QChar(kEtx);
}

const QString *Document::rawHtmlAt(QStringView text, qsizetype pos) const
{
    if (pos + 4 >= text.size() || text[pos] != QChar(kStx) || text[pos + 1] != QChar(kRawTag)
        || text[pos + 4] != QChar(kEtx))
        return nullptr;
    const int id = decodeId(text[pos + 2], text[pos + 3]);
    return id >= 0 && id < m_html.size() ? &m_html[id] : nullptr;
}

// ---------------------------------------------------------------------------------------------
// Escaping

QString escapeHtml(QStringView text, bool quotes)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&': out += u"&amp;"_s; break;
        case '<': out += u"&lt;"_s; break;
        case '>': out += u"&gt;"_s; break;
        case '"': out += quotes ? u"&quot;"_s : u"\""_s; break;
        case '\'': out += quotes ? u"&#39;"_s : u"'"_s; break;
        default: out += c;
        }
    }
    return out;
}

namespace {

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

bool isAsciiHex(QChar c)
{
    const char16_t u = c.toLower().unicode();
    return isAsciiDigit(c) || (u >= 'a' && u <= 'f');
}

bool isAsciiAlnum(QChar c)
{
    const char16_t u = c.toLower().unicode();
    return isAsciiDigit(c) || (u >= 'a' && u <= 'z');
}

// "&" starting something that already looks like an entity ("&amp;", "&#39;", "&#x1F;") is
// written as it is, as Python-Markdown's serializer does.
bool startsEntity(QStringView s, qsizetype amp)
{
    qsizetype i = amp + 1;
    if (i < s.size() && s[i] == u'#') {
        ++i;
        if (i < s.size() && (s[i] == u'x' || s[i] == u'X')) {
            const qsizetype start = ++i;
            while (i < s.size() && isAsciiHex(s[i]))
                ++i;
            if (i > start && i < s.size() && s[i] == u';')
                return true;
            // "&#x;" is not hex; "&#x" can still not be decimal: fall through as false
            return false;
        }
        const qsizetype start = i;
        while (i < s.size() && isAsciiDigit(s[i]))
            ++i;
        return i > start && i < s.size() && s[i] == u';';
    }
    const qsizetype start = i;
    while (i < s.size() && isAsciiAlnum(s[i]))
        ++i;
    return i > start && i < s.size() && s[i] == u';';
}

enum class Context { Text, Attribute };

void appendEscaped(QString &out, QStringView s, Context ctx, const Document &doc)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        switch (c.unicode()) {
        case '&':
            out += startsEntity(s, i) ? u"&"_s : u"&amp;"_s;
            break;
        case '<': out += u"&lt;"_s; break;
        case '>': out += u"&gt;"_s; break;
        case '"':
            out += ctx == Context::Attribute ? u"&quot;"_s : u"\""_s;
            break;
        case kStx: {
            if (const QString *html = doc.rawHtmlAt(s, i)) {
                // Raw HTML goes out as it is; inside an attribute only an entity may (a block of
                // HTML there would end the attribute).
                if (ctx == Context::Text || html->startsWith(u'&'))
                    out += *html;
                else
                    out += escapeHtml(*html, true);
                i += 4;
            } else if (i + 2 < s.size() && s[i + 1] == QChar(kBackslash) && s[i + 2] == QChar(kEtx)) {
                out += u'\\';
                i += 2;
            } else if (inlinePlaceholderAt(s, i) >= 0) {
                i += 3; // a node that never found its place: nothing to write
            }
            break;
        }
        case kEtx:
            break;
        default:
            out += c;
        }
    }
}

bool isVoid(const QString &tag)
{
    static const QSet<QString> kVoid = {u"area"_s, u"base"_s, u"basefont"_s, u"br"_s, u"col"_s,
                                      u"embed"_s, u"frame"_s, u"hr"_s, u"img"_s, u"input"_s,
                                      u"isindex"_s, u"link"_s, u"meta"_s, u"param"_s,
                                      u"source"_s, u"track"_s, u"wbr"_s};
    return kVoid.contains(tag);
}

// A paragraph holding nothing but one placeholder of block-level HTML is replaced by that HTML.
const QString *blockHtmlOnly(const Node *n, const Document &doc)
{
    if (n->tag != u"p" || !n->attrs.empty() || !n->children.empty() || n->text.size() != 5)
        return nullptr;
    const QString *html = doc.rawHtmlAt(n->text, 0);
    if (!html || !html->startsWith(u'<'))
        return nullptr;
    qsizetype i = 1;
    if (i < html->size() && html->at(i) == u'/')
        ++i;
    const qsizetype start = i;
    while (i < html->size() && html->at(i) != u' ' && html->at(i) != u'>')
        ++i;
    const QString tag = html->mid(start, i - start);
    if (tag.isEmpty())
        return nullptr;
    const QChar first = tag.front();
    if (first == u'!' || first == u'?' || first == u'@' || first == u'%')
        return html;
    return isBlockLevel(tag.toLower()) ? html : nullptr;
}

void serializeNode(QString &out, const Node *n, const Document &doc)
{
    if (const QString *html = blockHtmlOnly(n, doc)) {
        out += *html;
    } else {
        out += u'<' + n->tag;
        auto attrs = n->attrs;
        std::sort(attrs.begin(), attrs.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &[name, value] : attrs) {
            out += u' ' + name + u"=\""_s;
            appendEscaped(out, value, Context::Attribute, doc);
            out += u'"';
        }
        out += u'>';
        appendEscaped(out, n->text, Context::Text, doc);
        for (const Node *child : n->children)
            serializeNode(out, child, doc);
        if (!isVoid(n->tag))
            out += u"</"_s + n->tag + u'>';
    }
    appendEscaped(out, n->tail, Context::Text, doc);
}

void prettifyNode(Node *n)
{
    if (isBlockLevel(n->tag) && n->tag != u"code" && n->tag != u"pre") {
        if (isBlank(n->text) && !n->children.empty() && isBlockLevel(n->children.front()->tag)) {
            n->text = u"\n"_s;
            n->textAtomic = false;
        }
        for (Node *child : n->children) {
            if (isBlockLevel(child->tag))
                prettifyNode(child);
        }
    }
    if (isBlank(n->tail)) {
        n->tail = u"\n"_s;
        n->tailAtomic = false;
    }
}

void prettifyBreaks(Node *n)
{
    for (Node *child : n->children) {
        if (child->tag == u"br")
            child->tail = isBlank(child->tail) ? u"\n"_s : u"\n"_s + child->tail;
        prettifyBreaks(child);
    }
}

} // namespace

void prettify(Node *root)
{
    prettifyNode(root);
    prettifyBreaks(root);
}

QString serialize(const Document &doc)
{
    QString out;
    const Node *root = doc.root();
    appendEscaped(out, root->text, Context::Text, doc);
    for (const Node *child : root->children)
        serializeNode(out, child, doc);
    return pyStrip(out).toString();
}

qint64 derivedId(const QString &name)
{
    // FNV-1a (32 bits) of the case-folded name in UTF-8, mapped to six digits.
    quint32 h = 2166136261u;
    for (const char c : name.toCaseFolded().toUtf8()) {
        h ^= quint8(c);
        h *= 16777619u;
    }
    return 100000 + qint64(h % 900000u);
}

} // namespace hb::markdown::detail
