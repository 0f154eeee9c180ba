// SPDX-License-Identifier: MIT
#pragma once

// Internals of the Markdown renderer shared by its parts: the element tree, the document that owns
// it, the stashes that hold raw HTML and finished inline nodes, and Python-compatible character
// classes. Nothing here is public API; see markdown.h.

#include "markdown.h"

#include <QString>
#include <QStringList>
#include <QStringView>

#include <deque>
#include <optional>
#include <utility>
#include <vector>

namespace hb::markdown::detail {

// ---------------------------------------------------------------------------------------------
// Characters

// Markers inside text. STX/ETX never reach the parsers from the input (they are removed up front).
//   STX a b ETX          a finished inline node (a, b in kIdFirst..kIdLast: its index)
//   STX kRawTag a b ETX  stashed raw HTML (a code block, a spoiler frame, an entity)
//   STX kBackslash ETX   an escaped backslash, written out as "\"
inline constexpr char16_t kStx = 0x02;
inline constexpr char16_t kEtx = 0x03;
inline constexpr char16_t kIdFirst = 0xE000;
inline constexpr char16_t kIdLast = 0xF7FF;
inline constexpr char16_t kRawTag = 0xF8FF;
inline constexpr char16_t kBackslash = 0xF8FE;
inline constexpr int kIdBase = kIdLast - kIdFirst + 1;
inline constexpr int kMaxStashed = kIdBase * kIdBase;

// Python's str.isspace() / the `\s` class of its re module.
bool isSpace(char32_t c);
inline bool isSpace(QChar c)
{
    return isSpace(char32_t(c.unicode()));
}
// Python's `\w` (letters, digits, numbers and the underscore), for a whole code point.
bool isWord(char32_t c);
// `\w` / Unicode decimal digit for the code unit at i, looking at its surrogate partner.
bool isWordAt(QStringView s, qsizetype i);
bool isDigitAt(QStringView s, qsizetype i);
// The code point that ends just before position i (0 at the start).
char32_t codePointBefore(QStringView s, qsizetype i);

// Python's str.strip() / lstrip() / rstrip().
QStringView pyStrip(QStringView s);
QStringView pyLStrip(QStringView s);
QStringView pyRStrip(QStringView s);
bool isBlank(QStringView s); // empty after pyStrip

// ---------------------------------------------------------------------------------------------
// The element tree, shaped like Python's ElementTree: an element has text before its first
// child, and every child has a tail (the text after it, inside the parent).

struct Node
{
    QString tag;
    std::vector<std::pair<QString, QString>> attrs; // serialized sorted by name
    QString text;
    QString tail;
    bool textAtomic = false; // inline patterns leave it alone
    bool tailAtomic = false;
    std::vector<Node *> children;

    void set(const QString &name, const QString &value);
    QString attr(const QString &name) const;
    bool hasAttr(const QString &name) const;
    qsizetype indexOf(const Node *child) const;
    void insert(qsizetype pos, Node *child);
    void remove(Node *child);
    Node *lastChild() const { return children.empty() ? nullptr : children.back(); }
};

bool isBlockLevel(const QString &tag);

// One rendering: owns the nodes and the raw HTML stash.
class Document
{
public:
    explicit Document(const Options &options);
    Document(const Document &) = delete;
    Document &operator=(const Document &) = delete;

    const Options &options() const { return m_options; }
    Node *root() const { return m_root; }

    Node *create(const QString &tag);
    Node *subElement(Node *parent, const QString &tag);

    // Raw HTML kept away from the parsers; the placeholder stands for it in the text.
    QString stashHtml(const QString &html);
    // The raw HTML of the placeholder starting at text[pos] (STX kRawTag a b ETX), or nullptr.
    const QString *rawHtmlAt(QStringView text, qsizetype pos) const;

private:
    const Options &m_options;
    std::deque<Node> m_nodes;
    QStringList m_html;
    Node *m_root = nullptr;
};

// Encodes id (< kMaxStashed) as the two id characters of a placeholder.
QString encodeId(int id);
// Decodes a placeholder at text[pos] (STX a b ETX); -1 if there is none.
int inlinePlaceholderAt(QStringView text, qsizetype pos);

// ---------------------------------------------------------------------------------------------
// The stages (markdown.cpp runs them in this order).

// Line preprocessors: hanging lists, whitespace normalisation, fenced blocks.
QStringList preprocess(Document &doc, const QString &source);
// The block parser: builds the tree under doc.root() from the preprocessed lines.
void parseBlocks(Document &doc, const QStringList &lines);
// Indented code blocks (pre/code) become stashed code HTML.
void highlightCodeBlocks(Document &doc);
// The inline patterns over every text of the tree.
void processInlines(Document &doc);
// Line breaks between block elements, as Python-Markdown's prettifier.
void prettify(Node *root);
// Image previews after the paragraphs that link images.
void addImagePreviews(Document &doc);
// The finished HTML (raw HTML restored, outer whitespace stripped).
QString serialize(const Document &doc);

// Pipe tables (mdtables.cpp): the shape of a block that is a table (header, separator row), and
// the cells of one row.
struct TableShape
{
    int border = 0; // 1: rows start with "|", 2: rows end with "|"
    QStringList separator;
};
std::optional<TableShape> tableShape(QStringView block);
QStringList tableCells(QStringView row, int border);
QStringView stripTableSpaces(QStringView s); // spaces only, as str.strip(' ')

// Shared helpers of the stages.
QString codeBlockHtml(const QString &code, const QString &language, bool trailingNewline);
QString escapeHtml(QStringView text, bool quotes); // & < > and, with quotes, " '
qint64 derivedId(const QString &name);             // the id of a name nobody resolved

} // namespace hb::markdown::detail
