// SPDX-License-Identifier: MIT
// The block pass. As in Python-Markdown (which Zulip's server runs), the text is cut into blocks at
// blank lines and each block is offered to the block kinds in a fixed order: empty, list
// continuation (2-space indentation), indented code, "#" heading, table, horizontal rule, numbered
// list, bulleted list, quote, paragraph. A kind may take part of a block and give the rest back.
//
// Blocks are views into immutable buffers, so giving back the rest of a block costs nothing, and
// the kinds that look for a line anywhere in a block (heading, rule, quote) remember what they
// found per buffer, so a long block split line by line is still scanned once. Nesting (quotes in
// quotes, lists in lists) stops at kMaxDepth: deeper text stays paragraph text.
#include "mdcore.h"

#include <QHash>

#include <deque>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace hb::markdown::detail {

namespace {

constexpr int kMaxDepth = 40;

// A text the parser created (the document, a quote without its ">", a list item); blocks share
// it, and it goes away with the last of them. The serial number keys the search caches.
struct Buffer
{
    QString text;
    quint64 serial;
};

struct Block
{
    std::shared_ptr<const Buffer> owner;
    qsizetype b = 0;
    qsizetype e = 0;

    const QString &text() const { return owner->text; }
    QStringView view() const { return QStringView(owner->text).mid(b, e - b); }
    qsizetype size() const { return e - b; }
    bool isEmpty() const { return b == e; }
    QChar at(qsizetype i) const { return owner->text[b + i]; }
    Block sub(qsizetype from, qsizetype to) const { return Block{owner, b + from, b + to}; }
    Block range(qsizetype from, qsizetype to) const { return Block{owner, from, to}; }
    bool startsWithSpaces(qsizetype n) const
    {
        if (size() < n)
            return false;
        for (qsizetype i = 0; i < n; ++i) {
            if (at(i) != u' ')
                return false;
        }
        return true;
    }
};

enum class State { List, LooseList, Detabbed, Blockquote };

qsizetype leadingSpaces(QStringView s)
{
    qsizetype i = 0;
    while (i < s.size() && s[i] == u' ')
        ++i;
    return i;
}

bool isList(const Node *n)
{
    return n && (n->tag == u"ul" || n->tag == u"ol");
}

// ----- line predicates -----------------------------------------------------------------------

// A "#" heading starting at line start p of text (which ends at e): "#"×1..6, one whitespace
// character, the heading text up to the end of the line without closing "#"s.
struct HeaderMatch
{
    qsizetype start = 0; // where the text before the heading ends
    qsizetype end = 0;   // where the text after it starts
    int level = 0;
    qsizetype textB = 0;
    qsizetype textE = 0;
};

std::optional<HeaderMatch> headerAt(QStringView t, qsizetype p, qsizetype e)
{
    qsizetype n = 0;
    while (p + n < e && n < 7 && t[p + n] == u'#')
        ++n;
    if (n < 1 || n > 6 || p + n >= e || !isSpace(t[p + n]))
        return std::nullopt;
    const qsizetype q = p + n + 1;
    qsizetype i = q;
    qsizetype r = -1;
    while (r < 0) {
        if (i >= e || t[i] == u'\n') {
            r = i;
        } else if (t[i] == u'#') {
            qsizetype j = i;
            while (j < e && t[j] == u'#')
                ++j;
            if (j >= e || t[j] == u'\n')
                r = i;
            else
                i = j;
        } else if (t[i] == u'\\') {
            if (i + 1 < e && t[i + 1] != u'\n')
                i += 2;
            else
                return std::nullopt;
        } else {
            ++i;
        }
    }
    qsizetype end = r;
    while (end < e && t[end] == u'#')
        ++end;
    if (end < e && t[end] == u'\n')
        ++end;
    return HeaderMatch{p > 0 ? p - 1 : 0, end, int(n), q, r};
}

bool isHeaderLine(QStringView t, qsizetype p, qsizetype e)
{
    return headerAt(t, p, e).has_value();
}

// A horizontal rule: up to three spaces, then three or more of one of - _ * separated by at most
// two spaces, then only spaces.
bool isHrLine(QStringView t, qsizetype p, qsizetype e)
{
    qsizetype lineEnd = p;
    while (lineEnd < e && t[lineEnd] != u'\n')
        ++lineEnd;
    const QStringView line = t.mid(p, lineEnd - p);
    const qsizetype indent = leadingSpaces(line);
    if (indent > 3 || indent >= line.size())
        return false;
    const QChar c = line[indent];
    if (c != u'-' && c != u'_' && c != u'*')
        return false;
    int count = 0;
    qsizetype i = indent;
    while (i < line.size()) {
        if (line[i] == c) {
            ++count;
            ++i;
            continue;
        }
        if (line[i] != u' ')
            return false;
        qsizetype j = i;
        while (j < line.size() && line[j] == u' ')
            ++j;
        if (j < line.size() && j - i > 2)
            return false;
        i = j;
    }
    return count >= 3;
}

bool isQuoteLine(QStringView t, qsizetype p, qsizetype e)
{
    qsizetype i = p;
    while (i < e && i - p < 3 && t[i] == u' ')
        ++i;
    return i < e && t[i] == u'>';
}

// "[ ]{0,3}>" and nothing but whitespace after it.
bool isBlankQuoteLine(QStringView line)
{
    const qsizetype i = leadingSpaces(line);
    if (i > 3 || i >= line.size() || line[i] != u'>')
        return false;
    return isBlank(line.mid(i + 1));
}

// ----- searching lines of a block, remembered per buffer -------------------------------------

class LineSearch
{
public:
    using Pred = bool (*)(QStringView, qsizetype, qsizetype);
    explicit LineSearch(Pred pred)
        : m_pred(pred)
    {
    }

