// SPDX-License-Identifier: MIT
#include "parsedjson.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

constexpr qsizetype kExcerptReach = 60; // bytes kept on each side of the error in the excerpt

bool isContinuationByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

int characterCount(QByteArrayView utf8)
{
    int n = 0;
    for (char c : utf8)
        n += isContinuationByte(c) ? 0 : 1;
    return n;
}

// Moves a cut to the start of the UTF-8 sequence it falls into, so excerpts never split a character.
qsizetype alignToCharacter(QByteArrayView text, qsizetype pos)
{
    while (pos > 0 && pos < text.size() && isContinuationByte(text[pos]))
        --pos;
    return pos;
}

// One display line: tabs become spaces, other control characters their control pictures.
QString printable(QByteArrayView utf8)
{
    QString s = QString::fromUtf8(utf8);
    s.remove(u'\r');
    for (QChar &c : s) {
        if (c == u'\t')
            c = u' ';
        else if (c.unicode() < 0x20)
            c = QChar(0x2400 + c.unicode());
    }
    return s;
}

} // namespace

QString JsonSyntaxError::describe() const
{
    return QCoreApplication::translate("hb::gui::JsonSyntaxError", "%1 at offset %2 (line %3, column %4)")
        .arg(message).arg(offset).arg(line).arg(column);
}

JsonSyntaxError locateSyntaxError(QByteArrayView text, const JsonParseError &error)
{
    JsonSyntaxError e;
    e.message = error.message;
    e.offset = std::clamp<qsizetype>(error.offset, 0, text.size());
    const QByteArrayView before = text.first(e.offset);
    e.line = int(before.count('\n')) + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    e.column = characterCount(text.sliced(lineStart, e.offset - lineStart)) + 1;

    qsizetype lineEnd = text.indexOf('\n', e.offset);
    if (lineEnd < 0)
        lineEnd = text.size();
    const qsizetype from = alignToCharacter(text, std::max(lineStart, e.offset - kExcerptReach));
    const qsizetype to = alignToCharacter(text, std::min(lineEnd, e.offset + kExcerptReach));
    const QString head = printable(text.sliced(from, e.offset - from));
    e.excerpt = (from > lineStart ? u"…"_s : QString()) + head;
    e.excerptColumn = int(e.excerpt.size());
    e.excerpt += printable(text.sliced(e.offset, to - e.offset));
    if (to < lineEnd)
        e.excerpt += u'…';
    return e;
}

ParsedJson parseForDisplay(QByteArrayView text)
{
    ParsedJson result;
    JsonParseError error;
    if (auto value = parseJson(text, &error))
        result.document = std::make_shared<const JsonValue>(std::move(*value));
    else
        result.error = locateSyntaxError(text, error);
    return result;
}

} // namespace hb::gui
