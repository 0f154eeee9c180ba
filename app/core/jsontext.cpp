// SPDX-License-Identifier: MIT
#include "jsontext.h"

#include "json.h"

using namespace Qt::StringLiterals;

namespace hb {

QString JsonTextError::toString() const
{
    return u"line %1, column %2: %3"_s.arg(line).arg(column).arg(message);
}

std::optional<JsonTextError> findJsonError(QStringView text)
{
    const QByteArray utf8 = text.toUtf8();
    JsonParseError error;
    if (parseJson(utf8, &error))
        return std::nullopt;
    // The parser counts bytes; the editor counts UTF-16 units.
    const QString before = QString::fromUtf8(utf8.left(error.offset));
    const qsizetype lineStart = before.lastIndexOf(u'\n') + 1;
    JsonTextError e;
    e.line = int(before.count(u'\n')) + 1;
    e.column = int(before.size() - lineStart) + 1;
    e.position = before.size();
    e.message = error.message;
    return e;
}

namespace {

bool isJsonSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == QChar(0xFEFF);
}

// The index of the closing quote of the string that starts at `open`.
qsizetype stringEnd(QStringView text, qsizetype open)
{
    qsizetype i = open + 1;
    while (i < text.size() && text[i] != u'"')
        i += text[i] == u'\\' ? 2 : 1;
    return qMin(i, text.size() - 1);
}

qsizetype nextNonSpace(QStringView text, qsizetype from)
{
    while (from < text.size() && isJsonSpace(text[from]))
        ++from;
    return from;
}

} // namespace

QString reformatJson(QStringView text, JsonLayout layout)
{
    const bool indented = layout == JsonLayout::Indented;
    QString out;
    out.reserve(text.size() + text.size() / 4);
    int depth = 0;
    const auto newline = [&] {
        if (indented) {
            out += u'\n';
            out += QString(2 * depth, u' ');
        }
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (isJsonSpace(c))
            continue;
        if (c == u'"') {
            const qsizetype end = stringEnd(text, i);
            out += text.mid(i, end - i + 1);
            i = end;
        } else if (c == u'{' || c == u'[') {
            const qsizetype next = nextNonSpace(text, i + 1);
            const QChar close = c == u'{' ? u'}' : u']';
            out += c;
            if (next < text.size() && text[next] == close) {
                out += close;
                i = next;
            } else {
                ++depth;
                newline();
            }
        } else if (c == u'}' || c == u']') {
            --depth;
            newline();
            out += c;
        } else if (c == u',') {
            out += c;
            newline();
        } else if (c == u':') {
            out += indented ? u": "_s : u":"_s;
        } else {
            out += c;
        }
    }
    return out;
}

QString stableJson(QStringView text)
{
    return reformatJson(text, JsonLayout::Indented) + u'\n';
}

} // namespace hb