    // The first line start p in [blk.b, blk.e) where the predicate holds, or -1.
    qsizetype find(const Block &blk)
    {
        const Key key{blk.owner->serial, blk.e};
        const auto it = m_cache.constFind(key);
        if (it != m_cache.cend() && blk.b >= it->from && (it->found < 0 || blk.b <= it->found))
            return it->found;
        const QStringView t(blk.text());
        qsizetype found = -1;
        qsizetype p = blk.b;
        while (p < blk.e) {
            if (m_pred(t, p, blk.e)) {
                found = p;
                break;
            }
            const qsizetype nl = t.indexOf(u'\n', p);
            if (nl < 0 || nl >= blk.e)
                break;
            p = nl + 1;
        }
        m_cache.insert(key, Entry{blk.b, found});
        return found;
    }

private:
    using Key = std::pair<quint64, qsizetype>;
    struct Entry
    {
        qsizetype from;
        qsizetype found;
    };
    Pred m_pred;
    QHash<Key, Entry> m_cache;
};

// ----- mentions inside quotes are silent -----------------------------------------------------

bool mentionMayFollow(QStringView s, qsizetype i)
{
    if (i == 0)
        return true;
    const QChar c = s[i - 1];
    return isSpace(c) || c == u'\'' || c == u'"' || c == u'(' || c == u'{' || c == u'[' || c == u'/'
        || c == u'<';
}

// @**name** -> @_**name** (stars = 2), then @*group* -> @_*group* (stars = 1).
QString silenceMentions(const QString &line, int stars)
{
    if (!line.contains(u'@'))
        return line;
    QString out;
    qsizetype copied = 0;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line[i] != u'@' || !mentionMayFollow(line, i))
            continue;
        qsizetype j = i + 1;
        if (j < line.size() && line[j] == u'_')
            ++j;
        bool ok = true;
        for (int k = 0; k < stars; ++k)
            ok = ok && j + k < line.size() && line[j + k] == u'*';
        if (!ok)
            continue;
        const qsizetype nameB = j + stars;
        qsizetype r = nameB;
        while (r < line.size() && line[r] != u'*')
            ++r;
        if (r == nameB || r + stars > line.size())
            continue;
        for (int k = 0; k < stars; ++k)
            ok = ok && line[r + k] == u'*';
        if (!ok)
            continue;
        const QString mark(stars, u'*');
        out += QStringView(line).mid(copied, i - copied) + u"@_"_s + mark
            + QStringView(line).mid(nameB, r - nameB) + mark;
        copied = r + stars;
        i = copied - 1;
    }
    if (copied == 0)
        return line;
    return out + QStringView(line).mid(copied);
}

