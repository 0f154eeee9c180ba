// SPDX-License-Identifier: MIT
// Pipe tables as Python-Markdown's table extension reads them: a header row and a separator row
// of - : | and spaces with the same number of cells; "|" inside code spans or escaped as "\|"
// does not split cells.
#include "mdcore.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::markdown::detail {

namespace {

enum Border { NoBorder = 0, LeftBorder = 1, RightBorder = 2 };

// Where a final "|" (with an even run of backslashes before it, which goes with it) starts, or
// -1 when the row does not end with a border.
qsizetype endBorderAt(QStringView row)
{
    if (row.isEmpty() || row.back() != u'|')
        return -1;
    const qsizetype pipe = row.size() - 1;
    qsizetype slashes = 0;
    while (pipe - slashes - 1 >= 0 && row[pipe - slashes - 1] == u'\\')
        ++slashes;
    if (slashes % 2)
        return -1; // "\|" is an escaped pipe
    return pipe - slashes;
}

// Cells split at pipes, except escaped pipes and pipes inside code spans.
QStringList splitCells(QStringView row)
{
    struct Tic
    {
        qsizetype count; // backticks (an escaped run counts without its backslash)
        qsizetype start;
        qsizetype end; // last index
        int escape;
    };
    std::vector<Tic> tics;
    std::vector<qsizetype> pipes;
    const auto runEnd = [&](qsizetype j) {
        while (j < row.size() && row[j] == u'`')
            ++j;
        return j;
    };
    qsizetype i = 0;
    while (i < row.size()) {
        const QChar c = row[i];
        const QChar next = i + 1 < row.size() ? row[i + 1] : QChar();
        if (c == u'\\' && next == u'\\') {
            i += 2;
        } else if (c == u'\\' && next == u'`') {
            const qsizetype j = runEnd(i + 1);
            tics.push_back(Tic{j - i - 1, i, j - 1, 1});
            i = j;
        } else if (c == u'`') {
            const qsizetype j = runEnd(i);
            tics.push_back(Tic{j - i, i, j - 1, 0});
            i = j;
        } else if (c == u'\\' && next == u'|') {
            i += 2;
        } else {
            if (c == u'|')
                pipes.push_back(i);
            ++i;
        }
    }
    // Pair each run with the next run of the same size: a code region.
    QHash<qsizetype, std::vector<size_t>> bySize;
    for (size_t k = 0; k < tics.size(); ++k)
        bySize[tics[k].count].push_back(k);
    std::vector<std::pair<qsizetype, qsizetype>> regions;
    size_t pos = 0;
    while (pos < tics.size()) {
        const qsizetype size = tics[pos].count - tics[pos].escape;
        size_t next = pos + 1;
        if (size > 0) {
            if (const auto it = bySize.constFind(size); it != bySize.cend()) {
                if (const auto found = std::upper_bound(it->begin(), it->end(), pos); found != it->end()) {
                    regions.emplace_back(tics[pos].start, tics[*found].end);
                    next = *found + 1;
                }
            }
        }
        pos = next;
    }
    QStringList cells;
    qsizetype from = 0;
    size_t r = 0;
    for (const qsizetype pipe : pipes) {
        while (r < regions.size() && regions[r].second < pipe)
            ++r;
        if (r < regions.size() && regions[r].first <= pipe)
            continue;
        cells.append(row.mid(from, pipe - from).toString());
        from = pipe + 1;
    }
    cells.append(row.mid(from).toString());
    return cells;
}

} // namespace

QStringView stripTableSpaces(QStringView s)
{
    qsizetype b = 0;
    qsizetype e = s.size();
    while (b < e && s[b] == u' ')
        ++b;
    while (e > b && s[e - 1] == u' ')
        --e;
    return s.mid(b, e - b);
}

QStringList tableCells(QStringView row, int border)
{
    if (border) {
        if (row.startsWith(u'|'))
            row = row.mid(1);
        if (const qsizetype cut = endBorderAt(row); cut >= 0)
            row = row.left(cut);
    }
    return splitCells(row);
}

std::optional<TableShape> tableShape(QStringView block)
{
    const qsizetype nl = block.indexOf(u'\n');
    if (nl < 0)
        return std::nullopt;
    const QStringView header = stripTableSpaces(block.left(nl));
    TableShape shape;
    if (header.startsWith(u'|'))
        shape.border |= LeftBorder;
    if (endBorderAt(header) >= 0)
        shape.border |= RightBorder;
    const qsizetype columns = tableCells(header, shape.border).size();
    bool isTable = columns > 1;
    if (!isTable && columns == 1 && shape.border) {
        // One column: every row needs a pipe.
        for (const QStringView line : block.mid(nl + 1).split(u'\n')) {
            const QStringView row = stripTableSpaces(line);
            isTable = row.startsWith(u'|') || endBorderAt(row) >= 0;
            if (!isTable)
                break;
        }
    }
    if (!isTable)
        return std::nullopt;
    qsizetype nl2 = block.indexOf(u'\n', nl + 1);
    if (nl2 < 0)
        nl2 = block.size();
    const QStringList separator = tableCells(stripTableSpaces(block.mid(nl + 1, nl2 - nl - 1)), shape.border);
    if (separator.size() != columns)
        return std::nullopt;
    for (const QString &cell : separator) {
        for (const QChar c : cell) {
            if (c != u'|' && c != u':' && c != u'-' && c != u' ')
                return std::nullopt;
        }
    }
    shape.separator = separator;
    return shape;
}

} // namespace hb::markdown::detail
