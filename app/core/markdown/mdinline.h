// SPDX-License-Identifier: MIT
#pragma once

// The inline stage: patterns applied one after the other, in Zulip's priority order, to every text
// of the tree. A match becomes a finished node (an element or plain text) kept in a stash; the
// text keeps a placeholder for it, which later patterns see as an opaque character run and which
// is finally replaced by the node itself. This is how Python-Markdown works, and its order
// explains most of Zulip's rendering (code before links, links before bold, bold before emoji…).

#include "mdcore.h"

#include <memory>
#include <optional>

namespace hb::markdown::detail {

// What a match produces: an element, or text that later patterns must not touch.
struct InlineValue
{
    Node *node = nullptr;
    QString text;
};

struct Hit
{
    qsizetype start = 0;
    qsizetype end = 0;
    InlineValue value;
};

class InlineEngine;

class Pattern
{
public:
    virtual ~Pattern() = default;
    // The first accepted match starting at or after `from`. `before` is the code point before
    // data[from] in the text being rewritten (0 at its start); past `from`, data itself is right.
    virtual std::optional<Hit> find(InlineEngine &engine, QStringView data, qsizetype from, char32_t before) = 0;
    // Python-Markdown searches again from the start of the text after each match; a pattern
    // whose earlier text cannot change its mind may continue where it stopped.
    virtual bool searchesAgainFromStart() const { return true; }
};

// The code point before position q, given what precedes `from`.
inline char32_t prevAt(QStringView data, qsizetype q, qsizetype from, char32_t before)
{
    return q == from ? before : codePointBefore(data, q);
}

class InlineEngine
{
public:
    explicit InlineEngine(Document &doc);
    ~InlineEngine();

    void run();

    Document &doc() { return m_doc; }
    const Options &options() const { return m_doc.options(); }

    // Python-Markdown's unescape(): placeholders replaced by the text of what they stand for.
    QString unescape(QStringView text) const;

    // A shared allowance for scans that are not bounded by the text they consume (link
    // destinations, bracket matching). Past it, such scans give up: pathological input stays fast.
    bool spend(qsizetype chars);
    // How many characters such a scan may still look at.
    qint64 allowance() const { return m_allowance; }

private:
    QString handleInline(QString data, bool atomic, int patternIndex);
    void applyPattern(int index, QString &data);
    QString stash(Hit &hit, int patternIndex);
    std::vector<Node *> processPlaceholders(const QString &data, bool atomic, Node *parent, bool isText);
    void processElementText(Node *node, Node *subnode, bool isText);
    QString textContent(const Node *n) const;

    Document &m_doc;
    std::vector<std::unique_ptr<Pattern>> m_patterns;
    std::vector<InlineValue> m_stash;
    qint64 m_allowance = 0;
};

// The patterns, in the order they run (mdpatterns.cpp, mdlinks.cpp).
std::vector<std::unique_ptr<Pattern>> makePatterns(const Options &options);
std::unique_ptr<Pattern> makeLinkPattern();
std::unique_ptr<Pattern> makeAutolinkPattern();
std::unique_ptr<Pattern> makeTimestampPattern();

// URL helpers shared with the image previews.
std::optional<QString> sanitizeUrl(const QString &url); // nullopt: not allowed as a link
QString relativeToRealm(const QString &href, const Options &options);
QString percentEncode(QStringView text); // Python's quote(text, safe="")
QString hashEncode(QStringView text);    // Zulip's hash_util_encode
struct UrlParts
{
    QString scheme;
    QString netloc;
    QString path;
    QString query;
    QString fragment;
};
std::optional<UrlParts> splitUrl(const QString &url); // Python's urlsplit; nullopt: ValueError
QString joinUrl(const UrlParts &parts);               // Python's urlunsplit

// Timestamps for <time:…>: the ISO 8601 datetime Zulip puts in datetime="…", or nullopt.
std::optional<QString> parseTimestamp(const QString &text);

} // namespace hb::markdown::detail