// ----- the parser ----------------------------------------------------------------------------

class BlockParser
{
public:
    explicit BlockParser(Document &doc)
        : m_doc(doc)
        , m_headers(isHeaderLine)
        , m_rules(isHrLine)
        , m_quotes(isQuoteLine)
    {
    }

    void parseDocument(const QStringList &lines)
    {
        parseChunk(m_doc.root(), own(lines.join(u'\n')), 0);
    }

private:
    using Blocks = std::deque<Block>;

    Block own(QString text)
    {
        auto buffer = std::make_shared<const Buffer>(Buffer{std::move(text), ++m_serial});
        const qsizetype size = buffer->text.size();
        return Block{std::move(buffer), 0, size};
    }

    bool isState(State s) const { return !m_state.empty() && m_state.back() == s; }

    void parseChunk(Node *parent, const Block &text, int depth)
    {
        Blocks blocks;
        const QStringView t(text.text());
        qsizetype b = text.b;
        while (true) {
            const qsizetype sep = t.indexOf(u"\n\n", b);
            if (sep < 0 || sep + 2 > text.e) {
                blocks.push_back(text.range(b, text.e));
                break;
            }
            blocks.push_back(text.range(b, sep));
            b = sep + 2;
        }
        parseBlocks(parent, blocks, depth);
    }

    void parseOne(Node *parent, const Block &blk, int depth)
    {
        Blocks blocks{blk};
        parseBlocks(parent, blocks, depth);
    }

    void parseBlocks(Node *parent, Blocks &blocks, int depth)
    {
        while (!blocks.empty()) {
            const Block blk = blocks.front();
            if (blk.isEmpty() || blk.at(0) == u'\n')
                runEmpty(parent, blocks);
            else if (depth >= kMaxDepth)
                runParagraph(parent, blocks);
            else if (testListIndent(parent, blk))
                runListIndent(parent, blocks, depth);
            else if (blk.startsWithSpaces(4))
                runCode(parent, blocks);
            else if (m_headers.find(blk) >= 0)
                runHeader(parent, blocks, depth);
            else if (auto table = tableShape(blk.view()))
                runTable(parent, blocks, *table);
            else if (m_rules.find(blk) >= 0)
                runRule(parent, blocks, depth);
            else if (listItemAt(blk.view(), true))
                runList(parent, blocks, true, depth);
            else if (listItemAt(blk.view(), false))
                runList(parent, blocks, false, depth);
            else if (quoteStart(blk) >= 0)
                runQuote(parent, blocks, depth);
            else
                runParagraph(parent, blocks);
        }
    }

    // --- empty -----------------------------------------------------------------------------

    void runEmpty(Node *parent, Blocks &blocks)
    {
        const Block blk = blocks.front();
        blocks.pop_front();
        QString filler = u"\n\n"_s;
        if (!blk.isEmpty()) {
            filler = u"\n"_s;
            const Block rest = blk.sub(1, blk.size());
            if (!rest.isEmpty())
                blocks.push_front(rest);
        }
        Node *sibling = parent->lastChild();
        if (sibling && sibling->tag == u"pre" && !sibling->children.empty()
            && sibling->children.front()->tag == u"code")
            sibling->children.front()->text += filler;
    }

    // --- list continuation -----------------------------------------------------------------

    bool testListIndent(Node *parent, const Block &blk) const
    {
        if (!blk.startsWithSpaces(2) || isState(State::Detabbed))
            return false;
        return parent->tag == u"li" || isList(parent->lastChild());
    }

    // Removes `width` leading spaces from the lines that have them.
    Block looseDetab(const Block &blk, qsizetype width)
    {
        if (width <= 0)
            return blk;
        QString out;
        out.reserve(blk.size());
        bool first = true;
        for (const QStringView line : blk.view().split(u'\n')) {
            if (!first)
                out += u'\n';
            first = false;
            if (leadingSpaces(line) >= width)
                out += line.mid(width);
            else
                out += line;
        }
        return own(std::move(out));
    }

