// SPDX-License-Identifier: MIT
#include "jsonhighlighter.h"

#include "codeeditor.h"

#include <QPalette>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

struct Colours
{
    QColor key, string, number, keyword, punctuation;
};

// Chosen for contrast on white and on a dark grey background respectively.
const Colours kLight{QColor(0x0b, 0x4f, 0x9c), QColor(0x0f, 0x7b, 0x3c), QColor(0xa8, 0x4b, 0x00),
                     QColor(0x8a, 0x2b, 0xb5), QColor(0x6b, 0x72, 0x80)};
const Colours kDark{QColor(0x7c, 0xb8, 0xff), QColor(0x9c, 0xd6, 0x8e), QColor(0xf2, 0xa6, 0x5e),
                    QColor(0xd3, 0x9b, 0xf5), QColor(0x9a, 0xa3, 0xad)};

bool isNumberChar(QChar c)
{
    return (c >= u'0' && c <= u'9') || c == u'-' || c == u'+' || c == u'.' || c == u'e' || c == u'E';
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    setPalette(QPalette());
}

void JsonHighlighter::setPalette(const QPalette &palette)
{
    const Colours &c = palette.color(QPalette::Base).lightness() < 128 ? kDark : kLight;
    m_key.setForeground(c.key);
    m_string.setForeground(c.string);
    m_number.setForeground(c.number);
    m_keyword.setForeground(c.keyword);
    m_keyword.setFontWeight(QFont::DemiBold);
    m_punctuation.setForeground(c.punctuation);
    rehighlight();
}

// Colours the string starting at `start` (a key when a ':' follows) and returns the index after it.
// JSON strings cannot span lines, so an unterminated one ends with the line.
int JsonHighlighter::highlightString(const QString &text, int start)
{
    int end = start + 1;
    while (end < text.size() && text[end] != u'"')
        end += text[end] == u'\\' ? 2 : 1;
    end = qMin(end + 1, int(text.size()));
    int next = end;
    while (next < text.size() && text[next].isSpace())
        ++next;
    const bool isKey = next < text.size() && text[next] == u':';
    setFormat(start, end - start, isKey ? m_key : m_string);
    return end;
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    auto *brackets = new BracketData;
    int i = 0;
    while (i < text.size()) {
        const QChar c = text[i];
        if (c == u'"') {
            i = highlightString(text, i);
        } else if (c == u'{' || c == u'}' || c == u'[' || c == u']') {
            brackets->brackets.append({i, c});
            setFormat(i++, 1, m_punctuation);
        } else if (c == u',' || c == u':') {
            setFormat(i++, 1, m_punctuation);
        } else if (isNumberChar(c) && c != u'e' && c != u'E') {
            const int start = i;
            while (i < text.size() && isNumberChar(text[i]))
                ++i;
            setFormat(start, i - start, m_number);
        } else if (c.isLetter()) {
            const int start = i;
            while (i < text.size() && text[i].isLetter())
                ++i;
            const QStringView word = QStringView(text).mid(start, i - start);
            if (word == u"true" || word == u"false" || word == u"null")
                setFormat(start, i - start, m_keyword);
        } else {
            ++i;
        }
    }
    setCurrentBlockUserData(brackets);
}

} // namespace hb::gui