    void runListIndent(Node *parent, Blocks &blocks, int depth)
    {
        Block blk = blocks.front();
        blocks.pop_front();
        const qsizetype indentLevel = leadingSpaces(blk.view()) / 2;
        qsizetype level = isState(State::List) ? 1 : 0;
        Node *sibling = parent;
        while (indentLevel > level) {
            Node *child = sibling->lastChild();
            if (child && (isList(child) || child->tag == u"li")) {
                if (isList(child))
                    ++level;
                sibling = child;
            } else {
                break;
            }
        }
        const Block detabbed = looseDetab(blk, 2 * level);
        blk = Block{};
        m_state.push_back(State::Detabbed);
        if (parent->tag == u"li") {
            if (isList(parent->lastChild()))
                parseOne(parent->lastChild(), detabbed, depth + 1);
            else
                parseOne(parent, detabbed, depth + 1);
        } else if (sibling->tag == u"li") {
            parseOne(sibling, detabbed, depth + 1);
        } else if (sibling->lastChild() && sibling->lastChild()->tag == u"li") {
            Node *li = sibling->lastChild();
            if (!li->text.isEmpty()) {
                Node *p = m_doc.create(u"p"_s);
                p->text = li->text;
                li->text.clear();
                li->insert(0, p);
            }
            parseChunk(li, detabbed, depth + 1);
        } else {
            Node *li = m_doc.subElement(sibling, u"li"_s);
            parseOne(li, detabbed, depth + 1);
        }
        m_state.pop_back();
    }

    // --- indented code ---------------------------------------------------------------------

    void runCode(Node *parent, Blocks &blocks)
    {
        const Block blk = blocks.front();
        blocks.pop_front();
        // Detab four spaces, line by line, up to the first line that is neither indented nor blank.
        QString code;
        const QStringView t = blk.view();
        qsizetype p = 0;
        qsizetype restAt = -1;
        bool first = true;
        while (p <= t.size()) {
            qsizetype nl = t.indexOf(u'\n', p);
            if (nl < 0)
                nl = t.size();
            const QStringView line = t.mid(p, nl - p);
            QStringView kept;
            if (leadingSpaces(line) >= 4)
                kept = line.mid(4);
            else if (!isBlank(line)) {
                restAt = p;
                break;
            }
            if (!first)
                code += u'\n';
            first = false;
            code += kept;
            p = nl + 1;
        }
        const QString text = pyRStrip(code).toString();
        Node *sibling = parent->lastChild();
        if (sibling && sibling->tag == u"pre" && !sibling->children.empty()
            && sibling->children.front()->tag == u"code") {
            Node *c = sibling->children.front();
            c->text = c->text + u'\n' + text + u'\n';
        } else {
            Node *pre = m_doc.subElement(parent, u"pre"_s);
            Node *c = m_doc.subElement(pre, u"code"_s);
            c->text = text + u'\n';
            c->textAtomic = true;
        }
        if (restAt >= 0)
            blocks.push_front(blk.sub(restAt, blk.size()));
    }

    // --- heading ---------------------------------------------------------------------------

    void runHeader(Node *parent, Blocks &blocks, int depth)
    {
        const Block blk = blocks.front();
        blocks.pop_front();
        const qsizetype p = m_headers.find(blk);
        const auto m = headerAt(blk.text(), p, blk.e);
        if (!m) { // cannot happen: the search found it
            runParagraphOf(parent, blk);
            return;
        }
        if (m->start > blk.b)
            parseOne(parent, blk.range(blk.b, m->start), depth);
        Node *h = m_doc.subElement(parent, u"h"_s + QString::number(m->level));
        h->text = pyStrip(QStringView(blk.text()).mid(m->textB, m->textE - m->textB)).toString();
        if (m->end < blk.e) {
            Block after = blk.range(m->end, blk.e);
            if (isState(State::LooseList))
                after = looseDetab(after, 4);
            blocks.push_front(after);
        }
    }

    // --- table -----------------------------------------------------------------------------

    void runTable(Node *parent, Blocks &blocks, const TableShape &shape)
    {
        const Block blk = blocks.front();
        blocks.pop_front();
        const QList<QStringView> lines = blk.view().split(u'\n');
        QStringList align;
        for (const QString &sep : shape.separator) {
            const QStringView c = stripTableSpaces(sep);
            const bool left = c.startsWith(u':');
            const bool right = c.endsWith(u':');
            align.append(left && right ? u"center"_s : left ? u"left"_s : right ? u"right"_s : QString());
        }
        Node *table = m_doc.subElement(parent, u"table"_s);
        Node *thead = m_doc.subElement(table, u"thead"_s);
        buildRow(stripTableSpaces(lines[0]), thead, align, shape.border, u"th"_s);
        Node *tbody = m_doc.subElement(table, u"tbody"_s);
        if (lines.size() < 3) {
            Node *tr = m_doc.subElement(tbody, u"tr"_s);
            for (qsizetype i = 0; i < align.size(); ++i)
                m_doc.subElement(tr, u"td"_s);
        } else {
            for (qsizetype i = 2; i < lines.size(); ++i)
                buildRow(stripTableSpaces(lines[i]), tbody, align, shape.border, u"td"_s);
        }
    }

    void buildRow(QStringView row, Node *parent, const QStringList &align, int border, const QString &tag)
    {
        Node *tr = m_doc.subElement(parent, u"tr"_s);
        const QStringList cells = tableCells(row, border);
        for (qsizetype i = 0; i < align.size(); ++i) {
            Node *cell = m_doc.subElement(tr, tag);
            if (i < cells.size())
                cell->text = stripTableSpaces(cells[i]).toString();
            if (!align[i].isEmpty())
                cell->set(u"style"_s, u"text-align: "_s + align[i] + u';');
        }
    }

    // --- horizontal rule -------------------------------------------------------------------

    void runRule(Node *parent, Blocks &blocks, int depth)
    {
        const Block blk = blocks.front();
        blocks.pop_front();
        const qsizetype p = m_rules.find(blk);
        const QStringView t(blk.text());
        qsizetype lineEnd = t.indexOf(u'\n', p);
        if (lineEnd < 0 || lineEnd > blk.e)
            lineEnd = blk.e;
        qsizetype preEnd = p;
        while (preEnd > blk.b && t[preEnd - 1] == u'\n')
            --preEnd;
        if (preEnd > blk.b)
            parseOne(parent, blk.range(blk.b, preEnd), depth);
        m_doc.subElement(parent, u"hr"_s);
        qsizetype postB = lineEnd;
        while (postB < blk.e && t[postB] == u'\n')
            ++postB;
        if (postB < blk.e)
            blocks.push_front(blk.range(postB, blk.e));
    }

    // --- lists -----------------------------------------------------------------------------

    // "1. text" (numbered) or "* text" (bulleted) with at most one space before it; `marker`
    // receives the number, `text` where the item text starts.
    static bool listItemAt(QStringView line, bool numbered, QStringView *marker = nullptr,
                           qsizetype *text = nullptr)
    {
        qsizetype i = line.startsWith(u' ') ? 1 : 0;
        if (i >= line.size())
            return false;
        const qsizetype m = i;
        if (numbered) {
            while (i < line.size() && isDigitAt(line, i))
                ++i;
            if (i == m || i >= line.size() || line[i] != u'.')
                return false;
            if (marker)
                *marker = line.mid(m, i - m);
            ++i;
        } else {
            if (line[i] != u'*' && line[i] != u'+' && line[i] != u'-')
                return false;
            ++i;
        }
        if (i >= line.size() || line[i] != u' ')
            return false;
        while (i < line.size() && line[i] == u' ')
            ++i;
        if (text)
            *text = i;
        return true;
    }

    // A nested item: two or three spaces, then a marker of either kind and a space.
    static bool indentedItem(QStringView line)
    {
        const qsizetype n = leadingSpaces(line);
        if (n < 2 || n > 3)
            return false;
        const QStringView rest = line.mid(n);
        if (rest.isEmpty())
            return false;
        qsizetype i = 0;
        if (rest[0] == u'*' || rest[0] == u'+' || rest[0] == u'-') {
            i = 1;
        } else {
            while (i < rest.size() && isDigitAt(rest, i))
                ++i;
            if (i == 0 || i >= rest.size() || rest[i] != u'.')
                return false;
            ++i;
        }
        return i < rest.size() && rest[i] == u' ';
    }

    void runList(Node *parent, Blocks &blocks, bool numbered, int depth)
    {
        Block blk = blocks.front();
        blocks.pop_front();
        // Items: item lines start new items, nested item lines are kept together, any other
        // line continues the previous item.
        QStringList items;
        QString start = u"1"_s;
        for (const QStringView line : blk.view().split(u'\n')) {
            QStringView marker;
            qsizetype textAt = 0;
            if (listItemAt(line, numbered, &marker, &textAt)) {
                if (items.isEmpty() && numbered)
                    start = marker.toString();
                items.append(line.mid(textAt).toString());
            } else if (indentedItem(line) && !items.isEmpty()) {
                if (items.last().startsWith(u"  "_s))
                    items.last() += u'\n' + line;
                else
                    items.append(line.toString());
            } else if (!items.isEmpty()) {
                items.last() += u'\n' + line;
            } else {
                items.append(line.toString());
            }
        }
        blk = Block{}; // the items hold the text now
        const QString tag = numbered ? u"ol"_s : u"ul"_s;
        Node *sibling = parent->lastChild();
        Node *list = nullptr;
        if (sibling && sibling->tag == tag) {
            list = sibling;
            if (Node *last = list->lastChild()) {
                if (!last->text.isEmpty()) {
                    Node *p = m_doc.create(u"p"_s);
                    p->text = last->text;
                    last->text.clear();
                    last->insert(0, p);
                }
                Node *lch = last->lastChild();
                if (lch && !lch->tail.isEmpty()) {
                    Node *p = m_doc.subElement(last, u"p"_s);
                    p->text = pyLStrip(lch->tail).toString();
                    lch->tail.clear();
                }
            }
            Node *li = m_doc.subElement(list, u"li"_s);
            m_state.push_back(State::LooseList);
            parseOne(li, own(items.takeFirst()), depth + 1);
            m_state.pop_back();
        } else if (isList(parent)) {
            list = parent;
        } else {
            list = m_doc.subElement(parent, tag);
            if (numbered && start != u"1")
                list->set(u"start"_s, start);
        }
        m_state.push_back(State::List);
        while (!items.isEmpty()) {
            QString item = items.takeFirst();
            Node *target = nullptr;
            if (item.startsWith(u"  "_s) && list->lastChild())
                target = list->lastChild();
            else
                target = m_doc.subElement(list, u"li"_s);
            parseOne(target, own(std::move(item)), depth + 1);
        }
        m_state.pop_back();
    }

    // --- quote -----------------------------------------------------------------------------

    // Where the trailing run of lines that are only ">" (and whitespace) begins, per buffer end.
    qsizetype blankQuoteTail(const Block &blk)
    {
        const std::pair<quint64, qsizetype> key{blk.owner->serial, blk.e};
        const auto it = m_quoteTails.constFind(key);
        if (it != m_quoteTails.cend())
            return *it;
        const QStringView t(blk.text());
        qsizetype end = blk.e;
        if (end > 0 && t[end - 1] == u'\n')
            --end; // a final empty line does not count
        qsizetype tail = blk.e;
        while (end > 0) {
            qsizetype lineStart = end;
            while (lineStart > 0 && t[lineStart - 1] != u'\n')
                --lineStart;
            if (!isBlankQuoteLine(t.mid(lineStart, end - lineStart)))
                break;
            tail = lineStart;
            if (lineStart == 0)
                break;
            end = lineStart - 1;
        }
        m_quoteTails.insert(key, tail);
        return tail;
    }

    // The first line that starts a quote: "[ ]{0,3}>" and not followed only by empty quote lines.
    qsizetype quoteStart(const Block &blk)
    {
        const qsizetype p = m_quotes.find(blk);
        if (p < 0)
            return -1;
        return p < blankQuoteTail(blk) ? p : -1;
    }

    static QString cleanQuoteLine(QStringView raw)
    {
        QString line = silenceMentions(silenceMentions(raw.toString(), 2), 1);
        if (pyStrip(line) == u">")
            return QString();
        const qsizetype n = leadingSpaces(line);
        if (n <= 3 && n < line.size() && line[n] == u'>') {
            qsizetype i = n + 1;
            if (i < line.size() && line[i] == u' ')
                ++i;
            return line.mid(i);
        }
        return line;
    }

    void runQuote(Node *parent, Blocks &blocks, int depth)
    {
        Block blk = blocks.front();
        blocks.pop_front();
        const qsizetype p = quoteStart(blk);
        const qsizetype start = p > blk.b ? p - 1 : blk.b;
        parseOne(parent, blk.range(blk.b, start), depth);
        QString cleaned;
        cleaned.reserve(blk.e - start);
        bool first = true;
        for (const QStringView line : QStringView(blk.text()).mid(start, blk.e - start).split(u'\n')) {
            if (!first)
                cleaned += u'\n';
            first = false;
            cleaned += cleanQuoteLine(line);
        }
        blk = Block{}; // the text without its ">" replaces it
        Node *quote = m_doc.subElement(parent, u"blockquote"_s);
        m_state.push_back(State::Blockquote);
        parseChunk(quote, own(std::move(cleaned)), depth + 1);
        m_state.pop_back();
    }

    // --- paragraph -------------------------------------------------------------------------

    void runParagraph(Node *parent, Blocks &blocks)
    {
        const Block blk = blocks.front();
        blocks.pop_front();
        runParagraphOf(parent, blk);
    }

    void runParagraphOf(Node *parent, const Block &blk)
    {
        const QStringView t = blk.view();
        if (isBlank(t))
            return;
        if (isState(State::List)) {
            // A tight list: the text belongs to the item itself.
            if (Node *sibling = parent->lastChild()) {
                if (sibling->tail.isEmpty())
                    sibling->tail = u'\n' + t.toString();
                else
                    sibling->tail = sibling->tail + u'\n' + t;
            } else if (!parent->text.isEmpty()) {
                parent->text = parent->text + u'\n' + t;
            } else {
                parent->text = pyLStrip(t).toString();
            }
            return;
        }
        Node *p = m_doc.subElement(parent, u"p"_s);
        p->text = pyLStrip(t).toString();
    }

    Document &m_doc;
    quint64 m_serial = 0;
    std::vector<State> m_state;
    LineSearch m_headers;
    LineSearch m_rules;
    LineSearch m_quotes;
    QHash<std::pair<quint64, qsizetype>, qsizetype> m_quoteTails;
};

} // namespace

void parseBlocks(Document &doc, const QStringList &lines)
{
    BlockParser(doc).parseDocument(lines);
}

void highlightCodeBlocks(Document &doc)
{
    std::vector<Node *> stack{doc.root()};
    while (!stack.empty()) {
        Node *n = stack.back();
        stack.pop_back();
        if (n->tag == u"pre" && n->children.size() == 1 && n->children.front()->tag == u"code") {
            QString code = n->children.front()->text;
            // Python-Markdown's header line: ":::lang" or "#!lang" (without a path) names the
            // language and is removed.
            const qsizetype b = [&] {
                qsizetype i = 0;
                while (i < code.size() && code[i] == u'\n')
                    ++i;
                return i;
            }();
            code = code.mid(b);
            const qsizetype nl = code.indexOf(u'\n');
            const QStringView firstLine = QStringView(code).left(nl < 0 ? code.size() : nl);
            const bool colons = firstLine.startsWith(u"::"_s);
            const bool shebang = firstLine.startsWith(u"#!"_s);
            if (colons || shebang) {
                qsizetype i = 2;
                while (colons && i < firstLine.size() && firstLine[i] == u':')
                    ++i;
                const bool hasPath = i < firstLine.size() && (firstLine[i] == u'/' || firstLine[i] == u' ');
                if (!hasPath)
                    code = nl < 0 ? QString() : code.mid(nl + 1);
            }
            n->children.clear();
            n->tag = u"p"_s;
            n->text = doc.stashHtml(codeBlockHtml(code, QString(), true));
            n->textAtomic = false;
            continue;
        }
        for (Node *child : n->children)
            stack.push_back(child);
    }
}

} // namespace hb::markdown::detail
